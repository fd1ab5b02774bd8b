#!/usr/bin/env python3
"""Screen pop latency at the server (make bench): how long frontdoord takes
to accept a ringing call (POST /api/v1/calls: the phone-number match in the
search index and the insert, one write transaction) and to show it to the
advisor (GET /api/v1/calls/{id}: the match again, one matching customer's
summary and the audit rows, one transaction). The pop is both in turn, so
together they must stay well inside a ring: budget p99 under 20 ms each.

Seeds FD_BENCH_CUSTOMERS customers (default 20,000), makes a phone-system
key, gives ADVISORS advisors extensions and rings from CLIENTS phone lines
at once (default 4): a third of the callers ring from numbers customers
have (the seed shares numbers between customers, so most match several:
the heavier read, an audit row per customer shown), a third from unknown
numbers, a third withheld. Each call is offered, read,
taken and ended. Reports the server's own ms= figures from its request
log, FD_BENCH_RUNS times (default 3) with their spread, beside the CPU
used by the server, this load generator and everything else. Figures are
printed, never asserted."""
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import (BUILD, RUNS, CpuMeter, login, percentile, spread, start_server,  # noqa: E402
                      stop_server)

CUSTOMERS = int(os.environ.get("FD_BENCH_CUSTOMERS", "20000"))
CALLS = int(os.environ.get("FD_BENCH_CALLS", "800"))
CLIENTS = int(os.environ.get("FD_BENCH_CLIENTS", "4"))
ROUTES = {"offer": "/api/v1/calls", "read": "/api/v1/calls/{id}"}


def build_db(work):
    db = os.path.join(work, "calls.db")
    exe = os.path.join(BUILD, "frontdoord")
    t = time.time()
    subprocess.run([exe, "seed", "--db", db, "--customers", str(CUSTOMERS)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    key = subprocess.run([exe, "phone-key", "create", "bench", "--db", db], check=True,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         text=True).stdout.strip()
    con = sqlite3.connect(db)
    rows = con.execute("SELECT value, COUNT(*) FROM customer_ident WHERE kind = 'phone'"
                       " GROUP BY value").fetchall()
    con.close()
    phones = [r[0] for r in rows]
    counts = sorted(r[1] for r in rows)
    print("seeded %d customers in %.1f s: %d phone numbers, %d of them one customer's,"
          " a number matches %d customers at the median and %d at most (the pop lists 20)"
          % (CUSTOMERS, time.time() - t, len(rows), sum(1 for c in counts if c == 1),
             counts[len(counts) // 2], counts[-1]))
    return db, key, phones


def request(base, method, path, body=None, headers=None):
    req = urllib.request.Request(base + path, method=method, headers=dict(headers or {}),
                                 data=json.dumps(body if body is not None else {}).encode()
                                 if method == "POST" else None)
    req.add_header("Content-Type", "application/json")
    return json.load(urllib.request.urlopen(req))


def callers(rng, phones, n):
    out = []
    for i in range(n):
        kind = i % 3
        out.append(rng.choice(phones) if kind == 0 else
                   "07700 9%05d" % rng.randrange(100000) if kind == 1 else "withheld")
    return out


def one_call(base, key, token, caller, rng):
    phone = {"X-Api-Key": key}
    advisor = {"Authorization": "Bearer " + token}
    call = request(base, "POST", "/api/v1/calls", {"caller": caller, "dialled": "01632 960002",
                                                   "agent": "advisor",
                                                   "queued_seconds": rng.randrange(300)}, phone)
    request(base, "GET", "/api/v1/calls/" + call["id"], headers=advisor)
    request(base, "POST", "/api/v1/calls/%s/take" % call["id"], headers=advisor)
    request(base, "POST", "/api/v1/calls/%s/end" % call["id"], headers=phone)


def run(base, key, token, numbers):
    def line(i):
        rng = random.Random(i)
        for j in range(i, len(numbers), CLIENTS):
            one_call(base, key, token, numbers[j], rng)
    start = time.time()
    threads = [threading.Thread(target=line, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.time() - start


def server_ms(work, route, status):
    text = open(os.path.join(work, "server.log")).read()
    pat = r"route=%s status=%d ms=([0-9.]+)" % (re.escape(route), status)
    return [float(m) for m in re.findall(pat, text)]


def measure(work, srv, base, key, token, numbers):
    before = {k: len(server_ms(work, r, 201 if k == "offer" else 200)) for k, r in ROUTES.items()}
    with CpuMeter(srv.pid) as cpu:
        wall = run(base, key, token, numbers)
    p99 = {}
    print("%d calls from %d lines in %.1f s (%.0f calls/s)" % (len(numbers), CLIENTS, wall,
                                                               len(numbers) / wall))
    for k, route in ROUTES.items():
        ms = server_ms(work, route, 201 if k == "offer" else 200)[before[k]:]
        p99[k] = percentile(ms, 99)
        print("  %s at the server: p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms"
              % (k, statistics.median(ms), percentile(ms, 95), p99[k], max(ms)))
    print("  " + cpu.line())
    return p99


def main():
    rng = random.Random(12)
    work = tempfile.mkdtemp(prefix="fd-bench-calls-")
    try:
        db, key, phones = build_db(work)
        srv, log, base = start_server(work, db)
        try:
            token = login(base)
            run(base, key, token, callers(rng, phones, 40))  # warm the page cache
            p99 = {k: [] for k in ROUTES}
            for i in range(RUNS):
                print("-- run %d of %d" % (i + 1, RUNS))
                got = measure(work, srv, base, key, token, callers(rng, phones, CALLS))
                for k in ROUTES:
                    p99[k].append(got[k])
            for k, route in ROUTES.items():
                spread("p99 at the server, %s (%s)" % (k, route), p99[k], budget="< 20")
        finally:
            stop_server(srv, log)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
