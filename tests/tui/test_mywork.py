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
from contactkit import client_log, wait_client_log  # noqa: E402


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

    def reads_of_my_work(self):
        return self.srv.stderr_text().count("route=/api/v1/me/work ")

    def settled_reads(self, t):
        """The reads of my work once none has come for a second (the
        hand-over's own events may still be read)."""
        n = self.reads_of_my_work()
        while True:
            t.settle(1.0)
            now = self.reads_of_my_work()
            if now == n:
                return n
            n = now

    def test_only_my_cases_changing_reads_my_work_again(self):
        """case.changed reaches the case's whole team; my work is an audited
        read, so a note on a team case that is not mine does not read it
        again, and a note on mine does."""
        case = self.supervisor("POST", "/api/v1/cases", {
            "customer_id": "3", "service_code": "missed_bin",
            "summary": "Team case " + uuid.uuid4().hex[:6]}, 201)
        self.supervisor("POST", "/api/v1/cases/%s/handoff" % case["ref"],
                        {"team_code": "contact_centre", "reason": "For the team"}, 200)
        with self.client() as t:
            login(t)
            mine = self.hand_over()
            t.wait_for("handed you case %s" % mine)
            t.wait_for(r"My work: \d+ cases?")
            before = self.settled_reads(t)
            self.supervisor("POST", "/api/v1/cases/%s/notes" % case["ref"],
                            {"body": "Not yours"}, 201)
            self.assertTrue(wait_client_log(self.home, "kind=case.changed"), "the team heard it")
            t.settle(0.5)
            self.assertEqual(self.reads_of_my_work(), before)
            self.supervisor("POST", "/api/v1/cases/%s/notes" % mine, {"body": "Yours"}, 201)
            for _ in range(100):
                if self.reads_of_my_work() > before:
                    break
                t.settle(0.1)
            self.assertGreater(self.reads_of_my_work(), before)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
