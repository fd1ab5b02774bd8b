#!/usr/bin/env python3
"""My work (issue 12): GET /api/v1/me/work lists, with counts, my open
cases, the hand-overs among them (latest assignment a hand-off by someone
else), call-backs booked for me or due now in my teams (not those booked
for someone else, not future ones for the team), and unread messages;
audited as GET /cases?assignee=me and GET /callbacks are; not for
trainers (no live records)."""
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from casekit import db_write, iso, now_utc, quote  # noqa: E402
from livekit import LiveApi, RolesServer, db_rows, runner  # noqa: E402


class MyWorkTest(RolesServer, LiveApi):
    customers = 40

    def hand(self, ref, to, by="advisor"):
        return self.ok(self.as_(by, "POST", "/api/v1/cases/%s/handoff" % quote(ref),
                                {"assignee": to, "reason": "Over to you"}))

    def book(self, hours=1, **target):
        body = {"customer_id": "7", "phone": "07700 900123", "reason": "Ring back about the bin",
                "due_at": iso(now_utc() + datetime.timedelta(hours=hours))}
        body.update(target)
        return self.ok(self.req("POST", "/api/v1/callbacks", body), 201)

    def due_now(self, cb):
        db_write(self.srv.db_path, "UPDATE callbacks SET due_at = ? WHERE id = ?",
                 iso(now_utc() - datetime.timedelta(minutes=5)), int(cb["id"]))

    def refs(self, part):
        return sorted(c["ref"] for c in part["items"])

    def test_a_new_person_has_nothing_waiting(self):
        w = self.work(self.person())
        self.assertEqual({k: (v["count"], v["items"]) for k, v in w.items()},
                         {k: (0, []) for k in ("cases", "handovers", "callbacks", "messages", "calls")})

    def test_cases_and_the_hand_overs_among_them(self):
        me = self.person(team="waste_services", roles=("backoffice",))
        handed = self.create()["ref"]
        self.hand(handed, me)
        taken = self.create()["ref"]
        self.hand(taken, me, by=me)   # to myself: mine, but no hand-over
        w = self.work(me)
        self.assertEqual(self.refs(w["cases"]), sorted([handed, taken]))
        self.assertEqual(w["cases"]["count"], 2)
        self.assertEqual(self.refs(w["handovers"]), [handed])
        self.assertEqual(w["handovers"]["count"], 1)
        self.assertEqual(w["handovers"]["items"][0]["assigned_by"], "Alex Advisor")
        # Handed on: no longer mine.
        self.hand(handed, "backoffice", by=me)
        w = self.work(me)
        self.assertEqual((self.refs(w["cases"]), w["handovers"]["count"]), ([taken], 0))

    def test_call_backs_for_me_or_due_in_my_teams(self):
        me = self.person(team="highways")
        someone = self.person(team="highways")
        mine_later = self.book(assignee=me)
        team_due = self.book(team_code="highways")
        self.due_now(team_due)
        team_later = self.book(team_code="highways")
        theirs = self.book(assignee=someone)
        self.due_now(theirs)
        elsewhere = self.book(team_code="revenues")
        self.due_now(elsewhere)
        w = self.work(me)
        ids = sorted(c["id"] for c in w["callbacks"]["items"])
        self.assertEqual(ids, sorted([mine_later["id"], team_due["id"]]))
        self.assertEqual(w["callbacks"]["count"], 2)
        self.assertNotIn(team_later["id"], ids)
        self.assertIn(theirs["id"], [c["id"] for c in self.work(someone)["callbacks"]["items"]])

    def test_messages_unread_with_count(self):
        me = self.person(team="revenues")
        sent = [self.ok(self.as_("supervisor", "POST", "/api/v1/messages", body), 201)["id"]
                for body in ({"to_user": me, "text": "One"}, {"to_team": "revenues", "text": "Two"})]
        w = self.work(me)
        self.assertEqual(([m["id"] for m in w["messages"]["items"]], w["messages"]["count"]),
                         (sorted(sent, key=int, reverse=True), 2))

    def test_counts_are_totals_beyond_the_page(self):
        me = self.person(team="revenues")
        for i in range(53):
            self.ok(self.as_("supervisor", "POST", "/api/v1/messages",
                             {"to_user": me, "text": "Note %d" % i}), 201)
        w = self.work(me)
        self.assertEqual((w["messages"]["count"], len(w["messages"]["items"])), (53, 50))

    def test_audited_like_my_cases_and_call_backs(self):
        me = self.person(team="highways")
        ref = self.create(customer_id="11")["ref"]
        self.hand(ref, me)
        self.book(assignee=me, customer_id="12")
        self.work(me)
        rows = db_rows(self.srv.db_path, "SELECT action, customer_id FROM audit a WHERE username"
                       " = ? ORDER BY id", me)
        self.assertIn(("callback.list", 12), rows)
        linked = db_rows(self.srv.db_path, "SELECT s.customer_id FROM audit a JOIN audit_subjects"
                         " s ON s.audit_id = a.id WHERE a.username = ? AND a.action = 'case.mine'",
                         me)
        self.assertIn((11,), linked)

    def test_not_for_trainers(self):
        self.problem(self.req("GET", "/api/v1/me/work", user="trainer"), 403)
        for who in ("advisor", "backoffice", "supervisor", "admin"):
            self.ok(self.req("GET", "/api/v1/me/work", user=who), msg=who)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
