#!/usr/bin/env python3
"""Mixed API load of 500 simulated advisors (make bench).

Starts frontdoord on a copy of a seeded 100,000-customer database, builds
bench/load.c (libcurl multi: every advisor searches, opens the record and
records a contact, then thinks for 1-3 s), runs it for FD_BENCH_SECONDS
(default 30) against 127.0.0.1 only, and reports the server's own latency
for every request (the ms= field of its request log) and the errors.
Budget (DESIGN.md): p99 under 50 ms, zero errors, on this 2-core machine.
Figures are printed, never asserted.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import login, percentile, start_server, stop_server  # noqa: E402
from server_search import seeded_db  # noqa: E402

ADVISORS = int(os.environ.get("FD_BENCH_ADVISORS", "500"))
SECONDS = int(os.environ.get("FD_BENCH_SECONDS", "30"))


def build_load(work):
    exe = os.path.join(work, "load")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libcurl"], check=True,
                           capture_output=True, text=True).stdout.split()
    subprocess.run(["cc", "-O2", "-o", exe, "bench/load.c"] + flags, check=True)
    return exe


def main():
    work = tempfile.mkdtemp(prefix="fd-load-")
    db = os.path.join(work, "load.db")
    shutil.copy(seeded_db(), db)
    exe = build_load(work)
    # 500 advisors from one address, as thin terminals behind one SSH host:
    # that host is allow-listed in a real deployment too (man frontdoord).
    srv, log, base = start_server(work, db, ["--threads", "16", "--allow-address", "127.0.0.1"])
    try:
        token = login(base)
        out = subprocess.run([exe, base, token, str(ADVISORS), str(SECONDS)], check=True,
                             capture_output=True, text=True).stdout.strip()
    finally:
        stop_server(srv, log)
    text = open(os.path.join(work, "server.log")).read()
    rows = re.findall(r"route=(\S+) status=(\d+) ms=([0-9.]+)", text)
    ms = [float(m) for route, status, m in rows if not route.endswith("/login")]
    server_errors = sum(1 for _, status, _ in rows if int(status) >= 500)
    print("mixed load: %d advisors for %d s (search, open record, record contact; think 1-3 s)"
          % (ADVISORS, SECONDS))
    print("  load generator: " + out)
    print("  at the server: %d requests, %d 5xx, p50 %.2f ms  p99 %.2f ms  max %.2f ms   "
          "(budget: p99 < 50 ms, zero errors)"
          % (len(ms), server_errors, percentile(ms, 50), percentile(ms, 99), max(ms)))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
