#!/usr/bin/env python3
"""Bad input never crashes the server or touches the data: truncated and
huge bodies, deep nesting, invalid UTF-8, NUL bytes, SQL and FTS syntax."""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import runner  # noqa: E402
from apitest import ApiTestCase, FdServer, db_scalar, qs  # noqa: E402

LOGIN = "/api/v1/auth/login"
CUSTOMERS = 300

METACHARS = ["'; DROP TABLE customers; --", "%", "_", '"', "*", "NEAR(", "^", "' OR '1'='1",
             "obrien' --", "a\" OR \"1\"=\"1", "smith*", "-smith", "NOT smith", "smith OR jones",
             "zoe AND obrien", "customer_names:zoe", "keys:zoe", "(", ")", ":", "{", "}", "\\",
             "NEAR(zoe obrien, 2)", "^zoe", "+zoe", "'", "''", "%%", "_%_", "\u0000", "zoe\u0000obrien",
             "; SELECT * FROM users", "1; --", "/*", "*/", "\u202e", "\ufeffzoe"]


class RobustnessTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = FdServer(customers=CUSTOMERS).start()
        cls.token = cls.srv.login("advisor")

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()

    def tearDown(self):
        # After every test: still alive, data intact.
        self.assertTrue(self.srv.alive(), "frontdoord died:\n" + self.srv.stderr_text()[-3000:])
        self.assertEqual(self.srv.request("GET", "/healthz")[0], 200)
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM customers"), CUSTOMERS)
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM users"), 6)

    def assertRefused(self, resp, statuses=(400,), msg=""):
        self.assertIn(resp[0], statuses, "%s: got %r" % (msg, resp))
        self.assertProblem(resp, resp[0], msg=msg)

    def test_truncated_json(self):
        full = json.dumps({"username": "advisor", "password": "demo"}).encode()
        for cut in range(0, len(full) - 1):
            with self.subTest(cut=cut):
                self.assertRefused(self.srv.request("POST", LOGIN, raw=full[:cut]), msg=repr(full[:cut]))

    def test_five_megabyte_body(self):
        raw = b'{"username":"' + b"a" * (5 * 1024 * 1024) + b'","password":"demo"}'
        self.assertRefused(self.srv.request("POST", LOGIN, raw=raw), (413,))

    def test_huge_body_with_lying_length(self):
        # Content-Length says 5 MB, far less arrives and the client goes away.
        head = (b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 5242880\r\n\r\n")
        self.srv.send_raw(head + b"{" * 1000, timeout=5)

    def test_chunked_body_over_the_limit(self):
        chunk = b"x" * 65536
        body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(40)) + b"0\r\n\r\n"
        head = (b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        reply = self.srv.send_raw(head + body, timeout=10)
        self.assertTrue(reply.startswith(b"HTTP/1.1 413") or reply == b"", reply[:200])

    def test_deeply_nested_json(self):
        for raw in (b"[" * 10000 + b"]" * 10000,
                    b'{"a":' * 10000 + b"1" + b"}" * 10000,
                    b'{"username":' + b"[" * 10000 + b"]" * 10000 + b',"password":"demo"}',
                    b"[" * 100000):
            with self.subTest(raw=raw[:20]):
                self.assertRefused(self.srv.request("POST", LOGIN, raw=raw))

    def test_invalid_utf8_in_json_strings(self):
        for bad in (b"adv\xffisor", b"\xc3\x28", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80", b"\x80"):
            with self.subTest(bad=bad):
                raw = b'{"username":"' + bad + b'","password":"demo"}'
                self.assertRefused(self.srv.request("POST", LOGIN, raw=raw), msg=repr(bad))

    def test_nul_in_json_string_never_signs_in(self):
        for name in ("advisor\u0000", "advisor\u0000junk"):
            with self.subTest(name=repr(name)):
                resp = self.srv.request("POST", LOGIN, {"username": name, "password": "demo"})
                self.assertIn(resp[0], (400, 401), resp)
        resp = self.srv.request("POST", LOGIN, {"username": "advisor", "password": "demo\u0000x"})
        self.assertIn(resp[0], (400, 401), resp)

    def test_invalid_utf8_in_query_string(self):
        for q in ("%FF%FE", "%C3%28", "%ED%A0%80", "%C0%AF", "zo%C3", "%80abc"):
            with self.subTest(q=q):
                resp = self.srv.request("GET", "/api/v1/customers?q=" + q, token=self.token)
                self.assertRefused(resp, msg=q)
                self.assertEqual(resp[2]["errors"][0]["field"], "q")

    def test_raw_bytes_in_request_line(self):
        for line in (b"GET /api/v1/customers?q=\xff\xfe HTTP/1.1", b"GET /\xff\xfe HTTP/1.1",
                     b"GET /api/v1/customers?q=%%%% HTTP/1.1", b"GET /api/v1/customers?q=a%00b HTTP/1.1",
                     b"GET " + b"/a" * 20000 + b" HTTP/1.1", b"\x00\x01\x02 / HTTP/1.1", b"GET / HTTP/9.9"):
            with self.subTest(line=line[:40]):
                self.srv.send_raw(line + b"\r\nHost: x\r\nAuthorization: Bearer " + self.token.encode()
                                  + b"\r\nConnection: close\r\n\r\n")

    def test_garbage_headers(self):
        for extra in (b"Authorization: Bearer \xff\xfe", b"Authorization: " + b"B" * 100000,
                      b"Content-Length: -5", b"Content-Length: 99999999999999999999", b"X: " + b"\x00" * 10):
            with self.subTest(extra=extra[:30]):
                self.srv.send_raw(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n" + extra +
                                  b"\r\nConnection: close\r\n\r\n{}")

    def test_sql_and_fts_metacharacters_in_search(self):
        before = self.srv.request("GET", "/api/v1/customers?" + qs(q="smith"), token=self.token)[2]
        for q in METACHARS:
            with self.subTest(q=q):
                resp = self.srv.request("GET", "/api/v1/customers?" + qs(q=q), token=self.token)
                self.assertIn(resp[0], (200, 400), "%r: %r" % (q, resp))
                if resp[0] == 400:
                    self.assertProblem(resp, 400, field="q", msg=repr(q))
                else:
                    self.assertIsInstance(resp[2].get("items"), list)
                    if q in ("%", "_", "*", "^", '"', "%%", "_%_", "'", "''"):
                        self.assertEqual(resp[2]["items"], [], "%r must not match everything" % q)
        after = self.srv.request("GET", "/api/v1/customers?" + qs(q="smith"), token=self.token)[2]
        self.assertEqual(before, after)

    def test_sql_metacharacters_in_username(self):
        for name in ("admin'--", "' OR '1'='1", "%", "_dmin", "adm%", "advisor' OR 1=1 --",
                     "\"; DROP TABLE users; --", "advisor\\", "ADVISOR", " advisor"):
            with self.subTest(name=name):
                resp = self.srv.request("POST", LOGIN, {"username": name, "password": "' OR '1'='1"})
                self.assertIn(resp[0], (400, 401, 429), resp)
                resp = self.srv.request("POST", LOGIN, {"username": name, "password": "demo"})
                self.assertIn(resp[0], (400, 401, 429), "%r with the right password: %r" % (name, resp))

    def test_wrong_types_in_json(self):
        for body in ({"username": ["advisor"], "password": "demo"}, {"username": {"a": 1}, "password": "demo"},
                     {"username": "advisor", "password": None}, {"username": "advisor", "password": 12345},
                     {"username": True, "password": False}, {"username": 1e308, "password": "demo"}):
            with self.subTest(body=body):
                self.assertRefused(self.srv.request("POST", LOGIN, body), msg=repr(body))

    def test_large_valid_json_under_the_limit(self):
        body = {"username": "advisor", "password": "demo", "padding": ["x" * 100] * 5000}
        self.assertEqual(self.srv.request("POST", LOGIN, body)[0], 200)

    def test_many_query_parameters(self):
        # A few kilobytes of parameters must get an answer (even 414/431),
        # never a connection left hanging or dropped without a response.
        for n in (500, 2000):
            with self.subTest(params=n):
                query = "&".join("q=%d" % i for i in range(n))
                try:
                    resp = self.srv.request("GET", "/api/v1/customers?" + query, token=self.token, timeout=10)
                except OSError as e:
                    self.fail("%d parameters (%d bytes): no HTTP response: %r" % (n, len(query), e))
                self.assertIn(resp[0], (200, 400, 414, 431), resp[:2])

    def test_search_still_works_afterwards(self):
        items = self.srv.request("GET", "/api/v1/customers?q=CUS0000001", token=self.token)[2]["items"]
        self.assertEqual(items[0]["id"], "1")


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
