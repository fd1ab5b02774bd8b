#!/usr/bin/env python3
"""What the advisor must know (issue 9.5), at the API: the queue summary
counts the waiting items past SLA as the item list shows them (call-backs
included); GET /api/v1/people finds colleagues to hand a case to, by name
or team, for any staff role, with only user name, display name and teams."""
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from casekit import (CaseApi, RolesServer, backdate, contact_body, db_write, iso,  # noqa: E402
                     now_utc, runner)


class InfoTest(RolesServer, CaseApi):
    customers = 60

    def book_callback(self, team, due):
        body = {"customer_id": "5", "phone": "07700 900123", "reason": "Wants an update",
                "due_at": iso(now_utc() + datetime.timedelta(hours=1)), "team_code": team}
        cb = self.ok(self.req("POST", "/api/v1/callbacks", body), 201)
        db_write(self.srv.db_path, "UPDATE callbacks SET due_at = ? WHERE id = ?", iso(due), int(cb["id"]))
        return cb

    def test_queue_past_sla_agrees_with_rows(self):
        team = "blue_badge"
        now = now_utc()
        self.book_callback(team, now - datetime.timedelta(minutes=4))
        self.create(service_code="blue_badge", summary="On time")["ref"]
        late = self.create(service_code="blue_badge", summary="Late")["ref"]
        backdate(self.srv.db_path, late, due=now - datetime.timedelta(minutes=10))
        rows = self.queue(team)
        self.assertEqual(len(rows), 3, rows)
        s = self.summary(team)
        self.assertEqual(s["depth"], len(rows))
        self.assertEqual(s["waiting_past_sla"], sum(1 for r in rows if r["past_sla"]), (s, rows))
        self.assertEqual(s["waiting_past_sla"], 2)
        # a claimed item is no longer waiting: the count follows the rows
        self.join("backoffice", team)
        self.ok(self.claim(team))
        s = self.summary(team)
        rows = self.queue(team)
        self.assertEqual(s["waiting_past_sla"], sum(1 for r in rows if r["past_sla"]), (s, rows))

    def people(self, query="", user="advisor", status=200):
        return self.ok(self.req("GET", "/api/v1/people" + query, user=user), status)

    def test_people_lookup_by_name_and_team(self):
        body = self.people("?q=sam")
        self.assertEqual(body["items"], [{"username": "supervisor", "display_name": "Sam Supervisor",
                                          "teams": body["items"][0]["teams"]}])
        self.assertTrue(all(set(t) == {"code", "name"} for t in body["items"][0]["teams"]))
        # by display name or user name, any case; only these three fields
        self.assertEqual([p["username"] for p in self.people("?q=BLAKE")["items"]], ["backoffice"])
        self.assertEqual([p["username"] for p in self.people("?q=backoff")["items"]], ["backoffice"])
        for p in self.people()["items"]:
            self.assertEqual(set(p), {"username", "display_name", "teams"})
        waste = self.people("?team=waste_services")["items"]
        self.assertIn("backoffice", [p["username"] for p in waste])
        self.assertTrue(all("waste_services" in [t["code"] for t in p["teams"]] for p in waste), waste)
        self.assertEqual(waste[0]["teams"][0]["name"], "Waste Services")
        self.assertEqual(self.people("?q=nobody-at-all")["items"], [])
        self.assertEqual(self.people("?q=blake&team=highways")["items"], [])

    def test_people_roles_and_bounds(self):
        for user in ("advisor", "backoffice", "trainer", "supervisor", "admin"):
            self.people("?q=a", user=user)
        self.problem(self.srv.request("GET", "/api/v1/people"), 401)
        self.problem(self.req("GET", "/api/v1/people?q=" + "x" * 65), 400)
        self.problem(self.req("GET", "/api/v1/people?team=" + "x" * 65), 400)

    def test_note_on_an_open_case_whatever_team_owns_it(self):
        """The triage offers a note on the customer's open case instead of a
        duplicate: any front-line role may add it, whichever team owns the
        case and whoever has claimed it."""
        ref = self.create(service_code="missed_bin", summary="Claimed elsewhere")["ref"]
        claimed = None
        while claimed != ref:
            claimed = self.ok(self.claim("waste_services", user="backoffice"))["ref"]
        self.assertEqual(self.case(ref)["team"]["code"], "waste_services")
        for user in ("advisor", "supervisor"):
            self.ok(self.req("POST", "/api/v1/cases/%s/notes" % ref,
                             {"body": "Customer called again (%s)" % user}, user=user), 201)
        self.problem(self.req("POST", "/api/v1/cases/%s/notes" % ref, {"body": "x"}, user="trainer"), 403)

    def test_contact_records_the_articles_and_the_answer_given(self):
        body = contact_body(articles=[{"id": "bin-collection-rules", "answer": True},
                                      {"id": "bin-service-disruptions"}])
        made = self.ok(self.req("POST", "/api/v1/contacts", body), 201)
        got = self.ok(self.req("GET", "/api/v1/contacts/%s" % made["id"]))
        self.assertEqual([(a["id"], a["answer"]) for a in got["articles"]],
                         [("bin-collection-rules", True), ("bin-service-disruptions", False)])
        self.assertTrue(got["articles"][0]["title"])
        # counted per article
        use = self.ok(self.req("GET", "/api/v1/kb/bin-collection-rules"))["use"]
        self.assertEqual(use, {"contacts": 1, "answers": 1})
        self.assertEqual(self.ok(self.req("GET", "/api/v1/kb/bin-service-disruptions"))["use"],
                         {"contacts": 1, "answers": 0})
        # none is fine, and is an empty list
        plain = self.ok(self.req("POST", "/api/v1/contacts", contact_body()), 201)
        self.assertEqual(plain["articles"], [])

    def test_contact_articles_are_checked(self):
        for bad in ([{"id": "no-such-article"}],
                    [{"id": "bin-collection-rules", "answer": True},
                     {"id": "bin-service-disruptions", "answer": True}],
                    [{"id": "bin-collection-rules", "answer": "yes"}],
                    [{"id": "bin-collection-rules", "extra": 1}],
                    ["bin-collection-rules"],
                    "bin-collection-rules",
                    [{"id": "bin-collection-rules"}] * 21):
            self.problem(self.req("POST", "/api/v1/contacts", contact_body(articles=bad)), 400,
                         "articles", msg=repr(bad)[:60])


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
