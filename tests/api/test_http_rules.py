#!/usr/bin/env python3
"""One rule for If-Match on every versioned resource (customers, cases, KB
articles: missing -> 428; present but naming no current version -> 412,
junk and empty included; "*" matches, per RFC 9110), HTTP/1.1 without
exactly one Host -> 400, and the database files private to the service
user (issue 10.6)."""
import os
import shutil
import stat
import subprocess
import uuid
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from casekit import CaseApi, quote  # noqa: E402
from contactkit import RolesServer, runner  # noqa: E402
from fdserver import FdServer, binary  # noqa: E402

# Present but naming no current version: all 412, never 428.
NOT_MATCHING = ["", "junk", '"junk"', "W/", '""', '"', "**", "1e3", "-1", '"99999"', ", ,",
                '"1', "1\"", "\u00e9"]


class IfMatchTest(RolesServer, CaseApi):
    customers = 50

    def customer(self):
        status, headers, body = self.req("GET", "/api/v1/customers/3")
        self.assertEqual(status, 200, body)
        return headers["etag"]

    def article(self):
        body = {"id": "kb-ifmatch-" + uuid.uuid4().hex[:8], "title": "If-Match", "body": "Text."}
        status, headers, got = self.req("POST", "/api/v1/kb", body, user="supervisor")
        self.assertEqual(status, 201, got)
        return "/api/v1/kb/" + body["id"], headers["etag"]

    def targets(self):
        """(name, method, path, body, user, current etag) for each resource."""
        ref = self.create()["ref"]
        kb_path, kb_etag = self.article()
        return [("customer", "PATCH", "/api/v1/customers/3", {"accessibility_needs": "Large print"},
                 "advisor", self.customer()),
                # a case is its team's or a supervisor's to change (team rules)
                ("case", "PATCH", "/api/v1/cases/" + quote(ref), {"priority": "high"}, "supervisor",
                 self.etag(ref)),
                ("kb", "PUT", kb_path, {"title": "If-Match", "body": "New text."}, "supervisor",
                 kb_etag)]

    def send(self, method, path, body, user, if_match):
        headers = {} if if_match is None else {"If-Match": if_match}
        return self.req(method, path, body, user=user, headers=headers)

    def test_missing_is_428_everywhere(self):
        for name, method, path, body, user, _ in self.targets():
            with self.subTest(resource=name):
                self.problem(self.send(method, path, body, user, None), 428, msg=name)

    def test_present_but_not_matching_is_412_everywhere(self):
        for name, method, path, body, user, etag in self.targets():
            for value in NOT_MATCHING:
                with self.subTest(resource=name, if_match=value):
                    got = self.send(method, path, body, user, value.encode("utf-8").decode("latin-1"))
                    self.problem(got, 412, msg="%s If-Match %r" % (name, value))
            # nothing was changed by any of them: the current ETag still works
            with self.subTest(resource=name, if_match=etag):
                self.ok(self.send(method, path, body, user, etag), 200, msg=name)

    def test_current_version_forms_match_everywhere(self):
        forms = (lambda e: "W/" + e, lambda e: e.strip('"'), lambda e: '"0", ' + e,
                 lambda e: ' %s ,"0"' % e, lambda e: "*", lambda e: " * ")
        for name, method, path, body, user, etag in self.targets():
            for i, form in enumerate(forms):
                value = form(etag)
                with self.subTest(resource=name, form=i):
                    status, headers, got = self.send(method, path, body, user, value)
                    self.assertEqual(status, 200, "%s If-Match %r: %r" % (name, value, got))
                    etag = headers["etag"]


class HostHeaderTest(RolesServer, CaseApi):
    customers = 20

    def status_of(self, raw):
        reply = self.srv.send_raw(raw)
        self.assertTrue(reply.startswith(b"HTTP/1."), reply[:200])
        return int(reply.split(b" ", 2)[1])

    def test_http11_without_host_is_400(self):
        for path in (b"/healthz", b"/api/v1/me"):
            with self.subTest(path=path):
                self.assertEqual(self.status_of(b"GET " + path + b" HTTP/1.1\r\n"
                                                b"Connection: close\r\n\r\n"), 400)

    def test_http11_with_two_hosts_is_400(self):
        self.assertEqual(self.status_of(b"GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n"
                                        b"Connection: close\r\n\r\n"), 400)

    def test_http11_with_host_and_http10_without_are_served(self):
        self.assertEqual(self.status_of(b"GET /healthz HTTP/1.1\r\nHost: x\r\n"
                                        b"Connection: close\r\n\r\n"), 200)
        self.assertEqual(self.status_of(b"GET /healthz HTTP/1.0\r\n\r\n"), 200)

    def test_the_400_is_a_problem(self):
        reply = self.srv.send_raw(b"GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n")
        self.assertIn(b"application/problem+json", reply)
        self.assertIn(b"Host", reply.split(b"\r\n\r\n", 1)[1])


class ControlInPathTest(RolesServer, CaseApi):
    """Issue 10: "/customers/1%00" was read as "/customers/1" (the decoded
    NUL ended the path) and answered 200 with customer 1."""
    customers = 20

    def test_escaped_control_characters_in_the_path_are_400(self):
        for path in ("/api/v1/customers/1%00", "/api/v1/customers/1%00x", "/api/v1/me%0a",
                     "/api/v1/customers/1%1F", "/api/v1/customers/1%7f"):
            with self.subTest(path=path):
                self.problem(self.req("GET", path), 400)
        status, _, body = self.srv.request("POST", "/api/v1/auth/login%00",
                                           {"username": "advisor", "password": "demo"})
        self.assertEqual(status, 400, body)

    def test_other_escapes_still_work(self):
        self.ok(self.req("GET", "/api/v1/customers/%31"))
        self.ok(self.req("GET", "/api/v1/customers?q=smith%20jo"))


class DatabaseFilesTest(CaseApi):
    """Under umask 022 the database, its WAL and shared memory are 0600;
    files left 0644 by an older version are tightened at start-up."""

    def modes(self, srv):
        out = {}
        for suffix in ("", "-wal", "-shm"):
            path = srv.db_path + suffix
            if os.path.exists(path):
                out[suffix or "db"] = stat.S_IMODE(os.stat(path).st_mode)
        return out

    def start_under_022(self, prepare=None):
        old = os.umask(0o022)
        try:
            srv = FdServer(customers=20)
            if prepare:
                prepare(srv)
            srv.start()
        finally:
            os.umask(old)
        return srv

    def exercise(self, srv):
        token = srv.login("advisor")
        status, _, body = srv.request("PATCH", "/api/v1/customers/3", {"language": "Welsh"},
                                      token=token, headers={"If-Match": "3"})
        self.assertIn(status, (200, 412), body)

    def test_new_database_files_are_private(self):
        srv = FdServer(customers=20)
        path = os.path.join(srv.tmp, "new.db")
        old = os.umask(0o022)
        try:
            subprocess.run([binary(srv.build), "seed", "--db", path, "--customers", "5",
                            "--seed", "1"], check=True, stdout=subprocess.DEVNULL, timeout=120)
        finally:
            os.umask(old)
        try:
            srv.db_path = path
            srv.start()
            self.exercise(srv)
            modes = self.modes(srv)
            self.assertIn("-wal", modes)
            self.assertEqual(modes, {k: 0o600 for k in modes})
        finally:
            srv.close()

    def test_existing_files_are_tightened(self):
        def loosen(srv):
            os.chmod(srv.db_path, 0o644)
            for suffix in ("-wal", "-shm"):
                shutil.copyfile(srv.db_path, srv.db_path + suffix + ".unused")
                with open(srv.db_path + suffix, "wb"):
                    pass
                os.chmod(srv.db_path + suffix, 0o644)
        srv = self.start_under_022(loosen)
        try:
            self.exercise(srv)
            modes = self.modes(srv)
            self.assertEqual(set(modes), {"db", "-wal", "-shm"})
            self.assertEqual(modes, {k: 0o600 for k in modes})
        finally:
            srv.close()

    def test_service_unit_sets_umask(self):
        here = os.path.dirname(os.path.abspath(__file__))
        with open(os.path.join(here, "..", "..", "packaging", "frontdoord.service")) as f:
            self.assertIn("UMask=0077", [line.strip() for line in f])


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
