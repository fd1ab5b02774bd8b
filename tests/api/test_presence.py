#!/usr/bin/env python3
"""Presence (issue 12): PUT/GET /api/v1/me/presence per client
(X-Frontdoor-Client), one presence for a user on two clients (the most
engaged state wins), break reasons from the content, sign-out ending a
client at once, GET /api/v1/presence for supervisors and admins only, and
a client that stops sending requests counted gone after
--presence-timeout, the user then signed_out (the sweep); the timeout
must outlast the long-poll's hold."""
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from livekit import LiveApi, RolesServer, client_id, db_rows, runner, user_id  # noqa: E402
import fdserver  # noqa: E402


class PresenceTest(RolesServer, LiveApi):
    customers = 20

    def test_a_client_sets_its_state_and_the_board_shows_it(self):
        who, c = self.person(team="waste_services"), client_id()
        self.assertEqual(self.row(who)["state"], "signed_out")
        self.assertIsNone(self.row(who)["since"])
        got = self.set_state(who, c, "ready")
        self.assertEqual((got["state"], got["reason"], got["clients"]), ("ready", None, 1))
        self.assertEqual(got["this_client"], {"state": "ready", "reason": None})
        self.assertEqual(self.mine(who, c), got)
        row = self.row(who)
        self.assertEqual((row["state"], row["clients"], row["teams"]),
                         ("ready", 1, ["waste_services"]))
        self.assertEqual(row["since"], got["since"])
        self.assertEqual(row["user_id"], str(user_id(self.srv.db_path, who)))

    def test_two_clients_are_one_presence_the_most_engaged_state(self):
        who, desk, laptop = self.person(), client_id(), client_id()
        self.set_state(who, desk, "ready")
        got = self.set_state(who, laptop, "on_contact")
        self.assertEqual((got["state"], got["clients"]), ("on_contact", 2))
        self.assertEqual(self.set_state(who, laptop, "wrap_up")["state"], "wrap_up")
        self.set_state(who, desk, "break", "lunch")
        self.assertEqual(self.mine(who)["state"], "wrap_up")
        got = self.set_state(who, laptop, "signed_out")
        self.assertEqual((got["state"], got["reason"], got["clients"], got["this_client"]),
                         ("break", "lunch", 1, None))
        row = self.row(who)
        self.assertEqual((row["state"], row["reason"], row["clients"]), ("break", "lunch", 1))
        self.assertEqual(self.mine(who, desk)["this_client"], {"state": "break", "reason": "lunch"})

    def test_the_order_of_states(self):
        who, a, b = self.person(), client_id(), client_id()
        order = ["on_contact", "shadowed", "shadowing", "wrap_up", "ready", "away", "signed_in"]
        for higher, lower in zip(order, order[1:]):
            self.set_state(who, a, lower)
            self.assertEqual(self.set_state(who, b, higher)["state"], higher)
            self.set_state(who, b, "signed_in")
            self.assertEqual(self.mine(who)["state"], lower)
        self.set_state(who, a, "away")
        self.assertEqual(self.set_state(who, b, "break", "training")["state"], "break")

    def test_break_reasons_come_from_the_content(self):
        reasons = self.ok(self.as_("trainer", "GET", "/api/v1/break-reasons"))["items"]
        codes = [r["code"] for r in reasons]
        self.assertIn("lunch", codes)
        self.assertEqual(len(codes), len(set(codes)))
        self.assertTrue(all(r["label"] for r in reasons))

    def test_refusals(self):
        who, c = self.person(), client_id()
        cases = [
            ("break without a reason", c, {"state": "break"}, "reason"),
            ("reason not in the list", c, {"state": "break", "reason": "nap"}, "reason"),
            ("reason on another state", c, {"state": "ready", "reason": "lunch"}, "reason"),
            ("unknown state", c, {"state": "busy"}, "state"),
            ("no state", c, {}, "state"),
            ("unknown member", c, {"state": "ready", "mood": "good"}, "mood"),
            ("no client id", None, {"state": "ready"}, "X-Frontdoor-Client"),
            ("client id too short", "abc", {"state": "ready"}, "X-Frontdoor-Client"),
            ("client id with spaces", "a client id", {"state": "ready"}, "X-Frontdoor-Client"),
        ]
        for what, client, body, field in cases:
            with self.subTest(what):
                resp = self.as_(who, "PUT", "/api/v1/me/presence", body, client)
                self.problem(resp, 400, field, msg=what)
        self.assertEqual(self.row(who)["state"], "signed_out")

    def test_sign_out_ends_that_client_at_once(self):
        who = self.person()
        first, second = self.people[who], self.srv.login(who, "a long pass phrase")
        a, b = client_id(), client_id()
        self.set_state(who, a, "on_contact", token=first)
        self.set_state(who, b, "ready", token=second)
        self.assertEqual(self.row(who)["clients"], 2)
        status, _, _ = self.as_(who, "POST", "/api/v1/auth/logout", client=a, token=first)
        self.assertEqual(status, 204)
        row = self.row(who)
        self.assertEqual((row["state"], row["clients"]), ("ready", 1))
        self.as_(who, "POST", "/api/v1/auth/logout", client=b, token=second)
        row = self.row(who)
        self.assertEqual((row["state"], row["reason"], row["clients"]), ("signed_out", None, 0))
        self.assertEqual(db_rows(self.srv.db_path, "SELECT state FROM presence_users WHERE "
                                 "user_id = ?", user_id(self.srv.db_path, who)),
                         [("signed_out",)])

    def test_the_board_is_for_supervisors_and_admins(self):
        for who in ("advisor", "backoffice", "trainer"):
            self.problem(self.as_(who, "GET", "/api/v1/presence"), 403, msg=who)
        names = {u["username"] for u in self.board("admin")}
        self.assertTrue({"advisor", "backoffice", "trainer", "supervisor", "admin"} <= names)
        self.assertEqual(names, {u["username"] for u in self.board("supervisor")})

    def test_every_role_has_a_presence(self):
        for role in ("advisor", "backoffice", "trainer", "supervisor", "admin"):
            with self.subTest(role):
                who = self.person(roles=(role,))
                self.assertEqual(self.set_state(who, client_id(), "away")["state"], "away")
                self.assertEqual(self.row(who)["state"], "away")


def published(db_path, uid):
    return db_rows(db_path, "SELECT state FROM presence_users WHERE user_id = ?", uid)


class LapseTest(RolesServer, LiveApi):
    """A client not seen for --presence-timeout seconds is gone."""
    customers = 20
    server_args = ("--presence-timeout", "3", "--events-hold-seconds", "1")

    def test_silent_clients_lapse_the_user_signs_out_and_comes_back(self):
        who, alive, silent = self.person(), client_id(), client_id()
        self.set_state(who, silent, "on_contact")
        self.set_state(who, alive, "ready")
        uid = user_id(self.srv.db_path, who)

        def heartbeat():   # any request naming the client keeps it alive
            self.ok(self.as_(who, "GET", "/api/v1/me", client=alive))
        # The silent client goes; the one still sending requests stays.
        self.wait_for("the silent client to lapse",
                      lambda: self.row(who)["clients"] == 1, between=heartbeat)
        row = self.row(who)
        self.assertEqual((row["state"], row["clients"]), ("ready", 1))
        self.assertEqual(self.mine(who, alive)["this_client"]["state"], "ready")
        # Both silent now: the sweep marks the client gone and publishes signed_out.
        self.wait_for("the user to sign out", lambda: published(self.srv.db_path, uid) ==
                      [("signed_out",)])
        self.assertEqual(db_rows(self.srv.db_path, "SELECT COUNT(*) FROM presence_clients "
                                 "WHERE user_id = ? AND lapsed = 0", uid), [(0,)])
        row = self.row(who)
        self.assertEqual((row["state"], row["clients"]), ("signed_out", 0))
        # The lid opens: the next request brings the client back as it was,
        # published again; the silent one stays gone.
        heartbeat()
        self.assertEqual(published(self.srv.db_path, uid), [("ready",)])
        row = self.row(who)
        self.assertEqual((row["state"], row["clients"]), ("ready", 1))
        self.assertEqual(self.mine(who, alive)["this_client"], {"state": "ready", "reason": None})
        self.assertEqual(db_rows(self.srv.db_path, "SELECT lapsed FROM presence_clients WHERE "
                                 "user_id = ? AND client_id = ?", uid, silent), [(1,)])
        self.assertEqual(self.set_state(who, alive, "away")["state"], "away")


class OptionsTest(unittest.TestCase):
    """A bad limit names its option and its range; a presence timeout the
    long-poll's hold would outlast is refused at start-up, in words."""

    def run_server(self, *args):
        return subprocess.run([fdserver.binary(), "--db",
                               "/nonexistent/fd.db"] + list(args), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=30)

    def test_bad_numbers_name_the_option(self):
        for opt, value in (("--events-hold-seconds", "0"), ("--presence-timeout", "+5"),
                           ("--events-max-waiters", "lots"), ("--connections-per-address", "-1")):
            p = self.run_server(opt, value)
            self.assertEqual(p.returncode, 2, p.stderr)
            self.assertIn("%s: '%s' is not a whole number" % (opt, value), p.stderr)

    def test_presence_timeout_must_outlast_the_hold(self):
        p = self.run_server("--presence-timeout", "6", "--events-hold-seconds", "30")
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("--presence-timeout (6 s) must be at least 2 s longer than"
                      " --events-hold-seconds (30 s)", p.stderr)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
