#!/usr/bin/env python3
"""The live channel (issue 12): while signed in the client keeps one
GET /api/v1/events long-poll open, sends its X-Frontdoor-Client id with it
(the presence heartbeat) and hands what arrives to the screens; nothing in
it polls on a timer. At 80x24, keyboard only; the API test client plays
the other people."""
import os
import re
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import BUILD, TuiCase, WAIT, login, runner, search  # noqa: E402
from contactkit import SamePortServer, client_log  # noqa: E402


class LiveCase(TuiCase):
    """What the live tests share: the client's log, and the API client
    playing the other people."""

    def wait_log(self, word, count=1, timeout=WAIT):
        deadline = time.time() + timeout
        while True:
            n = client_log(self.home).count(word)
            if n >= count or time.time() > deadline:
                return n
            time.sleep(0.1)

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


class LiveTest(LiveCase):
    customers = 100
    server_class = SamePortServer

    @classmethod
    def setUpClass(cls):
        # Call-backs fall due within a second (the server's sweep).
        cls.srv = cls.server_class(BUILD, customers=cls.customers,
                                   extra_args=("--events-sweep-seconds", "1")).start()

    def test_the_long_poll_is_held_quietly_and_ends_with_the_session(self):
        supervisor = self.srv.login("supervisor")
        with self.client() as t:
            login(t, "advisor")
            self.assertEqual(self.wait_log("live_from"), 1)
            t.settle(1.5)
            self.assertNotIn("\u2026", "".join(t.lines()[-2:]),
                             "the held request is not shown as work in progress")
            t.key("M-l")   # the lock: the channel stays open, nothing shows behind it
            t.wait_for("Enter unlocks")
            ref = self.raise_case(supervisor, "Handed over behind the lock")["ref"]
            self.hand_to(supervisor, ref, "advisor")
            self.assertEqual(self.wait_log("case.assigned held"), 1, "heard while locked, held")
            self.assertEqual(client_log(self.home).count("live_stop"), 0)
            self.assertNotIn(ref, t.text())
            t.type("demo")
            t.key("Enter")
            t.wait_for("Sam Supervisor handed you case %s." % ref)   # handed out at unlock
            t.wait_for("Handed over behind the lock")
            self.assertEqual(client_log(self.home).count("live_start"), 1, "never restarted")
            t.key("M-o")   # sign out
            t.wait_for("Sign in to Frontdoor")
            self.assertEqual(self.wait_log("live_stop"), 1)

    def test_a_case_handed_to_me_opens_without_a_polling_timer(self):
        supervisor = self.srv.login("supervisor")
        with self.client() as t:
            login(t, "advisor")
            self.assertEqual(self.wait_log("live_from"), 1, "listening from now on")
            ref = self.raise_case(supervisor, "Handed over live")["ref"]
            self.hand_to(supervisor, ref, "advisor")
            t.wait_for("Sam Supervisor handed you case %s." % ref)
            t.wait_for("Handed over live")   # the case itself, read by its ref
            self.assertIn("O'Brien", t.text())

    def test_the_queue_updates_in_place_when_another_client_claims(self):
        advisor, other = self.srv.login("advisor"), self.srv.login("backoffice")
        refs = [self.raise_case(advisor, "Queue item %d" % n)["ref"] for n in (1, 2, 3)]
        with self.client() as t:
            login(t, "backoffice")
            self.assertEqual(self.wait_log("live_from"), 1)
            t.key("F9")   # the queue of backoffice's own team
            for ref in refs:
                t.wait_for(ref)
            rows = re.findall(r"FD-\d\d-\d+", t.text())
            t.key("Down")   # the second row is selected
            status, _, item = self.srv.request("POST", "/api/v1/queues/waste_services/claim",
                                               token=other)
            self.assertEqual(status, 200, item)
            self.assertEqual(item["ref"], rows[0], "the head of the queue was on screen")
            t.wait_gone(item["ref"])   # no key pressed: the live channel said so
            for ref in refs:
                if ref != item["ref"]:
                    self.assertIn(ref, t.text(), "the rest of the queue stays")
            t.key("Enter")   # the same row is still selected, now first
            t.wait_for("Case %s" % rows[1])

    def test_the_rising_tide_is_the_servers_level_shown_as_it_rises(self):
        advisor = self.srv.login("advisor")
        with self.client() as t:
            login(t, "backoffice")
            self.assertEqual(self.wait_log("live_from"), 1)
            t.key("F9")
            t.wait_for("Queue: Waste Services")
            self.assertNotIn("RISING TIDE", t.text())
            for n in range(10):   # level 1 at 10 waiting (tide.conf)
                self.raise_case(advisor, "Rising %d" % n)
            status, _, body = self.srv.request("GET", "/api/v1/queues", token=advisor)
            level = [q["tide_level"] for q in body["items"] if q["team"]["code"] == "waste_services"]
            self.assertEqual(level, [1], "the server's level")
            t.wait_for("RISING TIDE 1 of 4")   # no key pressed

    def test_a_case_changed_under_me_is_announced_and_reloads_on_a_key(self):
        advisor, supervisor = self.srv.login("advisor"), self.srv.login("supervisor")
        case = self.raise_case(advisor, "Changed under me")
        stale = "Someone else changed this case"
        with self.client() as t:
            login(t, "backoffice")   # waste_services owns missed_bin: its team hears
            self.assertEqual(self.wait_log("live_from"), 1)
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
            self.assertEqual(self.wait_log("live_from"), 1)
            status, _, cb = self.srv.request("POST", "/api/v1/callbacks", token=advisor, body={
                "customer_id": "5", "phone": "07700 900123", "reason": "Ring back",
                "due_at": "2099-01-01T10:00:00Z", "assignee": "advisor"})
            self.assertEqual(status, 201, cb)
            with sqlite3.connect(self.srv.db_path, timeout=10) as con:   # due now
                con.execute("UPDATE callbacks SET due_at = '2000-01-01T00:00:00Z' WHERE id = ?",
                            (int(cb["id"]),))
            t.wait_for(r"Call-back %s for contact_centre is due now: \S*<F9> opens the queues\."
                       % cb["id"])

    def test_a_hand_over_heard_late_is_announced_not_opened(self):
        """Resuming the next morning must not open yesterday's hand-overs
        one after another: an event older than two minutes (by the
        server's clock) is said, and my work lists it."""
        supervisor = self.srv.login("supervisor")
        ref = self.raise_case(supervisor, "Handed over overnight")["ref"]
        with self.client() as t:
            login(t, "advisor")
            self.assertEqual(self.wait_log("live_from"), 1)   # an id is stored
        self.hand_to(supervisor, ref, "advisor")
        with sqlite3.connect(self.srv.db_path, timeout=10) as con:
            changed = con.execute(
                "UPDATE events SET at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-10 minutes')"
                " WHERE kind = 'case.assigned' AND facts LIKE ?", ("%" + ref + "%",)).rowcount
        self.assertEqual(changed, 1)
        with self.client() as t:
            login(t, "advisor")
            t.wait_for("handed you case %s while you were away: see my work." % ref)
            self.assertIn("Find a customer:", t.text())
            self.assertNotIn("Handed over overnight", t.text())

    def handed_across_a_restart(self, t, summary, minutes_ago=0):
        """Signed in, the server stops and starts again; while the client
        waits to retry a case is handed to the advisor (its event dated
        minutes_ago). The case's ref."""
        self.home.write_config("frontdoor.conf", "retry_seconds = 3\n")
        ref = self.raise_case(self.srv.login("supervisor"), summary)["ref"]
        login(t, "advisor")
        self.assertEqual(self.wait_log("live_from"), 1)
        self.srv.stop_now()
        self.assertEqual(self.wait_log("live_retry"), 1, "the channel noticed")
        self.srv.start_again()
        self.hand_to(self.srv.login("supervisor"), ref, "advisor")
        if minutes_ago:
            with sqlite3.connect(self.srv.db_path, timeout=10) as con:
                con.execute("UPDATE events SET at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?)"
                            " WHERE kind = 'case.assigned' AND facts LIKE ?",
                            ("-%d minutes" % minutes_ago, "%" + ref + "%"))
        self.assertNotIn("live_resumed", client_log(self.home),
                         "committed before the client was back")
        return ref

    def test_an_event_committed_across_a_server_restart_still_arrives(self):
        with self.client() as t:
            ref = self.handed_across_a_restart(t, "Handed over across a restart")
            t.wait_for("Sam Supervisor handed you case %s." % ref, timeout=WAIT * 2)
            t.wait_for("Handed over across a restart")
            self.assertEqual(self.wait_log("live_resumed"), 1)

    def test_an_event_heard_minutes_late_is_announced_not_opened(self):
        """Signed in all along, but the event reaches the client more than
        two minutes after it happened (by the server's clock): said, not
        opened over what the advisor is doing."""
        with self.client() as t:
            ref = self.handed_across_a_restart(t, "Handed over long ago", minutes_ago=10)
            t.wait_for("handed you case %s while you were away: see my work." % ref,
                       timeout=WAIT * 2)
            self.assertNotIn("Handed over long ago", t.text())

    def test_ids_the_server_no_longer_has_mean_reload_and_start_from_now(self):
        # A stored id past the end of the log (a replaced database, or one
        # pruned): 410, every listener reloads, the channel starts afresh.
        h = 1469598103934665603
        for b in self.srv.url.rstrip("/").encode():
            h = ((h ^ b) * 1099511628211) % (1 << 64)
        live = os.path.join(self.home.state, "frontdoor", "live")
        os.makedirs(live, mode=0o700)
        with open(os.path.join(live, "advisor-%016x.last_id" % h), "w") as f:
            f.write("999999999\n")
        supervisor = self.srv.login("supervisor")
        with self.client() as t:
            login(t, "advisor")
            self.assertEqual(self.wait_log("live_reload"), 1)
            self.assertEqual(self.wait_log("live_from"), 1, "then from now on")
            ref = self.raise_case(supervisor, "Handed over after a reload")["ref"]
            self.hand_to(supervisor, ref, "advisor")
            t.wait_for("Sam Supervisor handed you case %s." % ref)


class LiveBusyServerTest(LiveCase):
    """One waiter allowed: the client's long-poll meets 503 + Retry-After
    while another holds the place, waits as told, then gets in."""
    customers = 30

    @classmethod
    def setUpClass(cls):
        cls.srv = cls.server_class(BUILD, customers=cls.customers, extra_args=(
            "--events-max-waiters", "1", "--events-hold-seconds", "3")).start()

    def waiters(self):
        text = self.srv.request("GET", "/metrics")[2]
        return int(re.search(r"^frontdoord_event_waiters (\d+)$", text, re.M).group(1))

    def test_a_busy_server_is_waited_for(self):
        supervisor = self.srv.login("supervisor")
        # The place is held by someone the advisor's sign-in is no news to
        # (a supervisor hears presence changes, and would be answered and
        # ask again just as the client asks).
        holder_token = self.srv.login("backoffice")
        status, _, body = self.srv.request("GET", "/api/v1/events", token=holder_token)
        self.assertEqual(status, 200, body)
        stop = threading.Event()

        def hold_the_place():
            # Ask again as soon as each hold ends, from the last id seen, so
            # however slowly the client signs in it meets a 503.
            after = body["last_id"]
            while not stop.is_set():
                st, _, got = self.srv.request("GET", "/api/v1/events?after=%d" % after,
                                              token=holder_token)
                if st == 200:
                    after = got["last_id"]
                else:
                    time.sleep(0.05)
        holder = threading.Thread(target=hold_the_place, daemon=True)
        holder.start()
        deadline = time.time() + WAIT
        while self.waiters() != 1 and time.time() < deadline:
            time.sleep(0.05)
        self.assertEqual(self.waiters(), 1, "the place is held before the client comes")
        with self.client() as t:
            login(t, "advisor")
            met = self.wait_log("live_retry status=503", timeout=WAIT * 3)
            stop.set()
            self.assertGreaterEqual(met, 1, "the client met the limit")
            holder.join(WAIT)
            self.assertGreaterEqual(self.wait_log("live_resumed"), 1,
                                    "and got in once there was room")
            case = self.raise_case(supervisor, "Handed over once there was room")
            self.hand_to(supervisor, case["ref"], "advisor")
            t.wait_for("handed you case %s." % case["ref"])


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
