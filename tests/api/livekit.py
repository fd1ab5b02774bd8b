"""Shared by the live-channel suites (test_presence.py, test_messages.py,
test_mywork.py): fresh users per test, so tests on one server never see
each other's presence, messages or work, and per-client requests."""
import itertools
import os
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from casekit import CaseApi, RolesServer, db_rows, runner, user_id  # noqa: E402,F401

PASSWORD = "a long pass phrase"
_serial = itertools.count(1)


def client_id():
    """What a client makes at start: a random id for this run."""
    return uuid.uuid4().hex


class LiveApi(CaseApi):
    """CaseApi with fresh users (self.people: name -> token)."""

    def setUp(self):
        super().setUp()
        self.people = {}

    def person(self, team="contact_centre", roles=("advisor",)):
        """A new user in team, signed in; their user name."""
        name = "live%d" % next(_serial)
        body = {"username": name, "display_name": "Live Person %d" % len(self.people),
                "password": PASSWORD, "roles": list(roles), "team_code": team}
        self.ok(self.srv.request("POST", "/api/v1/admin/users", body,
                                 token=self.tokens["admin"]), 201, msg="create %s" % name)
        self.people[name] = self.srv.login(name, PASSWORD)
        return name

    def token(self, who):
        return self.people.get(who) or self.tokens[who]

    def as_(self, who, method, path, body=None, client=None, token=None):
        headers = {"X-Frontdoor-Client": client} if client else None
        return self.srv.request(method, path, body, token=token or self.token(who),
                                headers=headers)

    def set_state(self, who, client, state, reason=None, status=200, token=None):
        body = {"state": state}
        if reason is not None:
            body["reason"] = reason
        return self.ok(self.as_(who, "PUT", "/api/v1/me/presence", body, client, token), status,
                       msg="PUT presence %r" % body)

    def mine(self, who, client=None):
        return self.ok(self.as_(who, "GET", "/api/v1/me/presence", client=client))

    def board(self, who="supervisor"):
        return self.ok(self.as_(who, "GET", "/api/v1/presence"))["items"]

    def row(self, name):
        rows = [u for u in self.board() if u["username"] == name]
        self.assertEqual(len(rows), 1, "one presence row for %s" % name)
        return rows[0]

    def work(self, who):
        return self.ok(self.as_(who, "GET", "/api/v1/me/work"))

    def wait_for(self, what, cond, seconds=30, between=None):
        """Poll cond() until true; between() runs before each poll (a
        heartbeat). Fails after seconds: a deadline, not a measured time."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if between:
                between()
            if cond():
                return
            time.sleep(0.2)
        self.fail("timed out waiting for " + what)
