#!/usr/bin/env python3
"""One client cannot take the server from everyone: a per-address
connection limit (with an allow-list and trusted proxies), deadlines for a
request's line, headers and body whatever it trickles, a total kept below
the open-file limit, and X-Forwarded-For believed only from a proxy."""
import http.client
import os
import select
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import runner  # noqa: E402
from apitest import ApiTestCase, FdServer  # noqa: E402
from netkit import OTHER, login_from, request_from  # noqa: E402

PER_ADDRESS = 16
FLOOD = 300          # more than the server's descriptors allow, run under prlimit
NOFILE = 256
HEALTHZ = b"GET /healthz HTTP/1.1\r\nHost: frontdoor\r\n\r\n"


def open_from(srv, source, count):
    socks = []
    for _ in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(10)
        s.bind((source, 0))
        try:
            s.connect(("127.0.0.1", srv.port))
        except OSError:
            s.close()
            continue
        socks.append(s)
    return socks


def answered(sock, timeout=15):
    """Send /healthz on sock; True when a 200 comes back, False when the
    server closed the connection instead."""
    try:
        sock.sendall(HEALTHZ)
        sock.settimeout(timeout)
        return sock.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def closed_within(sock, seconds, trickle):
    """Send trickle one byte at a time, one every 0.3 s, until the server
    closes the connection (True) or seconds pass (False)."""
    deadline = time.time() + seconds
    i = 0
    while time.time() < deadline:
        readable, _, _ = select.select([sock], [], [], 0.3)
        if readable:
            try:
                if not sock.recv(4096):
                    return True
            except OSError:
                return True
        try:
            sock.send(trickle[i % len(trickle):i % len(trickle) + 1])
        except OSError:
            return True
        i += 1
    return False


class FloodTest(ApiTestCase):
    def test_flood_from_one_address_leaves_others_served(self):
        args = ["--connections-per-address", str(PER_ADDRESS), "--threads", "4"]
        wrapper = ["prlimit", "--nofile=%d:%d" % (NOFILE, NOFILE), "--"]
        with FdServer(customers=50, extra_args=args, wrapper=wrapper) as srv:
            flood = open_from(srv, OTHER, FLOOD)
            try:
                self.assertGreater(len(flood), PER_ADDRESS, "the flood did not connect")
                # Everyone else is still served while the flood holds on.
                status = request_from(srv, "127.0.0.1", "GET", "/healthz", timeout=15)[0]
                self.assertEqual(status, 200, "/healthz from 127.0.0.1 during the flood")
                served = sum(answered(s) for s in flood)
                # The limit is checked as each thread accepts, so a pool of
                # 4 threads may let a few more through at once.
                self.assertLessEqual(served, PER_ADDRESS + 4,
                                     "%d of %d flood connections served" % (served, len(flood)))
                self.assertGreater(served, 0, "the flooding address is limited, not banned")
            finally:
                for s in flood:
                    s.close()
            self.assertIn("connection_limit", srv.stderr_text())
            self.assertTrue(srv.alive())

    def test_allowed_address_has_no_per_address_limit(self):
        args = ["--connections-per-address", "4", "--allow-address", "127.0.0.2/32"]
        with FdServer(customers=50, extra_args=args) as srv:
            socks = open_from(srv, OTHER, 12)
            try:
                self.assertEqual(sum(answered(s) for s in socks), 12)
            finally:
                for s in socks:
                    s.close()


class DeadlineTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = FdServer(customers=50, extra_args=[
            "--header-timeout", "2", "--body-timeout", "2", "--keepalive-timeout", "3"]).start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()

    def connect(self):
        return socket.create_connection(("127.0.0.1", self.srv.port), timeout=10)

    def test_trickled_headers_are_cut_off(self):
        with self.connect() as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: frontdoor\r\n")
            self.assertTrue(closed_within(s, 25, b"X-Slow: aaaaaaaaaaaaaaaa\r\n"),
                            "headers trickled for 25 s and the connection stayed open")

    def test_trickled_body_is_cut_off(self):
        with self.connect() as s:
            s.sendall(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: frontdoor\r\n"
                      b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
            self.assertTrue(closed_within(s, 25, b"{\"username\": \"advisor\"  "),
                            "a body trickled for 25 s and the connection stayed open")

    def test_trickled_request_line_is_cut_off(self):
        with self.connect() as s:
            self.assertTrue(closed_within(s, 25, b"GET /healthz?" + b"a" * 200),
                            "a request line trickled for 25 s and the connection stayed open")

    def test_keep_alive_pauses_between_requests_are_not_cut(self):
        # Pauses longer than the header deadline, shorter than keep-alive,
        # all on one connection.
        conn = http.client.HTTPConnection("127.0.0.1", self.srv.port, timeout=10)
        try:
            first = None
            for _ in range(3):
                conn.request("GET", "/healthz")
                resp = conn.getresponse()
                resp.read()
                self.assertEqual(resp.status, 200)
                first = first or conn.sock
                self.assertIs(conn.sock, first, "the connection was not kept")
                time.sleep(2.5)
        finally:
            conn.close()


class ForwardedForTest(ApiTestCase):
    """127.0.0.2 is the configured proxy; 127.0.0.1 is not."""

    @classmethod
    def setUpClass(cls):
        cls.srv = FdServer(customers=50, extra_args=["--trusted-proxy", OTHER]).start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()

    def lock_out(self, source, username, xff):
        for attempt in range(10):
            resp = login_from(self.srv, source, username, "wrong-%d" % attempt,
                              {"X-Forwarded-For": xff})
            if resp[0] == 429:
                return time.time(), int(resp[1]["retry-after"])
        self.fail("no 429 for %s via %s" % (username, xff))

    def test_forwarded_for_names_the_client_behind_a_proxy(self):
        at, retry = self.lock_out(OTHER, "advisor", "10.1.1.1")
        other_client = login_from(self.srv, OTHER, "advisor", "demo", {"X-Forwarded-For": "10.1.1.2"})
        self.assertJson(other_client, msg="another client behind the same proxy:")
        # A client cannot escape by prepending an address of its own: the
        # proxy appends the real one, and that is the one believed.
        spoofed = login_from(self.srv, OTHER, "advisor", "demo",
                             {"X-Forwarded-For": "10.9.9.9, 10.1.1.1"})
        if time.time() - at < retry - 1:
            self.assertProblem(spoofed, 429, msg="the locked client with a forged first hop:")

    def test_forwarded_for_is_ignored_from_anyone_else(self):
        at, retry = self.lock_out("127.0.0.1", "backoffice", "10.2.2.2")
        resp = login_from(self.srv, "127.0.0.1", "backoffice", "demo", {"X-Forwarded-For": "10.3.3.3"})
        if time.time() - at < retry - 1:
            self.assertProblem(resp, 429, msg="not a proxy, so its X-Forwarded-For is ignored:")


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
