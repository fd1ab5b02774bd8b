#!/usr/bin/env python3
"""Call-backs: POST /api/v1/callbacks (validation, roles, the callback_booked
event on a linked case), GET /api/v1/callbacks?due=now|all&team=&mine=true,
due call-backs in the team queue (kind "callback") and claimable, future
ones only once due, one booked for a person released to the team only when
overdue by more than --callback-release-minutes, and
POST /api/v1/callbacks/{id}/complete recording a contact (409 the second time)."""
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from casekit import (DROP, CaseApi, RolesServer, contact_body, db_scalar,  # noqa: E402
                     db_write, iso, key, now_utc, parse_iso, runner, user_id)


def cb_count(srv):
    return db_scalar(srv.db_path, "SELECT COUNT(*) FROM callbacks")


def set_due(srv, cb_id, when):
    db_write(srv.db_path, "UPDATE callbacks SET due_at = ? WHERE id = ?", iso(when), int(cb_id))


class CallbackApi(CaseApi):
    def book(self, user="advisor", status=201, **over):
        body = {"customer_id": "5", "phone": "07700 900123",
                "due_at": iso(now_utc() + datetime.timedelta(hours=1)),
                "reason": "Wants to know when the crew will come back",
                "team_code": "customer_services_back_office"}
        body.update(over)
        body = {k: v for k, v in body.items() if v is not DROP}
        return self.ok(self.req("POST", "/api/v1/callbacks", body, user=user), status,
                       msg="book %r" % body)

    def listed(self, query="", user="advisor"):
        body = self.ok(self.req("GET", "/api/v1/callbacks" + query, user=user))
        return [b["id"] for b in body["items"]]

    def queue_ids(self, team, kind="callback"):
        return [i["id"] for i in self.queue(team) if i["kind"] == kind]


class CallbacksTest(RolesServer, CallbackApi):
    customers = 60

    def test_validation(self):
        soon = iso(now_utc() + datetime.timedelta(hours=1))
        cases = [
            ("missing phone", {"phone": DROP}, "phone"),
            ("empty phone", {"phone": ""}, "phone"),
            ("phone letters", {"phone": "call me maybe"}, "phone"),
            ("phone too short", {"phone": "12"}, "phone"),
            ("missing due_at", {"due_at": DROP}, "due_at"),
            ("due_at words", {"due_at": "tomorrow at 10"}, "due_at"),
            ("due_at date only", {"due_at": "2026-11-24"}, "due_at"),
            ("due_at a number", {"due_at": 1764000000}, "due_at"),
            ("missing reason", {"reason": DROP}, "reason"),
            ("reason too long", {"reason": "r" * 501}, "reason"),
            ("no team or person", {"team_code": DROP}, "team_code"),
            ("unknown team", {"team_code": "nowhere"}, "team_code"),
            ("unknown person", {"team_code": DROP, "assignee": "nobody"}, "assignee"),
            ("unknown case", {"case_ref": "FD-26-999999"}, "case_ref"),
            ("case ref nonsense", {"case_ref": "hello"}, "case_ref"),
            ("unknown customer", {"customer_id": "999999"}, "customer_id"),
            ("unknown field", {"colour": "red"}, "colour"),
        ]
        for name, over, field in cases:
            with self.subTest(name):
                before = cb_count(self.srv)
                body = {"customer_id": "5", "phone": "07700 900123", "due_at": soon,
                        "reason": "x", "team_code": "revenues"}
                body.update(over)
                body = {k: v for k, v in body.items() if v is not DROP}
                self.problem(self.req("POST", "/api/v1/callbacks", body), 400, field, msg=name)
                self.assertEqual(cb_count(self.srv), before, "%s: a refused call-back was stored" % name)

    def test_roles(self):
        before = cb_count(self.srv)
        body = {"phone": "07700 900123", "due_at": iso(now_utc()), "reason": "x",
                "team_code": "revenues"}
        self.problem(self.req("POST", "/api/v1/callbacks", body, user="trainer"), 403)
        self.problem(self.srv.request("POST", "/api/v1/callbacks", body), 401)
        self.assertEqual(cb_count(self.srv), before)
        # call-backs carry phone numbers: closed to trainers until the sandbox (9.6)
        self.problem(self.req("GET", "/api/v1/callbacks", user="trainer"), 403)
        for user in ("advisor", "backoffice", "supervisor", "admin"):
            with self.subTest(user):
                self.book(user=user)

    def test_booked_shape(self):
        due = now_utc() + datetime.timedelta(hours=2)
        b = self.book(due_at=iso(due), phone="+44 7700 900456", team_code="revenues")
        self.assertRegex(b["id"], r"^[0-9]+$")
        self.assertEqual(b["status"], "pending")
        self.assertEqual(b["customer_id"], "5")
        self.assertEqual(b["team_code"], "revenues")
        self.assertIsNone(b["assignee"])
        self.assertIsNone(b["claimed_by"])
        self.assertIsNone(b["case_ref"])
        self.assertIsNone(b["contact_id"])
        self.assertEqual(parse_iso(b["due_at"]), due)
        self.assertEqual(b["phone"], "+44 7700 900456")
        # an offset time is stored in UTC
        local = (due + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S+01:00")
        b2 = self.book(due_at=local, team_code="revenues")
        self.assertEqual(b2["due_at"], iso(due))

    def test_triage_answers_go_with_it(self):
        """Issue 9.2: a call-back booked by a triage outcome keeps its answers."""
        qr = {"resourceType": "QuestionnaireResponse", "status": "completed",
              "item": [{"linkId": "amount-owed", "answer": [{"valueDecimal": 2000}]}]}
        cb = self.book(triage_response=qr)
        self.assertEqual(cb["triage_response"], qr)
        self.assertNotIn("triage_response", self.book(), "absent when none was sent")
        body = self.problem(self.req("POST", "/api/v1/callbacks", {
            "phone": "07700 900123", "due_at": iso(now_utc()), "reason": "x",
            "team_code": "revenues", "triage_response": {"resourceType": "Questionnaire"}}),
            400, "triage_response")
        self.assertEqual([e["field"] for e in body["errors"]], ["triage_response"])

    def test_for_a_person_takes_their_team(self):
        b = self.book(team_code=DROP, assignee="backoffice")
        self.assertEqual((b["assignee"], b["team_code"]), ("backoffice", "waste_services"))

    def test_linked_case_gets_an_event(self):
        ref = self.create()["ref"]
        due = iso(now_utc() + datetime.timedelta(hours=3))
        b = self.book(case_ref=ref.replace("-", " ").lower(), due_at=due, user="backoffice")
        self.assertEqual(b["case_ref"], ref)
        evs = self.events(ref)
        self.assertEqual(evs[-1]["kind"], "callback_booked")
        self.assertEqual(evs[-1]["actor"], "Blake Backoffice")
        self.assertEqual(evs[-1]["detail"].get("due_at"), due)
        self.assertEqual([e["kind"] for e in evs], ["created", "callback_booked"])

    def test_idempotent_booking(self):
        k = key()
        ref = self.create()["ref"]
        body = {"phone": "07700 900123", "due_at": iso(now_utc()), "reason": "Replay",
                "team_code": "revenues", "case_ref": ref}
        before = cb_count(self.srv)
        a = self.req("POST", "/api/v1/callbacks", body, headers={"Idempotency-Key": k})
        b = self.req("POST", "/api/v1/callbacks", body, headers={"Idempotency-Key": k})
        self.assertEqual((a[0], b[0]), (201, 201), (a[2], b[2]))
        self.assertEqual(a[2]["id"], b[2]["id"])
        self.assertEqual(cb_count(self.srv), before + 1)
        self.assertEqual(self.kinds(ref).count("callback_booked"), 1)

    def test_list_due_team_mine(self):
        team = "parking"
        past = self.book(team_code=team, due_at=iso(now_utc() - datetime.timedelta(minutes=5)))
        future = self.book(team_code=team, due_at=iso(now_utc() + datetime.timedelta(days=2)))
        other = self.book(team_code="highways", due_at=iso(now_utc() - datetime.timedelta(minutes=1)))
        mine = self.book(team_code=DROP, assignee="supervisor",
                         due_at=iso(now_utc() - datetime.timedelta(minutes=2)))
        now_ids = self.listed()
        self.assertIn(past["id"], now_ids)
        self.assertIn(other["id"], now_ids)
        self.assertNotIn(future["id"], now_ids)
        self.assertEqual(self.listed("?due=now"), now_ids, "due=now is the default")
        all_ids = self.listed("?due=all")
        self.assertIn(future["id"], all_ids)
        self.assertEqual(self.listed("?due=all&team=" + team), [past["id"], future["id"]])
        self.assertEqual(self.listed("?team=" + team), [past["id"]])
        self.assertEqual(self.listed("?due=all&mine=true", user="supervisor"), [mine["id"]])
        self.assertNotIn(mine["id"], self.listed("?due=all&mine=true", user="advisor"))
        # soonest first
        items = self.ok(self.req("GET", "/api/v1/callbacks?due=all"))["items"]
        dues = [i["due_at"] for i in items]
        self.assertEqual(dues, sorted(dues))
        self.problem(self.req("GET", "/api/v1/callbacks?due=tomorrow"), 400, "due")

    def test_mine_and_due_take_only_their_values(self):
        # A typo must not quietly read as the default (issue 11).
        for query, field in (("?mine=perhaps", "mine"), ("?mine=1", "mine"),
                             ("?due=later", "due"), ("?due=all&mine=yes", "mine")):
            with self.subTest(query=query):
                self.problem(self.req("GET", "/api/v1/callbacks" + query), 400, field)
        self.listed("?due=all&mine=false")

    def test_due_callback_in_queue_and_claimed(self):
        team = "blue_badge"
        for user in ("backoffice", "supervisor"):   # claims: your own teams only
            self.join(user, team)
        b = self.book(team_code=team, due_at=iso(now_utc() + datetime.timedelta(hours=1)),
                      reason="Renewal form question")
        self.assertNotIn(b["id"], self.queue_ids(team), "a future call-back is not in the queue yet")
        s = self.summary(team)
        self.assertEqual((s["callbacks_due"], s["depth"]), (0, 0), s)
        self.assertEqual(self.claim(team)[0], 204)
        # time passes: now it is due
        set_due(self.srv, b["id"], now_utc() - datetime.timedelta(minutes=1))
        items = [i for i in self.queue(team) if i["kind"] == "callback"]
        self.assertEqual([i["id"] for i in items], [b["id"]])
        self.assertEqual(items[0]["summary"], "Renewal form question")
        self.assertEqual(items[0]["priority"], "callback")
        s = self.summary(team)
        self.assertEqual((s["callbacks_due"], s["depth"]), (1, 1), s)
        # a due call-back goes ahead of an on-time urgent case
        case_ref = self.create(service_code="blue_badge", priority="urgent")["ref"]
        self.assertEqual([(i["kind"], i["id"]) for i in self.queue(team)][0], ("callback", b["id"]))
        status, _, item = self.claim(team, user="backoffice")
        self.assertEqual(status, 200, item)
        self.assertEqual((item["kind"], item["id"]), ("callback", b["id"]))
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT claimed_by FROM callbacks WHERE id = ?",
                                   int(b["id"])), user_id(self.srv.db_path, "backoffice"))
        self.assertNotIn(b["id"], self.queue_ids(team))
        self.assertIn(b["id"], self.listed("?mine=true", user="backoffice"))
        got = [x for x in self.ok(self.req("GET", "/api/v1/callbacks?team=" + team))["items"]
               if x["id"] == b["id"]]
        self.assertEqual(got[0]["claimed_by"], "backoffice")
        # next claim is the case, then nothing
        self.assertEqual(self.ok(self.claim(team, user="supervisor"))["ref"], case_ref)
        self.assertEqual(self.claim(team)[0], 204)
        # the claimed call-back no longer counts as waiting in the team's depth
        s = self.summary(team)
        self.assertEqual(s["depth"], 0, "depth after every item was claimed: %r" % s)

    def test_person_callback_not_released_with_default_time(self):
        """Default release time is 30 minutes: 2 minutes overdue stays with the person."""
        b = self.book(team_code=DROP, assignee="backoffice",
                      due_at=iso(now_utc() + datetime.timedelta(hours=1)))
        set_due(self.srv, b["id"], now_utc() - datetime.timedelta(minutes=2))
        self.assertNotIn(b["id"], self.queue_ids("waste_services"))
        self.assertIn(b["id"], self.listed("?mine=true", user="backoffice"))
        set_due(self.srv, b["id"], now_utc() - datetime.timedelta(minutes=31))
        self.assertIn(b["id"], self.queue_ids("waste_services"))

    def test_complete(self):
        ref = self.create(customer_id="6")["ref"]
        b = self.book(customer_id="6", case_ref=ref, team_code="revenues",
                      due_at=iso(now_utc() - datetime.timedelta(minutes=1)))
        contact = contact_body(customer_id="6", channel="phone", wrap_code="missed_bin_reported",
                               outcome="resolved", note="Rang back; crew confirmed for Friday.")
        status, _, done = self.req("POST", "/api/v1/callbacks/%s/complete" % b["id"], contact,
                                   user="backoffice")
        self.assertEqual(status, 200, done)
        self.assertEqual(done["status"], "done")
        self.assertRegex(done["contact_id"] or "", r"^[0-9]+$")
        self.assertRegex(done["completed_at"] or "", r"Z$")
        # the contact is in the customer's history, with its wrap code
        contacts = self.ok(self.req("GET", "/api/v1/customers/6/contacts"))["items"]
        mine = [c for c in contacts if c["id"] == done["contact_id"]]
        self.assertEqual(len(mine), 1, contacts)
        self.assertEqual(mine[0]["wrap_code"], "missed_bin_reported")
        full = self.ok(self.req("GET", "/api/v1/contacts/%s" % done["contact_id"]))
        self.assertEqual(full["customer_id"], "6")
        # done: out of the lists and the queue; completing again is a conflict
        self.assertNotIn(b["id"], self.listed("?due=all"))
        self.assertNotIn(b["id"], self.queue_ids("revenues"))
        before = db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM contacts")
        self.problem(self.req("POST", "/api/v1/callbacks/%s/complete" % b["id"],
                              contact_body(customer_id="6")), 409)
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM contacts"), before,
                         "a second completion recorded a contact")

    def test_complete_refusals(self):
        b = self.book(team_code="revenues")
        before = db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM contacts")
        self.problem(self.req("POST", "/api/v1/callbacks/%s/complete" % b["id"],
                              contact_body(channel="carrier_pigeon")), 400, "channel")
        self.problem(self.req("POST", "/api/v1/callbacks/%s/complete" % b["id"],
                              contact_body(wrap_code=DROP)), 400)
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM contacts"), before)
        self.assertIn(b["id"], self.listed("?due=all"), "a refused completion changed the call-back")
        self.problem(self.req("POST", "/api/v1/callbacks/999999/complete", contact_body()), 404)
        self.problem(self.req("POST", "/api/v1/callbacks/abc/complete", contact_body()), 404)
        self.problem(self.req("POST", "/api/v1/callbacks/%s/complete" % b["id"], contact_body(),
                              user="trainer"), 403)

    def test_complete_idempotent_replay(self):
        b = self.book(team_code="revenues")
        k = key()
        body = contact_body(customer_id="5")
        first = self.req("POST", "/api/v1/callbacks/%s/complete" % b["id"], body,
                         headers={"Idempotency-Key": k})
        again = self.req("POST", "/api/v1/callbacks/%s/complete" % b["id"], body,
                         headers={"Idempotency-Key": k})
        self.assertEqual((first[0], again[0]), (200, 200), (first[2], again[2]))
        self.assertEqual(first[2]["contact_id"], again[2]["contact_id"])


class CallbackReleaseTest(RolesServer, CallbackApi):
    """--callback-release-minutes 1: a person's call-back overdue by more
    than a minute is released to their team's queue."""

    customers = 60
    server_args = ["--callback-release-minutes", "1"]

    def test_release_to_team(self):
        team = "waste_services"
        self.join("supervisor", team)   # claims: your own teams only
        b = self.book(team_code=DROP, assignee="backoffice",
                      due_at=iso(now_utc() + datetime.timedelta(hours=1)))
        self.assertEqual(b["team_code"], team)
        self.assertNotIn(b["id"], self.queue_ids(team))
        # due, overdue by half a minute: still the person's, not the team's
        set_due(self.srv, b["id"], now_utc() - datetime.timedelta(seconds=30))
        self.assertNotIn(b["id"], self.queue_ids(team))
        self.assertEqual(self.claim(team, user="supervisor")[0], 204)
        self.assertIn(b["id"], self.listed("?mine=true", user="backoffice"))
        held = self.summary(team), len(self.queue(team))
        # overdue by two minutes: released, and someone else in the team can take it
        set_due(self.srv, b["id"], now_utc() - datetime.timedelta(minutes=2))
        self.assertIn(b["id"], self.queue_ids(team))
        status, _, item = self.claim(team, user="supervisor")
        self.assertEqual(status, 200, item)
        self.assertEqual((item["kind"], item["id"]), ("callback", b["id"]))
        self.assertNotIn(b["id"], self.queue_ids(team))
        self.assertIn(b["id"], self.listed("?mine=true", user="supervisor"))
        # checked last so the release itself is tested whatever this says
        self.assertEqual(held[0]["depth"], held[1],
                         "depth counts a call-back the team cannot claim yet: %r" % (held[0],))

    def test_team_callback_needs_no_release(self):
        team = "highways"
        b = self.book(team_code=team, due_at=iso(now_utc() - datetime.timedelta(seconds=5)))
        self.assertIn(b["id"], self.queue_ids(team))


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
