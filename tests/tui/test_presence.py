#!/usr/bin/env python3
"""The advisor's state (issue 12) in the client, at 80x24: signed in the
advisor is Ready; F3 lists the council's break reasons and a number takes
one ("On break: Training" on the status line, and a supervisor's GET
/api/v1/presence says break, training); F3 again is Ready again, which the
supervisor sees too. A contact shows as on_contact, F8 as wrap_up, the
wrap-up sent as ready again; a break is refused, in words, on the contact
and in its wrap-up. The lock shows as away, unlocking as ready, signing
out as signed_out."""
import os
import signal
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import BUILD, TuiCase, login, runner  # noqa: E402
from contactkit import client_pid  # noqa: E402


PASSWORD = "a long pass phrase"


class PresenceCase(TuiCase):
    """What the presence tests share: a fresh advisor, and the
    supervisor's board."""
    customers = 40
    user = None

    def person(self):
        """A new advisor, so no other test's client (live until the
        server's presence timeout) shares the state. Their user name."""
        name = "pres" + uuid.uuid4().hex[:8]
        status, _, body = self.srv.request("POST", "/api/v1/admin/users", {
            "username": name, "display_name": "Pat Present", "password": PASSWORD,
            "roles": ["advisor"], "team_code": "contact_centre"}, token=self.srv.login("admin"))
        self.assertEqual(status, 201, body)
        self.user = name
        return name

    def board_row(self, user=None):
        user = user or self.user
        status, _, body = self.srv.request("GET", "/api/v1/presence",
                                           token=self.srv.login("supervisor"))
        self.assertEqual(status, 200, body)
        return [r for r in body["items"] if r["username"] == user][0]

    def wait_state(self, state, reason=None, seconds=15):
        """The supervisor's board shows state: a deadline, not a sleep."""
        end = time.monotonic() + seconds
        row = None
        while time.monotonic() < end:
            row = self.board_row()
            if row["state"] == state and (reason is None or row["reason"] == reason):
                return row
            time.sleep(0.2)
        self.fail("presence never became %s/%s: %r" % (state, reason, row))

    def lock_and_unlock(self, t, locked_for=0):
        """A new advisor signs in, locks (away, for locked_for seconds
        without ever showing signed out) and unlocks (ready)."""
        login(t, self.person(), PASSWORD)
        self.wait_state("ready")
        t.key("M-l")
        t.wait_for("Frontdoor is locked")
        self.wait_state("away")
        if locked_for:
            self.never_state("signed_out", locked_for)
        t.type(PASSWORD)
        t.key("Enter")
        t.wait_for("Find a customer:")
        self.wait_state("ready")

    def never_state(self, state, seconds):
        """The board does not show state at any moment for seconds."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            row = self.board_row()
            self.assertNotEqual(row["state"], state, row)
            time.sleep(0.2)


class PresenceTest(PresenceCase):
    def test_break_and_back_seen_by_a_supervisor(self):
        with self.client() as t:
            login(t, self.person(), PASSWORD)
            t.wait_for(r"(?m)^ Ready")
            self.wait_state("ready")
            t.key("F3")
            # six reasons do not fit 80 columns whole: each by its first word
            t.wait_for("Break: 1 Comfort 2 Lunch 3 Training 4 One-to-one 5 Team 6 System  Esc: ready")
            t.type("3")
            t.wait_for("On break: Training")
            self.wait_state("break", "training")
            t.key("F3")
            t.wait_for("Ready: back from your break")
            t.wait_for(r"(?m)^ Ready")
            self.wait_state("ready")

    def test_the_lock_is_away_and_sign_out_ends_it(self):
        with self.client() as t:
            self.lock_and_unlock(t)
            t.key("M-o")
            t.wait_for("Sign in to Frontdoor")
            self.wait_state("signed_out")

    def test_quitting_is_signed_out_at_once(self):
        """A quit is not a crash: the client says goodbye rather than
        leave the advisor ready, and offered calls, until the timeout."""
        with self.client() as t:
            login(t, self.person(), PASSWORD)
            self.wait_state("ready")
            t.key("F10")
            self.wait_state("signed_out", seconds=10)   # the timeout here is 90 s

    def test_no_break_on_a_contact(self):
        with self.client() as t:
            login(t, self.person(), PASSWORD)
            t.key("F6")
            t.wait_for("Channel: 1 phone")
            t.key("Enter")
            t.wait_for("Contact started")
            self.wait_state("on_contact")
            t.key("M-p")
            t.wait_for("Not while on a contact")
            self.assertNotIn("Break: 1", t.text())
            self.assertEqual(self.board_row()["state"], "on_contact")
            t.key("F8")
            t.wait_for("(?m)^ After-contact work 00:.* Wrap-up")
            self.wait_state("wrap_up")
            t.key("F3")
            t.wait_for("Not during the wrap-up")
            t.wait_gone("loading the wrap codes")
            t.type("missed bin reported")
            t.key("Enter")
            t.type("1")
            t.key("F2")
            t.wait_for("Find a customer:")
            t.wait_for(r"(?m)^ Ready")
            self.wait_state("ready")


class PresenceTimeoutTest(PresenceCase):
    """A short presence timeout (3 s) and hold (1 s): the open long-poll is
    the heartbeat, so a locked client stays away however long the lock
    lasts, and a client that stops (killed, cable pulled) is signed out by
    the timeout alone."""

    @classmethod
    def setUpClass(cls):
        cls.srv = cls.server_class(BUILD, customers=cls.customers, extra_args=(
            "--presence-timeout", "3", "--events-hold-seconds", "1")).start()

    def test_a_long_lock_stays_away_and_a_dead_client_is_signed_out(self):
        with self.client() as t:
            self.lock_and_unlock(t, locked_for=8)   # well past the 3 s timeout
            os.kill(client_pid(t), signal.SIGKILL)   # a crash: no goodbye, the heartbeat stops
        self.wait_state("signed_out")


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
