#!/usr/bin/env python3
"""Customer search latency while someone hammers the sign-in (make bench).

Issue 10.3: 32 clients flooding POST /auth/login raised search latency from
~5 ms to a median of 77 ms, because argon2 took every core and request
thread. This runs the server_search.py query mix from a few clients for a
fixed time three ways: with no flood; during a flood of 32 clients (from
127.0.0.2, each attempt a new user name, so every one costs an argon2
check; a flooder turned away pauses 10 ms rather than spin on the shared
processors) with the default password-check gate; and the same flood with the
gate opened wide (--password-workers 64, as before the gate). It prints
search p50/p99 at the server (its request log) and at the client, the
sign-in answers the flood got, and the CPU this load generator used
(it shares the machine with the server). Figures are printed, never
asserted. FD_BENCH_CUSTOMERS (default 100,000) as for server_search.py;
FD_BENCH_SECONDS per run (default 10).
"""
import http.client
import json
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import login, percentile, start_server, stop_server  # noqa: E402
from server_search import query_mix, seeded_db  # noqa: E402

SECONDS = float(os.environ.get("FD_BENCH_SECONDS", "10"))
SEARCHERS = int(os.environ.get("FD_BENCH_CLIENTS", "4"))
FLOODERS = 32


def get(port, path, token):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Authorization": "Bearer " + token})
        resp = conn.getresponse()
        resp.read()
        return resp.status
    finally:
        conn.close()


def flood(port, i, stop, answers, lock):
    n = 0
    while not stop.is_set():
        n += 1
        body = json.dumps({"username": "flood-%d-%d" % (i, n), "password": "guess"})
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60,
                                              source_address=("127.0.0.2", 0))
            conn.request("POST", "/api/v1/auth/login", body=body,
                         headers={"Content-Type": "application/json"})
            status = conn.getresponse().status
            conn.close()
        except OSError:
            status = "refused"
        with lock:
            answers[status] = answers.get(status, 0) + 1
        # A real attacker retries at once from elsewhere; this one shares
        # the server's processors, so it pauses rather than spin on refusals.
        if status not in (401, 429):
            time.sleep(0.01)


def search(port, token, mix, i, stop, seen, lock):
    local, j = [], i
    while not stop.is_set():
        q = mix[j % len(mix)]
        j += SEARCHERS
        t = time.perf_counter()
        get(port, "/api/v1/customers?limit=25&q=" + urllib.parse.quote(q), token)
        local.append((time.perf_counter() - t) * 1000)
    with lock:
        seen.extend(local)


def run(db, mix, flooders, extra_args):
    work = tempfile.mkdtemp(prefix="fd-bench-")
    srv, log, base = start_server(work, db, extra_args)
    port = int(base.rsplit(":", 1)[1])
    seen, answers, lock, stop = [], {}, threading.Lock(), threading.Event()
    try:
        token = login(base)
        threads = [threading.Thread(target=flood, args=(port, i, stop, answers, lock))
                   for i in range(flooders)]
        threads += [threading.Thread(target=search, args=(port, token, mix, i, stop, seen, lock))
                    for i in range(SEARCHERS)]
        for t in threads:
            t.start()
        time.sleep(SECONDS)
        stop.set()
        for t in threads:
            t.join()
    finally:
        stop_server(srv, log)
    text = open(os.path.join(work, "server.log")).read()
    server_ms = [float(m) for m in re.findall(r"route=/api/v1/customers status=200 ms=([0-9.]+)", text)]
    return server_ms, seen, answers


def report(title, server_ms, seen, answers, cpu_s):
    print(title)
    print("  searches: %d in %.0f s; at the server p50 %.2f ms  p99 %.2f ms  max %.2f ms;"
          " at the client p50 %.2f ms  p99 %.2f ms"
          % (len(server_ms), SECONDS, statistics.median(server_ms), percentile(server_ms, 99),
             max(server_ms), statistics.median(seen), percentile(seen, 99)))
    if answers:
        print("  flood sign-ins: " + ", ".join("%s: %d" % (k, v) for k, v in sorted(
            answers.items(), key=lambda kv: str(kv[0]))))
    print("  load generator CPU: %.1f s over %.0f s" % (cpu_s, SECONDS))


def main():
    db = seeded_db()
    mix = query_mix(db, random.Random(7))
    runs = [("no sign-in flood", 0, []),
            ("%d-client sign-in flood, default password-check gate" % FLOODERS, FLOODERS, []),
            ("%d-client sign-in flood, gate opened wide (--password-workers 64)" % FLOODERS,
             FLOODERS, ["--password-workers", "64", "--connections-per-address", "0"])]
    print("customer search from %d clients during a sign-in flood (%d processors)"
          % (SEARCHERS, os.cpu_count()))
    for title, flooders, args in runs:
        before = os.times()
        server_ms, seen, answers = run(db, mix, flooders, args)
        after = os.times()
        report(title, server_ms, seen, answers,
               (after.user + after.system) - (before.user + before.system))


if __name__ == "__main__":
    main()
