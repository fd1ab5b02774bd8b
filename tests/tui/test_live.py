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


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
