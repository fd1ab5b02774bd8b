#!/usr/bin/env python3
"""Customer search latency while someone hammers the sign-in (make bench).

Issue 10.3: 32 clients flooding POST /auth/login raised search latency from
~5 ms to a median of 77 ms, because argon2 took every core and request
thread. This runs the server_search.py query mix from a few clients for a
fixed time three ways: with no flood; during a flood of 32 clients (from
127.0.0.2, each attempt a new user name, so every one costs an argon2
check; a flooder turned away pauses 10 ms rather than spin on the shared
processors) with the default password-check pool; and the same flood with
the pool opened wide (--password-workers 64). It prints search p50/p99 at
the server (its request log) and at the client, the sign-in answers the
flood got, and the CPU this load generator used (it shares the machine
with the server; the flood runs in a process of its own so it does not
hold the searching clients' interpreter lock). Every client keeps its
connection alive. Figures are printed, never asserted.

FD_BENCH_CUSTOMERS (default 100,000) as for server_search.py;
FD_BENCH_SECONDS per run (default 10); FD_BENCH_BASELINE_BUILD=DIR adds a
run of the same flood against DIR/frontdoord (an older build, e.g. one from
before the pool) for comparison.
"""
import http.client
import json
import multiprocessing
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib  # noqa: E402
from benchlib import BUILD, login, percentile, start_server, stop_server  # noqa: E402
import server_search  # noqa: E402
from server_search import query_mix  # noqa: E402

SECONDS = float(os.environ.get("FD_BENCH_SECONDS", "10"))
# Another build to flood the same way, e.g. one from before the pool.
BASELINE = os.environ.get("FD_BENCH_BASELINE_BUILD")
SEARCHERS = int(os.environ.get("FD_BENCH_CLIENTS", "4"))
FLOODERS = 32


# Every client keeps its connection alive, as the advisor's client does:
# tens of thousands of closed connections would also use up the loopback's
# ephemeral ports, which other programs on the machine need.
def send(conn, method, path, body=None, headers=None):
    """One request on a kept-alive connection; returns the status, or
    "refused" when the connection failed (it reconnects next time)."""
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        resp.read()
        return resp.status
    except OSError:
        conn.close()
        return "refused"


def flood(port, i, stop, answers, lock):
    n = 0
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60,
                                      source_address=("127.0.0.2", 0))
    while not stop.is_set():
        n += 1
        body = json.dumps({"username": "flood-%d-%d" % (i, n), "password": "guess"})
        status = send(conn, "POST", "/api/v1/auth/login", body,
                      {"Content-Type": "application/json"})
        with lock:
            answers[status] = answers.get(status, 0) + 1
        # A real attacker retries at once from elsewhere; this one shares
        # the server's processors, so it pauses rather than spin on refusals.
        if status not in (401, 429):
            time.sleep(0.01)
    conn.close()


def flood_process(port, flooders, seconds, out):
    """The flood in a process of its own, so its threads do not share an
    interpreter lock with the searching clients being measured."""
    answers, lock, stop = {}, threading.Lock(), threading.Event()
    threads = [threading.Thread(target=flood, args=(port, i, stop, answers, lock))
               for i in range(flooders)]
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    cpu = os.times()
    out.put((answers, cpu.user + cpu.system))


def search(port, token, mix, i, stop, seen, lock):
    local, j = [], i
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while not stop.is_set():
        q = mix[j % len(mix)]
        j += SEARCHERS
        t = time.perf_counter()
        send(conn, "GET", "/api/v1/customers?limit=25&q=" + urllib.parse.quote(q),
             headers={"Authorization": "Bearer " + token})
        local.append((time.perf_counter() - t) * 1000)
    conn.close()
    with lock:
        seen.extend(local)


def seeded_db(build):
    """server_search.py's cached database, seeded by this build (another
    build may have an older schema)."""
    server_search.BUILD = build
    return server_search.seeded_db()


def run(mix, flooders, extra_args, build):
    # A copy: failed sign-ins are written, and the cache is shared.
    work = tempfile.mkdtemp(prefix="fd-bench-")
    db, src = os.path.join(work, "flood.db"), seeded_db(build)
    for ext in ("", "-wal"):
        if os.path.exists(src + ext):
            shutil.copy(src + ext, db + ext)
    benchlib.BUILD = build
    srv, log, base = start_server(work, db, extra_args)
    port = int(base.rsplit(":", 1)[1])
    seen, answers, lock, stop = [], {}, threading.Lock(), threading.Event()
    flood_cpu = 0.0
    before = os.times()
    try:
        token = login(base)
        out = multiprocessing.Queue()
        flooding = multiprocessing.Process(target=flood_process,
                                           args=(port, flooders, SECONDS, out))
        if flooders:
            flooding.start()
        threads = [threading.Thread(target=search, args=(port, token, mix, i, stop, seen, lock))
                   for i in range(SEARCHERS)]
        for t in threads:
            t.start()
        time.sleep(SECONDS)
        stop.set()
        for t in threads:
            t.join()
        if flooders:
            answers, flood_cpu = out.get(timeout=120)
            flooding.join()
    finally:
        stop_server(srv, log)
    after = os.times()
    cpu = after.user + after.system - before.user - before.system + flood_cpu
    text = open(os.path.join(work, "server.log")).read()
    shutil.rmtree(work, ignore_errors=True)
    server_ms = [float(m) for m in re.findall(r"route=/api/v1/customers status=200 ms=([0-9.]+)", text)]
    return server_ms, seen, answers, cpu


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
    mix = query_mix(seeded_db(BUILD), random.Random(7))
    runs = [("no sign-in flood", 0, [], BUILD),
            ("%d-client sign-in flood, default password-check pool" % FLOODERS, FLOODERS, [], BUILD),
            ("%d-client sign-in flood, pool opened wide (--password-workers 64)" % FLOODERS,
             FLOODERS, ["--password-workers", "64", "--connections-per-address", "0"], BUILD)]
    if BASELINE:
        runs.append(("%d-client sign-in flood, %s/frontdoord" % (FLOODERS, BASELINE), FLOODERS, [],
                     BASELINE))
    print("customer search from %d clients during a sign-in flood (%d processors)"
          % (SEARCHERS, os.cpu_count()))
    for title, flooders, args, build in runs:
        report(title, *run(mix, flooders, args, build))


if __name__ == "__main__":
    main()
