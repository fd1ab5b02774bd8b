"""Helpers shared by the cases / queues / call-backs API tests
(tests/api/test_{cases,queues,callbacks}.py). Not a suite itself: run-all
runs test_*.py only.

Standard library only; uses tests/lib/fdserver.py, tests/lib/runner.py and
the problem/ok assertions of contactkit.ApiCase.
"""
import datetime
import os
import re
import sqlite3
import sys
import urllib.parse
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from contactkit import (DROP, ROLES, ApiCase, FdServer, RolesServer, contact_body, db_rows,  # noqa: E402,F401
                        db_scalar, iso, now_utc, parse_iso, qs, runner)

REF_RE = re.compile(r"^FD-\d\d-\d{6}$")
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
FRONTLINE = ("advisor", "backoffice", "supervisor", "admin")
DISPLAY = {"advisor": "Alex Advisor", "backoffice": "Blake Backoffice",
           "trainer": "Terry Trainer", "supervisor": "Sam Supervisor", "admin": "Ada Admin"}

# A triage response as the client sends it: a choice with a nested question
# under its answer, a group holding a question, a boolean, a string.
TRIAGE = {
    "resourceType": "QuestionnaireResponse",
    "questionnaire": "urn:frontdoor:script:missed-bin|3",
    "status": "completed",
    "item": [
        {"linkId": "bin-type", "text": "Which bin was missed?",
         "answer": [{"valueCoding": {"system": "urn:frontdoor:bin", "code": "grey",
                                     "display": "Grey general waste bin"},
                     "item": [{"linkId": "out-by-7", "text": "Was it out by 7am?",
                               "answer": [{"valueBoolean": True}]}]}]},
        {"linkId": "history", "text": "History",
         "item": [{"linkId": "times", "text": "How many times this month?",
                   "answer": [{"valueInteger": 3}]},
                  {"linkId": "where", "text": "Where was the bin left?",
                   "answer": [{"valueString": "By the gate on Fixture Close"}]}]},
        {"linkId": "say", "text": "Thank the customer."},
    ],
}
TRIAGE_WORDS = [
    {"link_id": "bin-type", "question": "Which bin was missed?", "answer": "Grey general waste bin"},
    {"link_id": "out-by-7", "question": "Was it out by 7am?", "answer": "Yes"},
    {"link_id": "times", "question": "How many times this month?", "answer": "3"},
    {"link_id": "where", "question": "Where was the bin left?",
     "answer": "By the gate on Fixture Close"},
]


def quote(text):
    return urllib.parse.quote(text, safe="")


def key():
    return str(uuid.uuid4())


def db_write(db_path, sql, *args):
    """Change the live database under the running server (WAL: fine)."""
    con = sqlite3.connect(db_path, timeout=30)
    try:
        con.execute(sql, args)
        con.commit()
    finally:
        con.close()


def user_id(db_path, username):
    return db_scalar(db_path, "SELECT id FROM users WHERE username = ?", username)


def case_id(db_path, ref):
    return db_scalar(db_path, "SELECT id FROM cases WHERE ref = ?", ref)


def backdate(db_path, ref=None, due=None, created=None):
    """Move a case's due_at / created_at to `due` / `created` (datetimes)."""
    if due is not None:
        db_write(db_path, "UPDATE cases SET due_at = ? WHERE ref = ?", iso(due), ref)
    if created is not None:
        db_write(db_path, "UPDATE cases SET created_at = ? WHERE ref = ?", iso(created), ref)


class CaseApi(ApiCase):
    """ApiCase with cls.srv and cls.tokens set by the subclass."""

    def req(self, method, path, body=None, user="advisor", headers=None):
        return self.srv.request(method, path, body, token=self.tokens[user], headers=headers)

    def create(self, user="advisor", status=201, **over):
        body = {"customer_id": "3", "service_code": "missed_bin",
                "summary": "Grey bin missed on Thursday"}
        body.update(over)
        body = {k: v for k, v in body.items() if v is not DROP}
        resp = self.req("POST", "/api/v1/cases", body, user=user)
        return self.ok(resp, status, msg="create %r" % body)

    def get_case(self, ref, user="advisor"):
        resp = self.req("GET", "/api/v1/cases/" + quote(ref), user=user)
        return resp

    def case(self, ref, user="advisor"):
        return self.ok(self.get_case(ref, user), 200, msg="GET case %s" % ref)

    def etag(self, ref, user="advisor"):
        status, headers, body = self.get_case(ref, user)
        self.assertEqual(status, 200, body)
        return headers["etag"]

    # Changes come from the team that owns the case: backoffice is in
    # waste_services, which owns create()'s missed_bin (see test_teams.py).
    def patch(self, ref, body, etag=None, user="backoffice", headers=None):
        h = dict(headers or {})
        if etag is not None:
            h["If-Match"] = etag
        return self.req("PATCH", "/api/v1/cases/" + quote(ref), body, user=user, headers=h)

    def patch_ok(self, ref, body, user="backoffice"):
        return self.ok(self.patch(ref, body, self.etag(ref, user), user=user), 200,
                       msg="PATCH %s %r" % (ref, body))

    def events(self, ref, user="advisor"):
        body = self.ok(self.req("GET", "/api/v1/cases/%s/events" % quote(ref), user=user))
        return body["items"]

    def kinds(self, ref):
        return [e["kind"] for e in self.events(ref)]

    def queue(self, team, user="backoffice", limit=None):
        path = "/api/v1/queues/%s/items" % team
        if limit:
            path += "?limit=%d" % limit
        return self.ok(self.req("GET", path, user=user))["items"]

    def summary(self, team, user="supervisor"):
        rows = self.ok(self.req("GET", "/api/v1/queues", user=user))["items"]
        found = [r for r in rows if r["team"]["code"] == team]
        self.assertEqual(len(found), 1, "queues should list %s once: %r" % (team, rows))
        return found[0]

    def claim(self, team, user="backoffice", headers=None):
        return self.req("POST", "/api/v1/queues/%s/claim" % team, user=user, headers=headers)

    def join(self, user, team, hours=8, by="supervisor"):
        """A supervisor adds user to team for the day (until now + hours):
        claims come from your own teams' queues only."""
        until = iso(now_utc() + datetime.timedelta(hours=hours))
        return self.ok(self.req("POST", "/api/v1/users/%s/teams" % user,
                                {"team_code": team, "expires_at": until}, user=by),
                       msg="add %s to %s" % (user, team))
