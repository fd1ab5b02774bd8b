#!/usr/bin/env python3
"""SIGTERM stops frontdoord promptly and cleanly: exit 0, committed writes
kept, the database passes PRAGMA integrity_check; a restart carries on."""
import os
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import runner  # noqa: E402
from apitest import ApiTestCase, FdServer, qs  # noqa: E402

PROMPT_SECONDS = 5


def integrity(db_path):
    con = sqlite3.connect(db_path)
    try:
        return [r[0] for r in con.execute("PRAGMA integrity_check")]
    finally:
        con.close()


class ShutdownTest(ApiTestCase):
    def test_sigterm_exits_zero_promptly_with_an_intact_db(self):
        with FdServer(customers=200) as srv:
            token = srv.login("advisor")
            self.assertEqual(srv.request("GET", "/api/v1/customers/1", token=token)[0], 200)
            start = time.time()
            code = srv.stop()
            took = time.time() - start
            self.assertEqual(code, 0, "exit code after SIGTERM; log:\n" + srv.stderr_text()[-2000:])
            self.assertLess(took, PROMPT_SECONDS, "SIGTERM took %.1f s" % took)
            self.assertEqual(integrity(srv.db_path), ["ok"])
            con = sqlite3.connect(srv.db_path)
            try:
                # The audit row and the token were committed before the reply.
                self.assertEqual(con.execute("SELECT COUNT(*) FROM audit WHERE customer_id = 1"
                                             " AND action = 'customer.read'").fetchone()[0], 1)
                self.assertEqual(con.execute("SELECT COUNT(*) FROM tokens").fetchone()[0], 1)
            finally:
                con.close()

    def test_sigterm_under_load(self):
        with FdServer(customers=500) as srv:
            token = srv.login("advisor")
            stop = threading.Event()
            errors = []
            done = [0]

            def hammer():
                while not stop.is_set():
                    try:
                        srv.request("GET", "/api/v1/customers?" + qs(q="s", limit=100), token=token, timeout=5)
                        srv.request("GET", "/api/v1/customers/%d" % (1 + done[0] % 500), token=token, timeout=5)
                        done[0] += 1
                    except OSError:
                        return  # the server went away: expected once SIGTERM lands
                    except Exception as e:  # noqa: BLE001 - report anything else
                        errors.append(repr(e))
                        return

            threads = [threading.Thread(target=hammer) for _ in range(4)]
            for t in threads:
                t.start()
            time.sleep(1.0)
            start = time.time()
            code = srv.stop()
            took = time.time() - start
            stop.set()
            for t in threads:
                t.join(10)
            self.assertGreater(done[0], 0, "no request completed before SIGTERM")
            self.assertEqual(code, 0, "exit code; log:\n" + srv.stderr_text()[-2000:])
            self.assertLess(took, PROMPT_SECONDS, "SIGTERM under load took %.1f s" % took)
            self.assertEqual(errors, [])
            self.assertEqual(integrity(srv.db_path), ["ok"])

    def test_restart_keeps_tokens_and_data(self):
        with FdServer(customers=100) as srv:
            token = srv.login("supervisor")
            srv.request("GET", "/api/v1/customers/2", token=token)
            srv.restart()
            status, _, body = srv.request("GET", "/api/v1/me", token=token)
            self.assertEqual(status, 200, "a token issued before the restart: %r" % (body,))
            audit = srv.request("GET", "/api/v1/audit?customer_id=2", token=token)
            self.assertEqual(audit[0], 200)
            self.assertTrue(audit[2]["items"], "the audit row written before the restart")

    def test_sigint_also_stops_cleanly(self):
        import signal
        with FdServer(customers=50) as srv:
            srv.proc.send_signal(signal.SIGINT)
            srv.proc.wait(PROMPT_SECONDS)
            self.assertEqual(srv.proc.returncode, 0)
            self.assertEqual(integrity(srv.db_path), ["ok"])


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
