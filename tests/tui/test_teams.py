#!/usr/bin/env python3
"""Team queues in the client under the team rules: the contact-centre
advisor who tries to claim from Highways is told why not, in words, and
nothing is claimed; once a supervisor adds them to Highways for the day
(an expiry relative to now), the same key claims the case."""
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import TuiCase, login, runner  # noqa: E402


def utc(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


class TeamQueueTest(TuiCase):
    customers = 50

    def highways_queue(self, t):
        t.key("M-w")
        t.wait_for("Queue: ")
        for _ in range(20):
            if "Queue: Highways" in t.text():
                return
            t.key("Tab")
            t.settle(0.2)
        t.wait_for("Queue: Highways")

    def test_claim_outside_your_teams_is_refused_in_words(self):
        advisor = self.srv.login("advisor")
        status, _, case = self.srv.request("POST", "/api/v1/cases", {
            "customer_id": "2", "service_code": "pothole",
            "summary": "Pothole outside the school"}, token=advisor)
        self.assertEqual(status, 201, case)
        ref = case["ref"]
        with self.client(160, 40) as t:
            login(t)
            self.highways_queue(t)
            t.wait_for(ref)
            t.key("c")
            t.wait_for("You are not a member of the Highways team")
            self.assertIsNone(self.db_assignee(ref))
            # the supervisor brings the advisor in for the day
            status, _, body = self.srv.request(
                "POST", "/api/v1/users/advisor/teams",
                {"team_code": "highways",
                 "expires_at": utc(datetime.datetime.now(datetime.timezone.utc)
                                   + datetime.timedelta(hours=8))},
                token=self.srv.login("supervisor"))
            self.assertEqual(status, 200, body)
            t.key("c")
            t.wait_for("Claimed: %s" % ref)
        self.assertEqual(self.db_assignee(ref), "advisor")

    def db_assignee(self, ref):
        import sqlite3
        con = sqlite3.connect(self.srv.db_path)
        try:
            row = con.execute("SELECT (SELECT username FROM users WHERE id = assignee_id)"
                              " FROM cases WHERE ref = ?", (ref,)).fetchone()
        finally:
            con.close()
        return row[0]


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
