#!/usr/bin/env python3
"""Cases: POST /api/v1/cases (validation, roles, reference, team and due time
from the service SLA, note, next steps, triage answers in plain words),
GET /api/v1/cases/{ref} (the ref typed any way), the customer's single view
and search, PATCH with If-Match (428, 412 with "current", the two-people
conflict, status transitions and reopening), notes, hand-off and the
timeline GET /api/v1/cases/{ref}/events."""
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from casekit import (DISPLAY, DROP, REF_RE, RFC3339, TRIAGE, TRIAGE_WORDS,  # noqa: E402
                     CaseApi, RolesServer, db_scalar, key, parse_iso, qs, quote, runner,
                     user_id)


def case_count(srv):
    return db_scalar(srv.db_path, "SELECT COUNT(*) FROM cases")


class CasesTest(RolesServer, CaseApi):
    customers = 60

    # ---- creating ---------------------------------------------------------

    def test_create_validation(self):
        long_text = "x" * 501
        cases = [
            ("unknown service", {"service_code": "no_such_service"}, "service_code"),
            ("missing service", {"service_code": DROP}, "service_code"),
            ("missing summary", {"summary": DROP}, "summary"),
            ("empty summary", {"summary": ""}, "summary"),
            ("summary too long", {"summary": long_text}, "summary"),
            ("bad priority", {"priority": "critical"}, "priority"),
            ("unknown customer", {"customer_id": "999999"}, "customer_id"),
            ("customer not an id", {"customer_id": "abc"}, "customer_id"),
            ("triage a string", {"triage_response": "yes"}, "triage_response"),
            ("triage an array", {"triage_response": [TRIAGE]}, "triage_response"),
            ("triage wrong resource", {"triage_response": {"resourceType": "Questionnaire",
                                                           "item": []}}, "triage_response"),
            ("triage without type", {"triage_response": {"item": []}}, "triage_response"),
            ("unknown field", {"colour": "green"}, "colour"),
            ("note too long", {"note": "n" * 4001}, "note"),
            ("next steps too long", {"next_steps": "s" * 1001}, "next_steps"),
            ("contact not an id", {"contact_id": "abc"}, "contact_id"),
        ]
        for name, over, field in cases:
            with self.subTest(name):
                before = case_count(self.srv)
                body = {"customer_id": "3", "service_code": "missed_bin", "summary": "Missed"}
                body.update(over)
                body = {k: v for k, v in body.items() if v is not DROP}
                self.problem(self.req("POST", "/api/v1/cases", body), 400, field, msg=name)
                self.assertEqual(case_count(self.srv), before, "%s: a refused case was stored" % name)

    def test_unknown_service_detail_names_it(self):
        body = self.problem(self.req("POST", "/api/v1/cases",
                                     {"service_code": "no_such_service", "summary": "x"}),
                            400, "service_code")
        self.assertEqual([e["field"] for e in body["errors"]], ["service_code"])

    def test_roles(self):
        before = case_count(self.srv)
        self.problem(self.req("POST", "/api/v1/cases", {"service_code": "missed_bin",
                                                         "summary": "x"}, user="trainer"), 403)
        self.problem(self.srv.request("POST", "/api/v1/cases",
                                      {"service_code": "missed_bin", "summary": "x"}), 401)
        self.assertEqual(case_count(self.srv), before, "a refused case was stored")
        for user in ("advisor", "backoffice", "supervisor", "admin"):
            with self.subTest(user):
                c = self.create(user=user)
                self.assertEqual(c["created_by"], DISPLAY[user])
        # the trainer may neither read a live case (personal details, 9.6) nor change it
        ref = self.create()["ref"]
        self.assertEqual(self.get_case(ref, user="trainer")[0], 403)
        self.problem(self.patch(ref, {"priority": "high"}, self.etag(ref), user="trainer"), 403)
        self.problem(self.req("POST", "/api/v1/cases/%s/notes" % ref, {"body": "x"},
                              user="trainer"), 403)
        self.problem(self.req("POST", "/api/v1/cases/%s/handoff" % ref,
                              {"team_code": "revenues", "reason": "x"}, user="trainer"), 403)

    def test_create_full_context(self):
        status, headers, c = self.req("POST", "/api/v1/cases", {
            "customer_id": "3", "service_code": "missed_bin", "summary": "Grey bin missed again",
            "priority": "high", "note": "Customer says the crew skipped Fixture Close.",
            "next_steps": "Crew will return within 2 working days.", "triage_response": TRIAGE,
            "script_id": "missed-bin", "script_version": "3"})
        self.assertEqual(status, 201, c)
        self.assertTrue(headers["content-type"].startswith("application/json"))
        self.assertRegex(c["ref"], REF_RE)
        self.assertEqual(headers.get("location"), "/api/v1/cases/" + c["ref"])
        self.assertEqual(headers.get("etag"), '"%d"' % c["version"])
        self.assertEqual(c["status"], "new")
        self.assertEqual(c["priority"], "high")
        self.assertEqual(c["service"]["code"], "missed_bin")
        self.assertEqual(c["team"]["code"], "waste_services")
        self.assertEqual(c["team"]["name"], "Waste Services")
        self.assertIsNone(c["assignee"])
        self.assertIsNone(c["assignee_id"])
        self.assertIsNone(c["closed_at"])
        self.assertEqual(c["created_by"], "Alex Advisor")
        self.assertEqual(c["next_steps"], "Crew will return within 2 working days.")
        self.assertEqual(c["script_id"], "missed-bin")
        self.assertEqual(c["script_version"], "3")
        self.assertEqual(c["customer"]["id"], "3")
        self.assertIsInstance(c["customer"]["flags"], list)
        for field in ("created_at", "due_at", "updated_at"):
            self.assertRegex(c[field], RFC3339, field)
        # due = created + 48 h (the missed_bin SLA)
        delta = parse_iso(c["due_at"]) - parse_iso(c["created_at"])
        self.assertEqual(delta, datetime.timedelta(hours=48))
        now = datetime.datetime.now(datetime.timezone.utc)
        self.assertLess(abs((parse_iso(c["created_at"]) - now).total_seconds()), 60)
        # the note, with its author
        self.assertEqual(len(c["notes"]), 1, c["notes"])
        self.assertEqual(c["notes"][0]["body"], "Customer says the crew skipped Fixture Close.")
        self.assertEqual(c["notes"][0]["author"], "Alex Advisor")
        # the triage answers in plain words, nested ones included, display items left out
        self.assertEqual(c["triage_answers"], TRIAGE_WORDS)
        self.assertEqual(c["triage_response"], TRIAGE)
        # GET returns the same case
        got = self.case(c["ref"])
        self.assertEqual(got, c)

    def test_default_priority_and_no_customer(self):
        c = self.create(customer_id=DROP, summary="Pothole outside the school")
        self.assertEqual(c["priority"], "normal")
        self.assertIsNone(c["customer"])
        self.assertEqual(c["triage_answers"], [])
        self.assertEqual(c["notes"], [])

    def test_team_and_due_from_the_service(self):
        for service, team, hours in (("bulky_waste", "waste_services", 120),
                                     ("pothole", "highways", 120),
                                     ("blue_badge", "blue_badge", 480),
                                     ("ctax_payment_difficulty", "revenues", 72),
                                     ("general_enquiry", "customer_services_back_office", 48)):
            with self.subTest(service):
                c = self.create(service_code=service)
                self.assertEqual(c["team"]["code"], team)
                self.assertEqual(parse_iso(c["due_at"]) - parse_iso(c["created_at"]),
                                 datetime.timedelta(hours=hours))

    def test_refs_are_sequential(self):
        year = datetime.datetime.now(datetime.timezone.utc).year % 100
        refs = [self.create()["ref"] for _ in range(4)]
        nums = []
        for ref in refs:
            self.assertRegex(ref, REF_RE)
            self.assertEqual(ref[3:5], "%02d" % year, ref)
            nums.append(int(ref[6:]))
        self.assertEqual(nums, list(range(nums[0], nums[0] + 4)), refs)
        # a refused create does not use up a number
        self.problem(self.req("POST", "/api/v1/cases", {"service_code": "nope", "summary": "x"}), 400)
        self.assertEqual(int(self.create()["ref"][6:]), nums[-1] + 1)

    def test_idempotent_create(self):
        k = key()
        body = {"customer_id": "4", "service_code": "missed_bin", "summary": "Replayed"}
        before = case_count(self.srv)
        s1, h1, c1 = self.req("POST", "/api/v1/cases", body, headers={"Idempotency-Key": k})
        s2, h2, c2 = self.req("POST", "/api/v1/cases", body, headers={"Idempotency-Key": k})
        self.assertEqual((s1, s2), (201, 201), (c1, c2))
        self.assertEqual(c1["ref"], c2["ref"])
        self.assertEqual(h1.get("location"), h2.get("location"))
        self.assertEqual(case_count(self.srv), before + 1)

    # ---- finding ----------------------------------------------------------

    def test_single_view_open_cases(self):
        c = self.create(customer_id="7", summary="Bulky waste not collected",
                        service_code="bulky_waste")
        view = self.ok(self.req("GET", "/api/v1/customers/7"))
        mine = [o for o in view["open_cases"] if o["ref"] == c["ref"]]
        self.assertEqual(len(mine), 1, view["open_cases"])
        self.assertEqual(mine[0]["summary"], "Bulky waste not collected")
        self.assertEqual(mine[0]["status"], "new")
        self.assertEqual(mine[0]["due_at"], c["due_at"])
        # still open while worked
        self.patch_ok(c["ref"], {"status": "in_progress"})
        view = self.ok(self.req("GET", "/api/v1/customers/7"))
        self.assertEqual([o["status"] for o in view["open_cases"] if o["ref"] == c["ref"]],
                         ["in_progress"])
        # resolved: gone from the open cases
        self.patch_ok(c["ref"], {"status": "resolved"})
        view = self.ok(self.req("GET", "/api/v1/customers/7"))
        self.assertNotIn(c["ref"], [o["ref"] for o in view["open_cases"]])
        # reopened: back again
        self.patch_ok(c["ref"], {"status": "in_progress"})
        view = self.ok(self.req("GET", "/api/v1/customers/7"))
        self.assertIn(c["ref"], [o["ref"] for o in view["open_cases"]])

    def test_ref_typed_any_way(self):
        c = self.create(customer_id="11")
        ref = c["ref"]
        yy, num = ref[3:5], ref[6:]
        typed = [ref, ref.lower(), "fd%s%s" % (yy, num), "FD %s %s" % (yy, num),
                 "FD%s-%s" % (yy, num), " fd-%s-%s " % (yy, num)]
        for text in typed:
            with self.subTest(text):
                status, _, got = self.get_case(text)
                self.assertEqual(status, 200, got)
                self.assertEqual(got["ref"], ref)
                status, _, found = self.req("GET", "/api/v1/customers?" + qs(q=text))
                self.assertEqual(status, 200, found)
                hits = [i for i in found["items"] if i["id"] == "11"]
                self.assertEqual(len(hits), 1, "search %r: %r" % (text, found))
                self.assertEqual(hits[0]["match"], "case_ref")
        for bad in ("FD-%s-999999" % yy, "FD-26-00001", "XX-26-000001", "hello"):
            with self.subTest(bad=bad):
                self.problem(self.get_case(bad), 404)
                self.problem(self.req("GET", "/api/v1/cases/%s/events" % quote(bad)), 404)

    def test_older_refs_stay_searchable(self):
        """A customer with many cases is still found by the first one's ref."""
        refs = [self.create(customer_id="13", summary="Case %d" % i)["ref"] for i in range(34)]
        for ref in (refs[0], refs[1], refs[-1]):
            with self.subTest(ref):
                found = self.ok(self.req("GET", "/api/v1/customers?" + qs(q=ref)))
                self.assertEqual([i["id"] for i in found["items"]], ["13"], found)

    # ---- the timeline -----------------------------------------------------

    def test_events_record_every_change_in_order(self):
        c = self.create(note="First note from the call.")
        ref = c["ref"]
        self.patch_ok(ref, {"status": "in_progress", "priority": "urgent"}, user="backoffice")
        self.ok(self.req("POST", "/api/v1/cases/%s/notes" % ref, {"body": "Checked the round."},
                         user="backoffice"), 201)
        self.ok(self.req("POST", "/api/v1/cases/%s/handoff" % ref,
                         {"team_code": "highways", "reason": "Bin blocked by a pothole",
                          "note": "Highways to fill it first."}, user="supervisor"))
        self.join("admin", "highways")   # claims come from your own teams only
        claimed = self.ok(self.claim("highways", user="admin"))
        self.assertEqual(claimed["ref"], ref)
        self.patch_ok(ref, {"summary": "Pothole blocks the bin", "next_steps": "Fill, then collect"},
                      user="admin")
        evs = self.events(ref)
        got = [(e["kind"], e["actor"]) for e in evs]
        self.assertEqual(got, [
            ("created", "Alex Advisor"), ("note", "Alex Advisor"),
            ("status", "Blake Backoffice"), ("priority", "Blake Backoffice"),
            ("note", "Blake Backoffice"),
            ("handoff", "Sam Supervisor"), ("note", "Sam Supervisor"),
            ("claimed", "Ada Admin"),
            ("summary", "Ada Admin"), ("next_steps", "Ada Admin")], json.dumps(evs, indent=1))
        ids = [int(e["id"]) for e in evs]
        self.assertEqual(ids, sorted(ids))
        times = [e["at"] for e in evs]
        for t in times:
            self.assertRegex(t, RFC3339)
        self.assertEqual(times, sorted(times))
        by_kind = {e["kind"]: e["detail"] for e in evs}
        self.assertEqual(by_kind["created"]["team"], "waste_services")
        self.assertEqual(by_kind["created"]["service"], "missed_bin")
        self.assertEqual(by_kind["status"], {"from": "new", "to": "in_progress"})
        self.assertEqual(by_kind["priority"], {"from": "normal", "to": "urgent"})
        self.assertEqual(by_kind["handoff"]["team"], "highways")
        self.assertEqual(by_kind["handoff"]["reason"], "Bin blocked by a pothole")
        # the case shows every note, in order, with authors
        case = self.case(ref)
        self.assertEqual([(n["body"], n["author"]) for n in case["notes"]], [
            ("First note from the call.", "Alex Advisor"),
            ("Checked the round.", "Blake Backoffice"),
            ("Highways to fill it first.", "Sam Supervisor")])
        self.assertEqual(case["assignee"], "Ada Admin")
        self.assertEqual(case["summary"], "Pothole blocks the bin")

    # ---- PATCH and If-Match -----------------------------------------------

    def test_if_match_required(self):
        ref = self.create()["ref"]
        before = self.case(ref)
        body = self.problem(self.patch(ref, {"priority": "high"}), 428)
        self.assertIn("If-Match", body["title"] + body["detail"])
        self.assertEqual(self.case(ref), before, "a PATCH without If-Match changed the case")
        # unknown case: 404 whether or not If-Match is sent
        self.problem(self.patch("FD-26-999998", {"priority": "high"}, '"1"'), 404)

    def test_stale_etag_412_with_current(self):
        c = self.create()
        ref = c["ref"]
        old = '"%d"' % c["version"]
        self.patch_ok(ref, {"priority": "low"})
        status, headers, body = self.patch(ref, {"priority": "urgent"}, old)
        self.assertEqual(status, 412, body)
        self.assertTrue(headers["content-type"].startswith("application/problem+json"))
        current = body.get("current")
        self.assertIsInstance(current, dict, body)
        self.assertEqual(current["ref"], ref)
        self.assertEqual(current["priority"], "low")
        self.assertEqual(current["version"], c["version"] + 1)
        self.assertEqual(headers.get("etag"), '"%d"' % current["version"])
        self.assertEqual(self.case(ref)["priority"], "low", "a stale PATCH changed the case")
        # the weak form of the current ETag is accepted
        self.ok(self.patch(ref, {"priority": "high"}, "W/" + headers["etag"]))

    def test_conflict_two_people(self):
        """The issue's conflict test: two people load the same case, both
        change it; the second gets 412 and sees the first's change. (The
        first was the advisor; a case in another team's queue is no longer
        the contact-centre advisor's to change, so it is the supervisor.)"""
        ref = self.create(next_steps="We will collect within 2 days.")["ref"]
        s1, h1, seen_by_supervisor = self.get_case(ref, user="supervisor")
        s2, h2, seen_by_backoffice = self.get_case(ref, user="backoffice")
        self.assertEqual((s1, s2), (200, 200))
        self.assertEqual(h1["etag"], h2["etag"])
        first = self.patch(ref, {"priority": "urgent",
                                 "next_steps": "Crew sent today; customer told by 6pm."},
                           h1["etag"], user="supervisor")
        self.assertEqual(first[0], 200, first[2])
        self.assertNotEqual(first[1]["etag"], h1["etag"])
        second = self.patch(ref, {"status": "awaiting_customer", "priority": "low"}, h2["etag"],
                            user="backoffice")
        body = self.problem(second, 412)
        current = body["current"]
        self.assertEqual(current["priority"], "urgent")
        self.assertEqual(current["next_steps"], "Crew sent today; customer told by 6pm.")
        self.assertEqual(current["status"], "new")
        self.assertEqual(second[1].get("etag"), first[1]["etag"])
        # what the client can show as the difference
        diff = {k for k in ("priority", "next_steps", "status")
                if current[k] != seen_by_backoffice[k]}
        self.assertEqual(diff, {"priority", "next_steps"})
        # nothing of the second change landed, and the timeline has only the first
        now = self.case(ref)
        self.assertEqual((now["status"], now["priority"]), ("new", "urgent"))
        self.assertEqual(self.kinds(ref), ["created", "priority", "next_steps"])
        # backoffice re-applies on top of the current case
        third = self.patch(ref, {"status": "awaiting_customer"}, second[1]["etag"], user="backoffice")
        self.assertEqual(third[0], 200, third[2])
        self.assertEqual((third[2]["status"], third[2]["priority"]), ("awaiting_customer", "urgent"))

    def test_status_transitions(self):
        c = self.create(customer_id="9")
        ref = c["ref"]
        for to in ("in_progress", "awaiting_customer", "in_progress", "awaiting_customer"):
            got = self.patch_ok(ref, {"status": to})
            self.assertEqual(got["status"], to)
            self.assertIsNone(got["closed_at"])
        resolved = self.patch_ok(ref, {"status": "resolved"})
        self.assertEqual(resolved["status"], "resolved")
        self.assertRegex(resolved["closed_at"] or "", RFC3339)
        closed = self.patch_ok(ref, {"status": "closed"})
        self.assertEqual(closed["status"], "closed")
        self.assertEqual(closed["closed_at"], resolved["closed_at"])
        # a closed case cannot go back to new, awaiting or resolved, only reopen
        for to in ("new", "awaiting_customer", "resolved"):
            with self.subTest(closed_to=to):
                self.problem(self.patch(ref, {"status": to}, self.etag(ref)), 400, "status")
        reopened = self.patch_ok(ref, {"status": "in_progress"})
        self.assertEqual(reopened["status"], "in_progress")
        self.assertIsNone(reopened["closed_at"])
        evs = self.events(ref)
        self.assertEqual([e["kind"] for e in evs],
                         ["created"] + ["status"] * 6 + ["reopened"])
        self.assertEqual(evs[-1]["detail"], {"from": "closed", "to": "in_progress"})
        self.assertEqual(evs[-3]["detail"], {"from": "awaiting_customer", "to": "resolved"})
        # resolved -> in_progress is also a reopen
        self.patch_ok(ref, {"status": "resolved"})
        self.patch_ok(ref, {"status": "in_progress"})
        self.assertEqual(self.kinds(ref)[-1], "reopened")

    def test_resolution_goes_on_the_timeline(self):
        """What was done, said when resolving, is in the status event (issue 9.4)."""
        ref = self.create()["ref"]
        self.patch_ok(ref, {"status": "in_progress"})
        self.problem(self.patch(ref, {"status": "awaiting_customer", "resolution": "x"},
                                self.etag(ref)), 400, "resolution")
        self.problem(self.patch(ref, {"status": "resolved", "resolution": "x" * 2001},
                                self.etag(ref)), 400, "resolution")
        self.patch_ok(ref, {"status": "resolved", "resolution": "Crew went back; bin emptied."})
        self.assertEqual(self.events(ref)[-1]["detail"],
                         {"from": "in_progress", "to": "resolved",
                          "resolution": "Crew went back; bin emptied."})

    def test_refused_transitions(self):
        ref = self.create()["ref"]
        etag = self.etag(ref)
        self.problem(self.patch(ref, {"status": "closed"}, etag), 400, "status")
        self.problem(self.patch(ref, {"status": "pending"}, etag), 400, "status")
        self.problem(self.patch(ref, {"priority": "critical"}, etag), 400, "priority")
        self.problem(self.patch(ref, {"summary": "x" * 501}, etag), 400, "summary")
        self.problem(self.patch(ref, {"assignee_id": "1"}, etag), 400, "assignee_id")
        self.assertEqual(self.etag(ref), etag, "a refused PATCH changed the version")
        self.assertEqual(self.kinds(ref), ["created"])
        self.patch_ok(ref, {"status": "in_progress"})
        self.problem(self.patch(ref, {"status": "new"}, self.etag(ref)), 400, "status")
        self.problem(self.patch(ref, {"status": "closed"}, self.etag(ref)), 400, "status")

    # ---- notes ------------------------------------------------------------

    def test_notes(self):
        ref = self.create()["ref"]
        etag = self.etag(ref)
        status, headers, c = self.req("POST", "/api/v1/cases/%s/notes" % ref,
                                      {"body": "Rang the crew; they will go back."},
                                      user="backoffice")
        self.assertEqual(status, 201, c)
        self.assertEqual(c["notes"][-1]["body"], "Rang the crew; they will go back.")
        self.assertEqual(c["notes"][-1]["author"], "Blake Backoffice")
        self.assertNotEqual(headers.get("etag"), etag, "a note should change the case's ETag")
        exact = "é" * 4000  # characters, not bytes
        self.ok(self.req("POST", "/api/v1/cases/%s/notes" % ref, {"body": exact}), 201)
        self.assertEqual(self.case(ref)["notes"][-1]["body"], exact)
        for name, body in (("missing", {}), ("empty", {"body": ""}), ("not text", {"body": 5}),
                           ("too long", {"body": "x" * 4001})):
            with self.subTest(name):
                self.problem(self.req("POST", "/api/v1/cases/%s/notes" % ref, body), 400, "body")
        self.assertEqual(len(self.case(ref)["notes"]), 2)
        self.assertEqual(self.kinds(ref), ["created", "note", "note"])
        self.problem(self.req("POST", "/api/v1/cases/FD-26-999997/notes", {"body": "x"}), 404)

    def test_note_unknown_field(self):
        ref = self.create()["ref"]
        self.problem(self.req("POST", "/api/v1/cases/%s/notes" % ref,
                              {"body": "x", "private": True}), 400, "private")
        self.assertEqual(self.case(ref)["notes"], [])

    # ---- hand-off ---------------------------------------------------------

    def handoff(self, ref, body, user="advisor", headers=None):
        return self.req("POST", "/api/v1/cases/%s/handoff" % quote(ref), body, user=user,
                        headers=headers)

    def test_handoff_to_person_then_team(self):
        ref = self.create()["ref"]
        # to a named person: assignee and that person's team
        c = self.ok(self.handoff(ref, {"assignee": "supervisor", "reason": "Needs a manager",
                                       "note": "Third missed collection this month."}))
        self.assertEqual(c["assignee"], "Sam Supervisor")
        self.assertEqual(c["assignee_id"], str(user_id(self.srv.db_path, "supervisor")))
        self.assertEqual(c["team"]["code"], "contact_centre")
        self.assertEqual(c["notes"][-1]["body"], "Third missed collection this month.")
        # to a team: the team changes and the assignee is cleared
        c = self.ok(self.handoff(ref, {"team_code": "waste_services", "reason": "Crew to revisit"},
                                 user="supervisor"))
        self.assertEqual(c["team"]["code"], "waste_services")
        self.assertIsNone(c["assignee"])
        self.assertIsNone(c["assignee_id"])
        self.assertIn(ref, [i["ref"] for i in self.queue("waste_services", limit=200)])
        evs = [e for e in self.events(ref) if e["kind"] == "handoff"]
        self.assertEqual(len(evs), 2)
        self.assertEqual(evs[0]["actor"], "Alex Advisor")
        self.assertEqual(evs[0]["detail"]["reason"], "Needs a manager")
        self.assertEqual(evs[0]["detail"]["team"], "contact_centre")
        self.assertEqual(evs[0]["detail"].get("assignee_id"),
                         str(user_id(self.srv.db_path, "supervisor")))
        self.assertEqual(evs[1]["actor"], "Sam Supervisor")
        self.assertEqual(evs[1]["detail"]["team"], "waste_services")
        self.assertIsNone(evs[1]["detail"].get("assignee_id"))

    def test_handoff_to_person_in_named_team(self):
        ref = self.create()["ref"]
        c = self.ok(self.handoff(ref, {"assignee": "backoffice", "team_code": "waste_services",
                                       "reason": "Blake knows the round"}))
        self.assertEqual((c["team"]["code"], c["assignee"]), ("waste_services", "Blake Backoffice"))
        self.assertNotIn(ref, [i["ref"] for i in self.queue("waste_services", limit=200)],
                         "an assigned case is not in the team queue")

    def test_handoff_validation(self):
        ref = self.create()["ref"]
        before = self.case(ref)
        for name, body, field in (
                ("no reason", {"team_code": "revenues"}, "reason"),
                ("empty reason", {"team_code": "revenues", "reason": ""}, "reason"),
                ("no target", {"reason": "x"}, "team_code"),
                ("unknown team", {"team_code": "nowhere", "reason": "x"}, "team_code"),
                ("unknown user", {"assignee": "nobody", "reason": "x"}, "assignee"),
                ("unknown field", {"team_code": "revenues", "reason": "x", "urgent": True},
                 "urgent"),
                ("note too long", {"team_code": "revenues", "reason": "x", "note": "n" * 4001},
                 "note")):
            with self.subTest(name):
                self.problem(self.handoff(ref, body), 400, field, msg=name)
        self.assertEqual(self.case(ref), before, "a refused hand-off changed the case")
        self.assertEqual(self.kinds(ref), ["created"])
        self.problem(self.handoff("FD-26-999996", {"team_code": "revenues", "reason": "x"}), 404)

    def test_handoff_idempotent_replay(self):
        ref = self.create()["ref"]
        k = key()
        body = {"team_code": "revenues", "reason": "Council tax question",
                "note": "Customer moving out on the 30th."}
        first = self.handoff(ref, body, headers={"Idempotency-Key": k})
        second = self.handoff(ref, body, headers={"Idempotency-Key": k})
        self.assertEqual(first[0], 200, first[2])
        self.assertEqual(second[0], 200, second[2])
        self.assertEqual(first[2]["version"], second[2]["version"])
        self.assertEqual(self.kinds(ref), ["created", "handoff", "note"])
        self.assertEqual(len(self.case(ref)["notes"]), 1)
        # the same key with a different body is refused, not applied
        other = self.handoff(ref, {"team_code": "highways", "reason": "x"},
                             headers={"Idempotency-Key": k})
        self.assertGreaterEqual(other[0], 400, other[2])
        self.assertEqual(self.case(ref)["team"]["code"], "revenues")


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
