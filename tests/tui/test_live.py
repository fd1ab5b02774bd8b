#!/usr/bin/env python3
"""The live channel (issue 12): while signed in the client keeps one
GET /api/v1/events long-poll open, sends its X-Frontdoor-Client id with it
(the presence heartbeat) and hands what arrives to the screens; nothing in
it polls on a timer. At 80x24, keyboard only; the API test client plays
the other people."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import TuiCase, WAIT, login, runner  # noqa: E402
from contactkit import client_log  # noqa: E402


class LiveTest(TuiCase):
    customers = 100

    def wait_log(self, word, count=1, timeout=WAIT):
        deadline = time.time() + timeout
        while True:
            n = client_log(self.home).count(word)
            if n >= count or time.time() > deadline:
                return n
            time.sleep(0.1)

    def test_the_long_poll_is_held_quietly_and_ends_with_the_session(self):
        with self.client() as t:
            login(t, "advisor")
            self.assertEqual(self.wait_log("live_start"), 1)
            t.settle(1.5)
            self.assertNotIn("\u2026", "".join(t.lines()[-2:]),
                             "the held request is not shown as work in progress")
            t.key("M-l")   # the lock: nothing arrives behind it
            t.wait_for("Enter unlocks")
            self.assertEqual(self.wait_log("live_stop"), 1)
            t.type("demo")
            t.key("Enter")
            t.wait_for("Find a customer:")
            self.assertEqual(self.wait_log("live_start", 2), 2, "resumed on unlock")
            t.key("M-o")   # sign out
            t.wait_for("Sign in to Frontdoor")
            self.assertEqual(self.wait_log("live_stop", 2), 2)

    def raise_case(self, token, summary):
        status, _, case = self.srv.request("POST", "/api/v1/cases", token=token, body={
            "customer_id": "1", "service_code": "missed_bin", "summary": summary,
            "next_steps": "Crew returns within 2 working days"})
        self.assertEqual(status, 201, case)
        return case

    def hand_to(self, token, ref, person):
        status, _, body = self.srv.request("POST", "/api/v1/cases/%s/handoff" % ref, token=token,
                                           body={"assignee": person, "reason": "Over to you"})
        self.assertEqual(status, 200, body)

    def test_a_case_handed_to_me_opens_without_a_polling_timer(self):
        supervisor = self.srv.login("supervisor")
        with self.client() as t:
            login(t, "advisor")
            self.assertEqual(self.wait_log("live_start"), 1)
            t.settle(0.5)
            ref = self.raise_case(supervisor, "Handed over live")["ref"]
            self.hand_to(supervisor, ref, "advisor")
            t.wait_for("Sam Supervisor handed you case %s." % ref)
            t.wait_for("Handed over live")   # the case itself, read by its ref
            self.assertIn("O'Brien", t.text())

    def test_the_queue_updates_in_place_when_another_client_claims(self):
        advisor, other = self.srv.login("advisor"), self.srv.login("backoffice")
        refs = [self.raise_case(advisor, "Queue item %d" % n)["ref"] for n in (1, 2)]
        with self.client() as t:
            login(t, "backoffice")
            t.key("F9")   # the queue of backoffice's own team
            for ref in refs:
                t.wait_for(ref)
            status, _, item = self.srv.request("POST", "/api/v1/queues/waste_services/claim",
                                               token=other)
            self.assertEqual(status, 200, item)
            self.assertIn(item["ref"], refs)
            t.wait_gone(item["ref"])   # no key pressed: the live channel said so
            self.assertIn("Queue:", t.text())
            for ref in refs:
                if ref != item["ref"]:
                    self.assertIn(ref, t.text())


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
