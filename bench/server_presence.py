#!/usr/bin/env python3
"""The presence heartbeat's cost (make bench): what X-Frontdoor-Client adds
to every authenticated request (presence.h: an UPDATE of seen_at outside
any transaction, at most every timeout/6 s per client).

Seeds a small database, starts frontdoord, has 20 clients (of the demo
users) set a state, then sends GET /api/v1/me round-robin from them on
keep-alive connections, one at a time, in three modes: no header (no
heartbeat), the header with the default --presence-timeout 90 (a write
per client every 15 s: nearly always skipped in memory), and the header
with --presence-timeout 5 (timeout/6 rounds to 0: every request writes,
the worst case). Reports the server-side p50 and p99 (ms= of its request
log) per mode over FD_BENCH_RUNS runs (3) with their spread, and the CPU
used. Figures are printed, never asserted.
"""
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import (BUILD, RUNS, CpuMeter, login, percentile, spread, start_server,  # noqa: E402
                      stop_server)

REQUESTS = int(os.environ.get("FD_BENCH_REQUESTS", "2000"))
USERS = ("advisor", "backoffice", "trainer", "supervisor", "admin")
CLIENTS = 20


def clients(base):
    tokens = {u: login(base, u) for u in USERS}
    out = []
    for i in range(CLIENTS):
        tok, cid = tokens[USERS[i % len(USERS)]], uuid.uuid4().hex
        out.append((tok, cid))
        conn = http.client.HTTPConnection(base.split("//")[1])
        conn.request("PUT", "/api/v1/me/presence", json.dumps({"state": "ready"}),
                     {"Authorization": "Bearer " + tok, "X-Frontdoor-Client": cid,
                      "Content-Type": "application/json"})
        conn.getresponse().read()
    return out


def drive(base, who, with_header):
    conns = [http.client.HTTPConnection(base.split("//")[1]) for _ in who]
    for i in range(REQUESTS):
        tok, cid = who[i % len(who)]
        headers = {"Authorization": "Bearer " + tok}
        if with_header:
            headers["X-Frontdoor-Client"] = cid
        c = conns[i % len(conns)]
        c.request("GET", "/api/v1/me", headers=headers)
        c.getresponse().read()
    for c in conns:
        c.close()


def server_ms(log_path, skip):
    with open(log_path) as f:
        lines = f.readlines()[skip:]
    return [float(m.group(1)) for m in (re.search(r'route=/api/v1/me status=200 ms=([0-9.]+)', l)
                                        for l in lines) if m], len(lines) + skip


def one_mode(work, db, timeout, with_header):
    p50s, p99s = [], []
    # The hold must end before the timeout (frontdoord refuses otherwise).
    hold = min(25, timeout - 2)
    srv, log, base = start_server(work, db, ["--presence-timeout", str(timeout),
                                             "--events-hold-seconds", str(hold)])
    try:
        who = clients(base)
        seen = 0
        for _ in range(RUNS):
            with CpuMeter(srv.pid) as cpu:
                drive(base, who, with_header)
            ms, seen = server_ms(os.path.join(work, "server.log"), seen)
            p50s.append(percentile(ms, 50))
            p99s.append(percentile(ms, 99))
        print("  " + cpu.line())
    finally:
        stop_server(srv, log)
        os.unlink(os.path.join(work, "port"))   # the next server's must not be read as this one's
    return p50s, p99s


def main():
    work = tempfile.mkdtemp(prefix="fd-bench-presence-")
    db = os.path.join(work, "bench.db")
    subprocess.run([os.path.join(BUILD, "frontdoord"), "seed", "--db", db, "--customers", "100"],
                   check=True, stdout=subprocess.DEVNULL)
    try:
        print("presence heartbeat: %d x GET /api/v1/me from %d clients, server-side ms"
              % (REQUESTS, CLIENTS))
        for label, timeout, header in (("no heartbeat", 90, False),
                                       ("heartbeat, timeout 90 s", 90, True),
                                       ("heartbeat, every request writes", 5, True)):
            print(" %s" % label)
            p50s, p99s = one_mode(work, db, timeout, header)
            spread("p50", p50s)
            spread("p99", p99s)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
