#!/usr/bin/env python3
"""Sign-in throttling: counted and decided atomically however many clients
try at once, per (user name, client address) so it is not a lock-out
weapon, with a bounded table, and argon2 checks through a bounded gate."""
import os
import re
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import runner  # noqa: E402
from apitest import ApiTestCase, FdServer  # noqa: E402
from netkit import OTHER, in_parallel, login_from, metric  # noqa: E402

FREE_FAILURES = 4   # docs/ARCHITECTURE.md, man/frontdoord.8: "after four"
CHECKS = "frontdoord_password_checks_total"


def checks_allowed(elapsed):
    """The most password checks one (user, address) can get in elapsed
    seconds: four, then one after each wait of 2, 4, 8 ... s. A wait is
    whole seconds from a whole-second clock, so count each as a second
    shorter."""
    n, t, wait = FREE_FAILURES, 0.0, 2
    while t + wait - 1 <= elapsed:
        t += wait - 1
        n += 1
        wait = min(wait * 2, 300)
    return n


class ThrottleTest(ApiTestCase):
    # As many password checkers as clients, so all 16 attempts really do
    # race each other to the throttle (the pool alone would serialise them).
    @classmethod
    def setUpClass(cls):
        cls.srv = FdServer(customers=50, extra_args=["--password-workers", "16"]).start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()

    def until_throttled(self, source, username, limit=10):
        """Wrong passwords until a 429; returns the responses."""
        seen = []
        for attempt in range(limit):
            resp = login_from(self.srv, source, username, "wrong-%d" % attempt)
            if resp[0] == 503:      # every checker busy: not an attempt
                time.sleep(0.1)
                continue
            seen.append(resp)
            if resp[0] == 429:
                return seen
        self.fail("no 429 after %d wrong passwords for %s: %r" % (limit, username, seen))

    def test_fifth_wrong_password_is_throttled(self):
        # The docs say attempts wait after four wrong passwords. The lock
        # the fourth sets is at least a second long; if this machine is so
        # slow that a second passed, try again with another user name.
        for name in ("trainer", "supervisor", "admin"):
            for attempt in range(FREE_FAILURES):
                start = time.time()
                self.assertProblem(login_from(self.srv, "127.0.0.1", name, "bad-%d" % attempt), 401)
            fifth = login_from(self.srv, "127.0.0.1", name, "bad-5")
            if time.time() - start < 1.0:
                self.assertProblem(fifth, 429, msg="the 5th wrong password:")
                self.assertRegex(fifth[1].get("retry-after", ""), r"^[1-9]\d*$")
                return
        self.skipTest("each round took over a second; cannot tell")

    def test_concurrent_clients_get_no_more_checks_than_one(self):
        before = metric(self.srv, CHECKS)
        self.assertIsNotNone(before, "/metrics lacks %s" % CHECKS)
        start = time.time()

        def client(i):
            answers = []
            for attempt in range(60):
                status = login_from(self.srv, "127.0.0.1", "backoffice", "w%d-%d" % (i, attempt))[0]
                if status == 503:
                    time.sleep(0.05)
                    continue
                answers.append(status)
                if status == 429 or len(answers) >= 8:
                    break
            return answers

        results = in_parallel(16, client)
        elapsed = time.time() - start
        for r in results:
            self.assertIsInstance(r, list, "a client failed: %r" % (r,))
        statuses = [s for r in results for s in r]
        self.assertEqual(set(statuses) - {401, 429}, set(), statuses)
        checked = statuses.count(401)
        self.assertGreaterEqual(checked, FREE_FAILURES, statuses)
        self.assertLessEqual(checked, checks_allowed(elapsed),
                             "16 clients got %d password checks in %.1f s" % (checked, elapsed))
        self.assertEqual(metric(self.srv, CHECKS) - before, checked,
                         "every 401 is one argon2 check and nothing else was checked")

    def test_lockout_from_elsewhere_does_not_stop_the_advisor(self):
        throttled = self.until_throttled(OTHER, "advisor")[-1]
        at = time.time()
        resp = login_from(self.srv, "127.0.0.1", "advisor", "demo")
        self.assertJson(resp, msg="right password from the advisor's own address:")
        again = login_from(self.srv, OTHER, "advisor", "demo")
        if time.time() - at < int(throttled[1]["retry-after"]) - 1:
            self.assertProblem(again, 429, msg="the throttled address, even with the right password:")


class BoundedTableTest(ApiTestCase):
    def test_unknown_names_do_not_grow_the_table_past_its_cap(self):
        with FdServer(customers=50, extra_args=["--login-throttle-rows", "20"]) as srv:
            for i in range(45):
                resp = login_from(srv, "127.0.0.1", "nobody-%d" % i, "guess")
                self.assertIn(resp[0], (401, 503), resp)
            con = sqlite3.connect("file:%s?mode=ro" % srv.db_path, uri=True, timeout=30)
            try:
                rows = con.execute("SELECT count(*) FROM login_failures").fetchone()[0]
                newest = con.execute("SELECT count(*) FROM login_failures WHERE username = ?",
                                     ("nobody-44",)).fetchone()[0]
            finally:
                con.close()
            self.assertLessEqual(rows, 20, "45 unknown names left %d rows" % rows)
            self.assertGreater(rows, 0)
            self.assertEqual(newest, 1, "the newest failure is the one kept")


class GateTest(ApiTestCase):
    def test_password_checks_run_at_most_workers_at_once(self):
        args = ["--password-workers", "1", "--connections-per-address", "0"]
        with FdServer(customers=50, extra_args=args) as srv:
            # More than the 32 that may wait for one checker, so some are
            # likely turned away (503), though how many depends on timing.
            results = in_parallel(40, lambda i: login_from(srv, "127.0.0.1", "advisor", "demo"))
            statuses = []
            for r in results:
                self.assertIsInstance(r, tuple, "a client failed: %r" % (r,))
                statuses.append(r[0])
                if r[0] == 503:
                    self.assertProblem(r, 503)
                    self.assertEqual(r[1].get("retry-after"), "1", "503 must say when to retry")
            self.assertEqual(set(statuses) - {200, 503}, set(), statuses)
            self.assertIn(200, statuses)
            self.assertEqual(metric(srv, "frontdoord_password_checks_peak"), 1)
            self.assertEqual(metric(srv, "frontdoord_password_checks_refused_total"),
                             statuses.count(503))

    def test_every_sign_in_gets_exactly_one_whole_answer(self):
        # Throttled sign-ins are answered by the pool in microseconds, often
        # before the request thread has finished handing the request over:
        # each must still get one complete answer on its connection.
        args = ["--password-workers", "2", "--connections-per-address", "0"]
        with FdServer(customers=50, extra_args=args) as srv:
            for attempt in range(FREE_FAILURES):
                login_from(srv, "127.0.0.1", "trainer", "bad-%d" % attempt)
            for round_ in range(5):
                results = in_parallel(24, lambda i: login_from(srv, "127.0.0.1", "trainer", "x"))
                for r in results:
                    self.assertIsInstance(r, tuple, "round %d: %r" % (round_, r))
                    self.assertIn(r[0], (401, 429, 503), r)
                    self.assertIsInstance(r[2], dict, "a whole problem+json body: %r" % (r,))
            self.assertTrue(srv.alive())
            self.assertNotIn("status=500", srv.stderr_text())

    def test_sign_ins_do_not_hold_the_request_thread(self):
        # One request thread, one password checker, 24 sign-ins queued (each
        # an argon2 check): /healthz is answered while most still wait. Had
        # the checks run on the request thread, it would wait for them all.
        args = ["--threads", "1", "--password-workers", "1", "--connections-per-address", "0"]
        with FdServer(customers=50, extra_args=args) as srv:
            done = []
            lock = threading.Lock()

            def sign_in(i):
                resp = login_from(srv, "127.0.0.1", "queued-%d" % i, "guess")
                with lock:
                    done.append(resp[0])

            threads = [threading.Thread(target=sign_in, args=(i,)) for i in range(24)]
            for t in threads:
                t.start()
            deadline = time.time() + 60
            while (metric(srv, CHECKS) or 0) < 1 and time.time() < deadline:
                time.sleep(0.01)
            self.assertEqual(srv.request("GET", "/healthz")[0], 200)
            with lock:
                finished = len(done)
            for t in threads:
                t.join(timeout=120)
            self.assertEqual(sorted(set(done)), [401], done)
            self.assertLess(finished, 12, "/healthz waited for %d of 24 sign-ins" % finished)


class ShutdownTest(ApiTestCase):
    def test_sigterm_with_sign_ins_queued_and_in_flight(self):
        # The pool is drained before the daemon stops (libmicrohttpd aborts
        # on a connection left suspended), and while it stops an answer is
        # never sent twice. Not a deterministic reproducer of the second:
        # under the sanitizer build a double send read past its buffer in
        # about one run in ten of this shape.
        args = ["--password-workers", "1", "--connections-per-address", "0"]
        for _ in range(3):
            srv = FdServer(customers=50, extra_args=args).start()
            try:
                def sign_in(i):
                    try:
                        return login_from(srv, "127.0.0.%d" % (1 + i % 2), "nobody-%d" % i, "x")[0]
                    except OSError:
                        return "closed"
                threads = [threading.Thread(target=sign_in, args=(i,)) for i in range(20)]
                for t in threads:
                    t.start()
                deadline = time.time() + 60
                while (metric(srv, CHECKS) or 0) < 1 and time.time() < deadline:
                    time.sleep(0.01)
                self.assertEqual(srv.stop(timeout=60), 0, srv.stderr_text()[-3000:])
                for t in threads:
                    t.join(timeout=60)
                log = srv.stderr_text()
                ids = re.findall(r"event=request req=(\w+)", log)
                self.assertEqual(len(ids), len(set(ids)), "a request answered twice")
            finally:
                srv.close()


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
