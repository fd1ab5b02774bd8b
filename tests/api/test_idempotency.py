#!/usr/bin/env python3
"""Idempotency-Key on writes: a repeated key replays the original response
and never writes twice — with concurrent duplicates, across a kill -9 of
the server after the write committed, and across a SIGTERM with writes in
flight. Also: keys are per user, a mismatched body is 422, and a refused
(4xx) request does not use up its key."""
import os
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from contactkit import (ApiCase, FdServer, contact_body, contact_count,  # noqa: E402
                        db_scalar, runner)


def key():
    return "test-" + uuid.uuid4().hex


class IdempotencyTest(ApiCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = FdServer(customers=200).start()
        cls.tokens = {u: cls.srv.login(u) for u in ("advisor", "backoffice", "admin")}

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()

    def post(self, body, k, user="advisor", path="/api/v1/contacts"):
        hdrs = {"Idempotency-Key": k} if k is not None else None
        return self.srv.request("POST", path, body, token=self.tokens[user], headers=hdrs)

    def rows_for_note(self, note):
        return db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM contacts WHERE note = ?", note)

    def test_same_key_same_body_replays_the_original(self):
        k, note = key(), "replay " + key()
        body = contact_body(note=note)
        s1, h1, b1 = self.post(body, k)
        self.assertEqual(s1, 201, b1)
        self.assertNotIn("idempotent-replayed", h1)
        for _ in range(3):
            s2, h2, b2 = self.post(body, k)
            self.assertEqual(s2, 201, b2)
            self.assertEqual(b2, b1)
            self.assertEqual(h2.get("idempotent-replayed"), "true")
            self.assertTrue(h2.get("content-type", "").startswith("application/json"))
        self.assertEqual(self.rows_for_note(note), 1)

    def test_replay_repeats_the_location_header(self):
        # The original 201 said where the contact lives; a client whose
        # first reply was lost only ever sees the replay.
        k = key()
        body = contact_body(note="location " + k)
        s1, h1, b1 = self.post(body, k)
        self.assertEqual(s1, 201)
        s2, h2, b2 = self.post(body, k)
        self.assertEqual((s2, b2["id"]), (201, b1["id"]))
        self.assertEqual(h2.get("location"), h1.get("location"),
                         "the replayed 201 lacks the Location header of the original")

    def test_same_key_different_body_is_422(self):
        k, note = key(), "mismatch " + key()
        self.ok(self.post(contact_body(note=note), k), 201)
        resp = self.post(contact_body(note=note + " changed"), k)
        self.problem(resp, 422)
        self.assertNotIn("idempotent-replayed", resp[1])
        self.assertEqual(self.rows_for_note(note + " changed"), 0)
        self.assertEqual(self.rows_for_note(note), 1)
        # the same key on another route is a different request too
        self.problem(self.post({"given_name": "A", "family_name": "B"}, k,
                               path="/api/v1/customers"), 422)

    def test_keys_are_per_user(self):
        k, note = key(), "per user " + key()
        body = contact_body(note=note)
        a = self.ok(self.post(body, k, user="advisor"), 201)
        status, headers, b = self.post(body, k, user="backoffice")
        self.assertEqual(status, 201, b)
        self.assertNotIn("idempotent-replayed", headers)
        self.assertNotEqual(a["id"], b["id"])
        self.assertEqual(self.rows_for_note(note), 2)
        self.assertEqual(b["advisor_id"], str(db_scalar(
            self.srv.db_path, "SELECT id FROM users WHERE username = 'backoffice'")))

    def test_refused_request_does_not_use_up_the_key(self):
        # a 4xx goes back to the advisor to correct and is resent with the
        # same key: the corrected write must go through
        k, note = key(), "corrected " + key()
        self.problem(self.post(contact_body(note=note, outcome="nope"), k), 400, "outcome")
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM idempotency WHERE key = ?",
                                   k), 0)
        c = self.ok(self.post(contact_body(note=note), k), 201)
        self.assertEqual(self.rows_for_note(note), 1)
        again = self.post(contact_body(note=note), k)
        self.assertEqual((again[0], again[2]["id"]), (201, c["id"]))

    def test_bad_keys(self):
        before = contact_count(self.srv)
        for bad in ("x" * 129, "has space", "tab\there"):
            self.problem(self.post(contact_body(), bad), 400, "Idempotency-Key", msg=repr(bad))
        self.assertEqual(contact_count(self.srv), before)
        self.ok(self.post(contact_body(note="long key"), "k" * 128), 201)

    def test_without_a_key_every_post_writes(self):
        note = "no key " + key()
        body = contact_body(note=note)
        self.ok(self.post(body, None), 201)
        self.ok(self.post(body, None), 201)
        self.assertEqual(self.rows_for_note(note), 2)

    def test_concurrent_duplicates_write_once(self):
        k, note = key(), "concurrent " + key()
        body = contact_body(note=note)
        results, start = [], threading.Barrier(10)

        def fire():
            start.wait()
            try:
                results.append(self.post(body, k))
            except Exception as exc:  # noqa: BLE001
                results.append(exc)

        threads = [threading.Thread(target=fire) for _ in range(10)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertEqual(len(results), 10)
        for r in results:
            self.assertNotIsInstance(r, Exception)
            self.assertEqual(r[0], 201, r[2])
        self.assertEqual({r[2]["id"] for r in results}, {results[0][2]["id"]})
        self.assertEqual(sum(1 for r in results if "idempotent-replayed" in r[1]), 9)
        self.assertEqual(self.rows_for_note(note), 1)

    def test_patch_replay_is_not_a_conflict(self):
        # the reply to a PATCH was lost; the outbox resends it with the old
        # If-Match: that must replay the 200, not report a 412 conflict
        tok = self.tokens["advisor"]
        status, headers, cust = self.srv.request("GET", "/api/v1/customers/20", token=tok)
        self.assertEqual(status, 200)
        k, etag = key(), headers["etag"]
        hdrs = {"If-Match": etag, "Idempotency-Key": k}
        body = {"phone": "01632 960777"}
        s1, h1, b1 = self.srv.request("PATCH", "/api/v1/customers/20", body, token=tok, headers=hdrs)
        self.assertEqual(s1, 200, b1)
        s2, h2, b2 = self.srv.request("PATCH", "/api/v1/customers/20", body, token=tok, headers=hdrs)
        self.assertEqual((s2, b2), (200, b1))
        self.assertEqual(h2.get("idempotent-replayed"), "true")
        self.assertEqual(h2.get("etag"), h1.get("etag"))
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT version FROM customers WHERE id = 20"),
                         cust["version"] + 1)
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM audit WHERE"
                                   " action = 'customer.update' AND customer_id = 20"), 1)


class CustomerCreateReplayTest(ApiCase):
    """On a server of its own: creating a customer has left a server
    thread unable to write (see test_customer_write.test_stale_read_after_create),
    which must not muddle the other results here."""

    @classmethod
    def setUpClass(cls):
        cls.srv = FdServer(customers=50).start()
        cls.tokens = {"advisor": cls.srv.login("advisor")}

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()

    post = IdempotencyTest.post

    def test_customer_create_replay(self):
        k = key()
        body = {"given_name": "Idris", "family_name": "Replay-%s" % k[-6:],
                "address": {"line1": "1 Retry Row", "town": "Testbury", "postcode": "FD9 9ZZ"}}
        s1, h1, b1 = self.post(body, k, path="/api/v1/customers")
        self.assertEqual(s1, 201, b1)
        s2, h2, b2 = self.post(body, k, path="/api/v1/customers")
        self.assertEqual((s2, b2), (201, b1))
        self.assertEqual(h2.get("idempotent-replayed"), "true")
        self.assertEqual(h2.get("etag"), h1.get("etag"))
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM customers"
                                   " WHERE family_name = ?", body["family_name"]), 1)


class ServerDiesTest(ApiCase):
    """Each test gets its own server because each one stops it."""

    def setUp(self):
        self.srv = FdServer(customers=50).start()
        self.token = self.srv.login("advisor")

    def tearDown(self):
        self.srv.close()

    def post(self, body, k, timeout=30):
        return self.srv.request("POST", "/api/v1/contacts", body, token=self.token,
                                headers={"Idempotency-Key": k}, timeout=timeout)

    def test_kill_9_after_commit_then_retry(self):
        # The window between COMMIT and the reply cannot be hit from
        # outside; emulate it: the write commits, the server dies with
        # SIGKILL (no clean shutdown), the client never trusts the reply it
        # got and retries after a restart. The retry must replay, not write.
        k, note = key(), "killed " + key()
        body = contact_body(note=note)
        first = self.ok(self.post(body, k), 201)
        self.srv.kill()
        self.assertFalse(self.srv.alive())
        self.srv.proc = None
        self.srv.start()
        token = self.srv.login("advisor")
        self.assertTrue(token)
        status, headers, again = self.post(body, k)
        self.assertEqual(status, 201, again)
        self.assertEqual(headers.get("idempotent-replayed"), "true")
        self.assertEqual(again, first)
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM contacts WHERE note = ?",
                                   note), 1)

    def _storm(self, n, stop_server):
        """n threads each send one contact with its own key; stop_server()
        runs once the first reply is back (the rest are in flight). Then
        the server is started again and every write that did not get a 2xx
        is resent with its key until it does."""
        bodies = [contact_body(note="storm %d %s" % (i, key())) for i in range(n)]
        keys = [key() for _ in range(n)]
        replies = [None] * n
        first_back = threading.Event()
        go = threading.Barrier(n + 1)

        def fire(i):
            go.wait()
            try:
                replies[i] = self.post(bodies[i], keys[i], timeout=20)
            except Exception as exc:  # noqa: BLE001  (connection reset, refused ...)
                replies[i] = exc
            first_back.set()

        threads = [threading.Thread(target=fire, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        go.wait()
        first_back.wait(30)
        stop_server()
        for t in threads:
            t.join(60)
        got_2xx = {i: r[2]["id"] for i, r in enumerate(replies)
                   if not isinstance(r, Exception) and 200 <= r[0] < 300}
        self.srv.proc = None
        self.srv.start()
        self.token = self.srv.login("advisor")
        # every acknowledged write survived the stop
        for i, cid in got_2xx.items():
            self.assertEqual(db_scalar(self.srv.db_path, "SELECT note FROM contacts WHERE id = ?",
                                       int(cid)), bodies[i]["note"])
        final = {}
        for i in range(n):
            status, headers, body = self.post(bodies[i], keys[i])
            self.assertEqual(status, 201, body)
            final[i] = body["id"]
            if i in got_2xx:
                self.assertEqual(body["id"], got_2xx[i], "a write acknowledged before the stop"
                                 " was not replayed with the same id")
                self.assertEqual(headers.get("idempotent-replayed"), "true")
        self.assertEqual(len(set(final.values())), n)
        self.assertEqual(contact_count(self.srv), n)
        for i in range(n):
            self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM contacts WHERE note = ?",
                                       bodies[i]["note"]), 1, "write %d" % i)
        return got_2xx

    def test_sigterm_with_writes_in_flight(self):
        base = contact_count(self.srv)
        self.assertEqual(base, 0)
        codes = []
        acked = self._storm(20, lambda: codes.append(self.srv.stop()))
        self.assertEqual(codes, [0], "frontdoord should exit 0 on SIGTERM:\n" +
                         self.srv.stderr_text()[-2000:])
        self.assertGreaterEqual(len(acked), 1)

    def test_sigkill_with_writes_in_flight(self):
        # With SIGKILL some writes may have committed without their reply
        # ever being sent: exactly the commit/reply window. The retries
        # must still produce exactly one row per write.
        self._storm(20, self.srv.kill)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
