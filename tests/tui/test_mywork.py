#!/usr/bin/env python3
"""My work (issue 12) in the client, at 80x24: a supervisor hands the
advisor a case and sends them a message; the message's words reach the
message line ("Message from Sam Supervisor: ...") and the status line
counts it, with no timer (the live channel); F12 lists the hand-over and
the message; Enter on the message shows it and marks it read (the server
says so and the count goes); Enter on the case opens it."""
import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import TuiCase, login, runner  # noqa: E402


class MyWorkTest(TuiCase):
    customers = 40

    def supervisor(self, method, path, body=None, status=None):
        code, _, got = self.srv.request(method, path, body, token=self.srv.login("supervisor"))
        if status is not None:
            self.assertEqual(code, status, got)
        return got

    def hand_over(self):
        case = self.supervisor("POST", "/api/v1/cases", {
            "customer_id": "3", "service_code": "missed_bin",
            "summary": "Bin missed again " + uuid.uuid4().hex[:6]}, 201)
        self.supervisor("POST", "/api/v1/cases/%s/handoff" % case["ref"],
                        {"assignee": "advisor", "reason": "Over to you"}, 200)
        return case["ref"]

    def test_a_message_and_a_hand_over_wait_in_my_work(self):
        with self.client() as t:
            login(t)
            ref = self.hand_over()
            words = "Team huddle at 3 " + uuid.uuid4().hex[:4]
            sent = self.supervisor("POST", "/api/v1/messages",
                                   {"to_user": "advisor", "text": words}, 201)
            t.wait_for("Message from Sam Supervisor: " + words)
            t.wait_for("My work: 1 message")
            t.key("F12")
            t.wait_for("Handed to you +%s" % ref)
            t.wait_for("Message {2,}from Sam Supervisor")
            t.key("Home")
            t.key("Enter")    # the message: first in the list
            t.wait_for("Message from Sam Supervisor: " + words)
            t.wait_gone("Message {2,}from Sam Supervisor")
            got = self.srv.request("GET", "/api/v1/messages/%s" % sent["id"],
                                   token=self.srv.login("advisor"))[2]
            self.assertIsNotNone(got["read_at"])
            t.key("Home")
            self.assertIn("My work", t.lines()[0])
            t.key("Enter")    # the hand-over, now first
            t.wait_for(r"^[^\n]*Case %s" % ref)   # the title line
            # My work is asked for from anywhere, also from what it opened.
            t.key("F12")
            t.wait_for(r"^[^\n]*My work")
            t.key("F9")       # the queues, over my work
            t.wait_for(r"^[^\n]*Queue")
            t.key("M-i")
            t.wait_for(r"^[^\n]*My work")


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
