#!/usr/bin/env python3
"""Every error class as RFC 9457 problem+json, plus /healthz and /metrics."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import runner  # noqa: E402
from apitest import ApiTestCase, FdServer  # noqa: E402

LOGIN = "/api/v1/auth/login"
MIB = 1024 * 1024


class ErrorTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = FdServer(customers=50).start()
        cls.token = cls.srv.login("advisor")

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()

    def req(self, method, path, body=None, **kw):
        return self.srv.request(method, path, body, **kw)

    def test_unknown_route_is_404(self):
        for path in ("/nope", "/api/v1/nope", "/api/v2/customers", "/api/v1/customers/1/nope",
                     "/api/v1/me/", "/API/V1/ME"):
            with self.subTest(path=path):
                self.assertProblem(self.req("GET", path, token=self.token), 404)
        # Without a token too: a route that does not exist is not a sign-in problem.
        self.assertProblem(self.req("GET", "/api/v1/nope"), 404)

    def test_wrong_method_is_405_with_allow(self):
        cases = [("DELETE", "/api/v1/me", "GET"), ("PUT", "/api/v1/customers", "GET"),
                 ("GET", LOGIN, "POST"), ("PUT", "/healthz", "GET"), ("DELETE", "/api/v1/customers/1", "GET")]
        for method, path, allowed in cases:
            with self.subTest(method=method, path=path):
                resp = self.req(method, path, token=self.token)
                self.assertProblem(resp, 405)
                allow = [m.strip() for m in resp[1].get("allow", "").split(",")]
                self.assertIn(allowed, allow, "Allow header: %r" % resp[1].get("allow"))

    def test_no_token_is_401(self):
        for path in ("/api/v1/me", "/api/v1/customers?q=smith", "/api/v1/customers/1", "/api/v1/audit"):
            with self.subTest(path=path):
                resp = self.req("GET", path)
                self.assertProblem(resp, 401)
                self.assertTrue(resp[1].get("www-authenticate", "").lower().startswith("bearer"),
                                "401 carries WWW-Authenticate: Bearer (RFC 6750): %r" % resp[1])

    def test_bad_token_is_401(self):
        for auth in ("Bearer deadbeef", "Bearer " + "0" * 64, "Bearer " + self.token[:-1] + "x",
                     "Bearer", "Bearer  ", "Basic YWR2aXNvcjpkZW1v", self.token, "Token " + self.token):
            with self.subTest(auth=auth[:20]):
                self.assertProblem(self.req("GET", "/api/v1/me", headers={"Authorization": auth}), 401)

    def test_auth_scheme_is_case_insensitive(self):
        status = self.req("GET", "/api/v1/me", headers={"Authorization": "bearer " + self.token})[0]
        self.assertEqual(status, 200, "RFC 7235: the scheme name is case-insensitive")

    def test_role_not_allowed_is_403(self):
        self.assertProblem(self.req("GET", "/api/v1/audit?customer_id=1", token=self.token), 403)
        sup = self.srv.login("supervisor")
        body = self.assertJson(self.req("GET", "/api/v1/audit?customer_id=1", token=sup))
        self.assertIsInstance(body.get("items"), list)

    def test_malformed_json_is_400(self):
        for raw in (b'{"username": "advisor",', b"{", b"not json", b"", b'{"username":"advisor" "password":"demo"}',
                    b"[]", b'"advisor"', b"null", b'{"username":"advisor","password":"demo"} trailing'):
            with self.subTest(raw=raw[:30]):
                self.assertProblem(self.req("POST", LOGIN, raw=raw), 400)

    def test_wrong_content_type_is_refused(self):
        # A browser may POST text/plain cross-site without a CORS preflight;
        # refusing anything but JSON closes that door (and says why).
        resp = self.req("POST", LOGIN, raw=json.dumps({"username": "advisor", "password": "demo"}).encode(),
                        headers={"Content-Type": "text/plain"})
        self.assertIn(resp[0], (400, 415), "JSON endpoints want application/json: %r" % (resp,))
        self.assertProblem(resp, resp[0])

    def test_oversized_body_is_413(self):
        raw = b'{"username":"advisor","password":"' + b"x" * MIB + b'"}'
        self.assertProblem(self.req("POST", LOGIN, raw=raw), 413)

    def test_body_of_exactly_the_limit_is_not_413(self):
        raw = b'{"username":"advisor","password":"demo"}'
        raw = raw + b" " * (MIB - len(raw))
        self.assertEqual(self.req("POST", LOGIN, raw=raw)[0], 200)

    def test_unknown_customer_is_404(self):
        self.assertProblem(self.req("GET", "/api/v1/customers/424242", token=self.token), 404)
        self.assertProblem(self.req("GET", "/api/v1/customers/smith", token=self.token), 404)

    def test_validation_problem_names_the_field(self):
        body = self.assertProblem(self.req("GET", "/api/v1/customers?q=smith&limit=0", token=self.token),
                                  400, field="limit")
        self.assertEqual(body["errors"][0]["field"], "limit")

    def test_problem_types_are_stable_per_class(self):
        a = self.assertProblem(self.req("GET", "/nope"), 404)
        b = self.assertProblem(self.req("GET", "/also-nope"), 404)
        self.assertEqual(a["type"], b["type"])
        c = self.assertProblem(self.req("GET", "/api/v1/me"), 401)
        self.assertNotEqual(a["type"], c["type"])

    def test_errors_do_not_echo_secrets(self):
        resp = self.req("POST", LOGIN, {"username": "advisor", "password": "s3cret-Value"})
        self.assertNotIn("s3cret-Value", json.dumps(resp[2]))
        self.assertNotIn("s3cret-Value", self.srv.stderr_text(), "passwords never reach the log")
        self.assertNotIn(self.token, self.srv.stderr_text(), "tokens never reach the log")

    def test_healthz(self):
        status, headers, _ = self.req("GET", "/healthz")
        self.assertEqual(status, 200)

    def test_metrics(self):
        self.req("GET", "/nope")
        self.req("GET", "/api/v1/me", token=self.token)
        status, headers, text = self.req("GET", "/metrics")
        self.assertEqual(status, 200)
        self.assertTrue(headers.get("content-type", "").startswith("text/plain"), headers)
        self.assertIn("frontdoord_requests_total", text)
        self.assertIn("frontdoord_request_duration_seconds_bucket", text)
        self.assertRegex(text, r'(?m)^frontdoord_request_duration_seconds_bucket\{[^}]*le="\+Inf"[^}]*\} \d+')
        self.assertRegex(text, r'(?m)^frontdoord_request_duration_seconds_count(\{[^}]*\})? \d+')
        # Requests by route and status.
        self.assertRegex(text, r'(?m)^frontdoord_requests_total\{[^}]*route="/api/v1/me"[^}]*status="200"[^}]*\} [1-9]')
        self.assertRegex(text, r'(?m)^frontdoord_requests_total\{[^}]*status="404"[^}]*\} [1-9]')
        # Route labels are the route patterns, never raw paths (bounded cardinality).
        self.req("GET", "/api/v1/customers/17", token=self.token)
        text = self.req("GET", "/metrics")[2]
        self.assertNotIn('route="/api/v1/customers/17"', text)
        self.assertNotRegex(text, r'route="/nope"')

    def test_every_response_has_a_request_id(self):
        for path in ("/healthz", "/nope", "/api/v1/me"):
            with self.subTest(path=path):
                headers = self.req("GET", path)[1]
                self.assertTrue(headers.get("x-request-id"), headers)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
