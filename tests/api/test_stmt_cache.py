#!/usr/bin/env python3
"""The per-thread statement cache (src/server/db.c) under ordinary staff
traffic: one keep-alive connection (so one server thread, one cache) makes
every kind of request the desktop makes, more distinct statements than the
old 64-slot cache held, then the two sequences that used to crash the
server once that cache was full: POST /api/v1/cases with a customer_id
(which re-indexes the customer while stepping a statement) and the public
GET /open311/v2/services.json (which loads scripts while stepping the
service list). The server must answer every request correctly and still
be alive.

The suite runs twice: against the plain build at full speed (where the old
cache crashed with SIGSEGV), and under valgrind memcheck, where any error
(an invalid read of a finalized statement, uninitialised memory, a
definite leak at exit) fails it. With a sanitizer build (FD_BUILD pointing
at make SANITIZE=1 output) the second run goes without valgrind, which
cannot share a process with ASan. The server must also never reset a
statement a caller is still stepping (db_stmt_reset_while_stepping)."""
import datetime
import http.client
import json
import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from casekit import (CaseApi, FdServer, contact_body, db_scalar, iso, now_utc,  # noqa: E402
                     qs, quote, runner)

# Enough requests on one connection that every handler has prepared its
# statements; two rounds so that cached statements are also re-used.
ROUNDS = 2


class Session:
    """One HTTP/1.1 keep-alive connection; every request goes over it."""

    def __init__(self, srv, timeout=300):
        self.conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=timeout)
        self.tokens = {}
        self.srv = srv
        self.sent = 0

    def login(self, user):
        status, _, body = self.call("POST", "/api/v1/auth/login",
                                    {"username": user, "password": "demo"}, user=None)
        if status != 200:
            raise AssertionError("login %s: %d %r" % (user, status, body))
        self.tokens[user] = body["token"]

    def call(self, method, path, body=None, user="advisor", headers=None):
        hdrs = {"Connection": "keep-alive"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        if user:
            hdrs["Authorization"] = "Bearer " + self.tokens[user]
        hdrs.update(headers or {})
        self.conn.request(method, path, body=data, headers=hdrs)
        resp = self.conn.getresponse()
        payload = resp.read()
        self.sent += 1
        rh = {k.lower(): v for k, v in resp.getheaders()}
        if "json" in rh.get("content-type", ""):
            return resp.status, rh, json.loads(payload.decode())
        return resp.status, rh, payload.decode(errors="replace")

    def close(self):
        self.conn.close()


class StatementCache:
    """Mixin: the suite, run by the two classes below (plain, and under
    memcheck)."""
    customers = 60
    valgrind = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.srv = FdServer(customers=cls.customers, valgrind=cls.valgrind).start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()
        super().tearDownClass()

    def expect(self, s, want, method, path, body=None, user="advisor", headers=None):
        status, hdrs, got = s.call(method, path, body, user=user, headers=headers)
        self.assertEqual(status, want, "%s %s: %r" % (method, path, got))
        return hdrs, got

    def staff_round(self, s, n):
        """Every kind of request an advisor, a back-office officer and a
        supervisor make in a working hour, except those that re-index a
        customer: on the old cache the re-indexing must come once it is full."""
        self.expect(s, 200, "GET", "/api/v1/me")
        self.expect(s, 200, "GET", "/api/v1/customers?" + qs(q="smith"))
        self.expect(s, 200, "GET", "/api/v1/customers?" + qs(q="FD1"))
        self.expect(s, 200, "GET", "/api/v1/customers/1")
        self.expect(s, 200, "GET", "/api/v1/customers/2/contacts")
        self.expect(s, 200, "GET", "/api/v1/customers/matches?" + qs(
            given_name="zoe", family_name="OBrien", postcode="SW1A 1AA"))
        self.expect(s, 200, "POST", "/api/v1/customers/1/reveal", {"field": "date_of_birth"})
        self.expect(s, 200, "GET", "/api/v1/wrapcodes")
        self.expect(s, 200, "GET", "/api/v1/services")
        self.expect(s, 200, "GET", "/api/v1/services/missed_bin")
        self.expect(s, 200, "GET", "/api/v1/scripts")
        self.expect(s, 200, "GET", "/api/v1/scripts/missed-bin")
        self.expect(s, 200, "GET", "/api/v1/kb?" + qs(q="bin"))
        self.expect(s, 200, "GET", "/api/v1/kb/bin-collection-rules")
        _, contact = self.expect(s, 201, "POST", "/api/v1/contacts", contact_body(customer_id="2"))
        self.expect(s, 200, "GET", "/api/v1/contacts/" + contact["id"])
        _, case = self.expect(s, 201, "POST", "/api/v1/cases", {
            "service_code": "missed_bin", "summary": "Bin missed in Cache Row (round %d)" % n})
        ref = quote(case["ref"])
        self.expect(s, 200, "GET", "/api/v1/cases?assignee=me")
        hdrs, _ = self.expect(s, 200, "GET", "/api/v1/cases/" + ref)
        self.expect(s, 200, "GET", "/api/v1/cases/%s/events" % ref)
        # A case with no customer is its team's to change (or a supervisor's).
        self.expect(s, 201, "POST", "/api/v1/cases/%s/notes" % ref, {"body": "Rang twice."},
                    user="supervisor")
        hdrs, _ = self.expect(s, 200, "GET", "/api/v1/cases/" + ref)
        self.expect(s, 200, "PATCH", "/api/v1/cases/" + ref, {"priority": "high"},
                    headers={"If-Match": hdrs["etag"]}, user="supervisor")
        self.expect(s, 200, "POST", "/api/v1/cases/%s/handoff" % ref,
                    {"team_code": "waste_services", "reason": "Crew to revisit"})
        self.expect(s, 200, "GET", "/api/v1/queues", user="backoffice")
        self.expect(s, 200, "GET", "/api/v1/queues/waste_services/items", user="backoffice")
        self.expect(s, 200, "POST", "/api/v1/queues/waste_services/claim", user="backoffice")
        _, cb = self.expect(s, 201, "POST", "/api/v1/callbacks", {
            "customer_id": "5", "phone": "07700 900123",
            "due_at": iso(now_utc() + datetime.timedelta(hours=1)),
            "reason": "Wants to know when the crew will come back",
            "team_code": "customer_services_back_office"})
        self.expect(s, 200, "GET", "/api/v1/callbacks")
        self.expect(s, 200, "GET", "/api/v1/callbacks?mine=true", user="backoffice")
        self.expect(s, 200, "POST", "/api/v1/callbacks/%s/complete" % cb["id"],
                    contact_body(customer_id="5", note="Rang back."), user="backoffice")
        today = datetime.date.today()
        self.expect(s, 200, "GET", "/api/v1/reports/contacts.csv?" + qs(
            **{"from": (today - datetime.timedelta(days=1)).isoformat(), "to": today.isoformat()}),
            user="supervisor")
        self.expect(s, 200, "GET", "/api/v1/stats/today", user="supervisor")
        self.expect(s, 200, "GET", "/api/v1/audit?" + qs(customer_id="1"), user="supervisor")
        self.expect(s, 200, "GET", "/open311/v2/services/missed_bin.json", user=None)
        self.expect(s, 200, "GET", "/open311/v2/requests.json", user=None)
        self.expect(s, 200, "GET", "/healthz", user=None)

    def customer_writes(self, s, n):
        surname = "Cachetest" + uuid.uuid4().hex[:8]
        _, cust = self.expect(s, 201, "POST", "/api/v1/customers", {
            "given_name": "Nia", "family_name": surname,
            "address": {"line1": "%d Cache Row" % n, "town": "Testbury", "postcode": "FD1 9ZZ"}})
        hdrs, _ = self.expect(s, 200, "GET", "/api/v1/customers/" + cust["id"])
        self.expect(s, 200, "PATCH", "/api/v1/customers/" + cust["id"],
                    {"phone": "01632 960%03d" % n}, headers={"If-Match": hdrs["etag"]})

    def the_crashing_pair(self, s):
        """What crashed the plain build once the cache was full."""
        _, case = self.expect(s, 201, "POST", "/api/v1/cases", {
            "customer_id": "7", "service_code": "missed_bin", "summary": "Bin missed once more"})
        self.assertEqual(case["customer"]["id"], "7", case)
        _, services = self.expect(s, 200, "GET", "/open311/v2/services.json", user=None)
        codes = [svc["service_code"] for svc in services]
        self.assertIn("missed_bin", codes)
        self.assertEqual(len(codes), db_scalar(   # public forms get the scripted services
            self.srv.db_path, "SELECT COUNT(*) FROM services WHERE COALESCE(script_id, '') <> ''"))

    def test_one_connection_many_statements(self):
        s = Session(self.srv)
        try:
            for user in ("advisor", "backoffice", "supervisor"):
                s.login(user)
            for n in range(ROUNDS):
                self.staff_round(s, n)
                self.the_crashing_pair(s)
                self.customer_writes(s, n)
            self.assertGreater(s.sent, 80)
        finally:
            s.close()
        self.assertTrue(self.srv.alive(), "frontdoord died:\n" + self.srv.stderr_text()[-4000:])
        self.assertFalse("db_stmt_cache_full" in self.srv.stderr_text(),
                         "a statement was evicted from a full cache")
        self.assertFalse("db_stmt_reset_while_stepping" in self.srv.stderr_text(),
                         "a statement was re-used while a caller was still stepping it")
        # a fresh connection is still served
        self.assertEqual(self.srv.request("GET", "/healthz")[0], 200)

    def test_zz_clean_exit(self):
        """Last (unittest runs tests by name): stop the server; it exits 0
        and, under memcheck, with no error in anything the suite made it do."""
        self.assertEqual(self.srv.stop(), 0, "frontdoord did not exit cleanly on SIGTERM")
        report = self.srv.valgrind_report()
        self.assertIsNone(report, "valgrind memcheck found errors:\n%s" % (report or "")[-12000:])


class StatementCacheTest(StatementCache, CaseApi):
    """The plain build, at full speed: where the old cache crashed."""


class StatementCacheMemcheckTest(StatementCache, CaseApi):
    """The same under valgrind memcheck (skipped for a sanitizer build,
    which then runs like the class above)."""
    valgrind = True


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
