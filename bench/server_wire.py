#!/usr/bin/env python3
"""Bytes on the wire for one typical contact (make bench).

One call, as the client makes it: sign-in is not counted (once a shift);
find the caller (search, open the record), triage (catalogue, the script,
a KB search and an article), raise a case, load the wrap codes and record
the contact. Every request and response is counted as sent: request line,
headers and body; status line, headers and body as they arrive, with
compression on (Accept-Encoding: gzip, as the client's libcurl sends) and
off, for comparison. Budget (DESIGN.md): under 50 KB with compression on.
"""
import http.client
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "lib"))
from fdserver import FdServer  # noqa: E402

BUILD = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("FD_BUILD", "build")


class Wire:
    def __init__(self, port, token, gzip):
        self.conn = http.client.HTTPConnection("127.0.0.1", port)
        self.token, self.gzip, self.bytes = token, gzip, 0

    def call(self, method, path, body=None):
        headers = {"Authorization": "Bearer " + self.token, "Accept": "application/json"}
        if self.gzip:
            headers["Accept-Encoding"] = "gzip"
        data = json.dumps(body).encode() if body is not None else None
        if data is not None:
            headers["Content-Type"] = "application/json"
            headers["Idempotency-Key"] = "wire-%f" % time.time()
        self.conn.request(method, path, body=data, headers=headers)
        sent = len("%s %s HTTP/1.1\r\n" % (method, path)) + len(data or b"")
        sent += sum(len("%s: %s\r\n" % kv) for kv in headers.items()) + 40  # Host etc.
        resp = self.conn.getresponse()
        raw = resp.read()
        got = len("HTTP/1.1 %d %s\r\n" % (resp.status, resp.reason)) + len(raw)
        got += sum(len("%s: %s\r\n" % kv) for kv in resp.getheaders()) + 2
        self.bytes += sent + got
        if resp.getheader("Content-Encoding") == "gzip":
            import gzip as gz
            raw = gz.decompress(raw)
        return json.loads(raw) if raw and raw[:1] in (b"{", b"[") else None


def typical_contact(w):
    found = w.call("GET", "/api/v1/customers?q=obrien%20zoe&limit=25")
    cid = found["items"][0]["id"]
    w.call("GET", "/api/v1/customers/%s?via=search" % cid)
    w.call("GET", "/api/v1/services")
    w.call("GET", "/api/v1/scripts/missed-bin")
    kb = w.call("GET", "/api/v1/kb?q=missed%20bin&limit=20")
    w.call("GET", "/api/v1/kb/%s" % kb["items"][0]["id"])
    case = w.call("POST", "/api/v1/cases", {"customer_id": cid, "service_code": "missed_bin",
                                            "summary": "Bin missed; crew to return",
                                            "next_steps": "Crew returns within 2 working days"})
    w.call("GET", "/api/v1/wrapcodes")
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    w.call("POST", "/api/v1/contacts", {"customer_id": cid, "channel": "phone",
                                        "started_at": now, "ended_at": now,
                                        "wrap_code": "missed_bin_reported",
                                        "outcome": "case_raised", "case_refs": [case["ref"]]})


def main():
    with FdServer(BUILD, customers=2000) as srv:
        token = srv.login("advisor")
        sizes = {}
        for gzip in (True, False):
            w = Wire(srv.port, token, gzip)
            typical_contact(w)
            sizes[gzip] = w.bytes
    print("bytes on the wire for one typical contact (lookup, triage, case, wrap):")
    print("  compression on:  %6d bytes (%.1f KB)   (budget: under 50 KB)" % (sizes[True], sizes[True] / 1024))
    print("  compression off: %6d bytes (%.1f KB)" % (sizes[False], sizes[False] / 1024))


if __name__ == "__main__":
    main()
