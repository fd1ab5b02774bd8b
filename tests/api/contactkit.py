"""Helpers shared by the contacts / wrap codes / customer writes / reports /
idempotency API tests (tests/api/test_{contacts,wrapcodes,customer_write,
reports,idempotency}.py). Not a suite itself: run-all runs test_*.py only.

Standard library only; uses tests/lib/fdserver.py and tests/lib/runner.py.
"""
import datetime
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from fdserver import FdServer  # noqa: E402,F401
import runner  # noqa: E402,F401
from apitest import ROLES, RolesServer, db_rows, db_scalar, qs  # noqa: E402,F401  (re-exported)
DROP = object()  # contact_body(field=DROP) leaves the field out


def now_utc():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def iso(dt):
    return dt.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc)


def start_of_local_today():
    """Midnight today in the local zone (the server's zone: same TZ)."""
    now = datetime.datetime.now().astimezone()
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def contact_body(seconds=300, ago=0, **over):
    """A valid contact for customer 1 that ended `ago` seconds ago and lasted
    `seconds`; keyword arguments replace fields (DROP removes one)."""
    end = now_utc() - datetime.timedelta(seconds=ago)
    start = end - datetime.timedelta(seconds=seconds)
    body = {"customer_id": "1", "channel": "phone", "started_at": iso(start),
            "ended_at": iso(end), "wrap_code": "missed_bin_reported", "outcome": "resolved"}
    body.update(over)
    return {k: v for k, v in body.items() if v is not DROP}


def contact_count(srv):
    return db_scalar(srv.db_path, "SELECT COUNT(*) FROM contacts")


class ApiCase(unittest.TestCase):
    maxDiff = 6000

    def problem(self, resp, status, *fields, msg=""):
        """resp is an RFC 9457 problem with this status; each of fields is
        named in errors[]. Returns the body."""
        got, headers, body = resp
        self.assertEqual(got, status, "%s expected HTTP %d, got %d: %r" % (msg, status, got, body))
        ctype = headers.get("content-type", "")
        self.assertTrue(ctype.startswith("application/problem+json"),
                        "%s expected application/problem+json, got %r" % (msg, ctype))
        self.assertIsInstance(body, dict, msg)
        for key in ("type", "title", "detail"):
            self.assertIsInstance(body.get(key), str, "%s problem lacks %s: %r" % (msg, key, body))
        self.assertEqual(body.get("status"), status, msg)
        if fields:
            named = [e.get("field") for e in body.get("errors") or []]
            for f in fields:
                self.assertIn(f, named, "%s errors[] should name %r: %r" % (msg, f, body))
            for e in body["errors"]:
                self.assertIsInstance(e.get("message"), str)
                self.assertTrue(e["message"])
        return body

    def ok(self, resp, status=200, msg=""):
        got, headers, body = resp
        self.assertEqual(got, status, "%s expected HTTP %d, got %d: %r" % (msg, status, got, body))
        self.assertTrue(headers.get("content-type", "").startswith("application/json"),
                        "%s content-type %r" % (msg, headers.get("content-type")))
        return body

    def error_fields(self, resp):
        return sorted(e["field"] for e in (resp[2].get("errors") or []))
