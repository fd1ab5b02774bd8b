#!/usr/bin/env python3
"""The idle lock: after idle_lock_minutes with no key the screen content
is hidden until the password is entered again. One minute is the
shortest setting, so this suite waits a little over a minute."""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import BUILD, FdServer, Home, Tui, login, runner, search  # noqa: E402


class IdleLockTest(unittest.TestCase):
    def test_locks_after_idle_minutes(self):
        home = Home()
        home.write_config("frontdoor.conf", "idle_lock_minutes = 1\n")
        try:
            with FdServer(BUILD, customers=500) as srv, \
                    Tui(80, 24, ["--server", srv.url], home) as t:
                login(t)
                search(t, "zoe o'brien")
                t.wait_for("customer.* loaded")
                time.sleep(40)
                self.assertNotIn("Frontdoor is locked", t.text(), "locked too early")
                t.wait_for("Frontdoor is locked", timeout=40)
                self.assertNotIn("O'Brien", t.text(), "content hidden while locked")
                t.type("demo")
                t.key("Enter")
                t.wait_for("Zoë O'Brien")
            self.assertEqual(home.sanitizer_reports(), "")
        finally:
            home.cleanup()


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
