#!/usr/bin/env python3
"""The live channel (issue 12): while signed in the client keeps one
GET /api/v1/events long-poll open, sends its X-Frontdoor-Client id with it
(the presence heartbeat) and hands what arrives to the screens; nothing in
it polls on a timer. At 80x24, keyboard only; the API test client plays
the other people."""
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import BUILD, TuiCase, WAIT, login, runner, search  # noqa: E402
from contactkit import SamePortServer, client_log  # noqa: E402


class LiveTest(TuiCase):
    customers = 100
    server_class = SamePortServer

    @classmethod
    def setUpClass(cls):
        # Call-backs fall due within a second (the server's sweep).
        cls.srv = cls.server_class(BUILD, customers=cls.customers,
                                   extra_args=("--events-sweep-seconds", "1")).start()

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
            before = t.text()
            status, _, item = self.srv.request("POST", "/api/v1/queues/waste_services/claim",
                                               token=other)
            self.assertEqual(status, 200, item)
            self.assertIn(item["ref"], before, "the head of the queue was on screen")
            t.wait_gone(item["ref"])   # no key pressed: the live channel said so
            self.assertIn("Queue:", t.text())
            for ref in refs:
                if ref != item["ref"]:
                    self.assertIn(ref, t.text(), "the rest of the queue stays")

    def test_a_case_changed_under_me_is_announced_and_reloads_on_a_key(self):
        advisor, supervisor = self.srv.login("advisor"), self.srv.login("supervisor")
        case = self.raise_case(advisor, "Changed under me")
        stale = "Someone else changed this case"
        with self.client() as t:
            login(t, "backoffice")   # waste_services owns missed_bin: its team hears
            search(t, case["ref"])
            t.wait_for("Case %s: Changed under me" % case["ref"])
            status, _, body = self.srv.request(
                "PATCH", "/api/v1/cases/" + case["ref"], {"summary": "Changed by Sam"},
                token=supervisor, headers={"If-Match": '"%d"' % case["version"]})
            self.assertEqual(status, 200, body)
            t.wait_for(stale + " since it was read. <F5> shows their change.")
            self.assertNotIn("Changed by Sam", t.text(), "nothing moves under the reader")
            t.key("F5")
            t.wait_for("Changed by Sam")
            t.wait_gone(stale)
            t.key("n")   # our own change is not someone else's
            t.wait_for("Add a note to case")
            t.type("Checked with the crew")
            t.key("F2")
            t.wait_for(": saved.")
            t.settle(1.0)
            self.assertNotIn(stale, t.text())

    def test_a_callback_falling_due_for_me_is_announced(self):
        advisor = self.srv.login("advisor")
        with self.client() as t:
            login(t, "advisor")
            self.assertEqual(self.wait_log("live_start"), 1)
            status, _, cb = self.srv.request("POST", "/api/v1/callbacks", token=advisor, body={
                "customer_id": "5", "phone": "07700 900123", "reason": "Ring back",
                "due_at": "2099-01-01T10:00:00Z", "assignee": "advisor"})
            self.assertEqual(status, 201, cb)
            with sqlite3.connect(self.srv.db_path, timeout=10) as con:   # due now
                con.execute("UPDATE callbacks SET due_at = '2000-01-01T00:00:00Z' WHERE id = ?",
                            (int(cb["id"]),))
            t.wait_for(r"Call-back %s for contact_centre is due now: \S*<F9> opens the queues\."
                       % cb["id"])

    def test_an_event_committed_across_a_server_restart_still_arrives(self):
        self.home.write_config("frontdoor.conf", "retry_seconds = 3\n")
        supervisor = self.srv.login("supervisor")
        ref = self.raise_case(supervisor, "Handed over across a restart")["ref"]
        with self.client() as t:
            login(t, "advisor")
            self.assertEqual(self.wait_log("live_start"), 1)
            self.srv.stop_now()
            self.assertEqual(self.wait_log("live_retry"), 1, "the channel noticed")
            self.srv.start_again()
            self.hand_to(self.srv.login("supervisor"), ref, "advisor")
            self.assertNotIn("live_resumed", client_log(self.home),
                             "committed before the client was back")
            t.wait_for("Sam Supervisor handed you case %s." % ref, timeout=WAIT * 2)
            t.wait_for("Handed over across a restart")
            self.assertEqual(self.wait_log("live_resumed"), 1)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
