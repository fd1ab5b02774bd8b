#!/usr/bin/env python3
"""Customer search latency at the server (make bench).

Seeds a database of N customers (default 100,000; FD_BENCH_CUSTOMERS to
change, e.g. 1000000), starts frontdoord on a loopback port, sends a mix
of searches an advisor types (name prefixes in any order, full names,
postcodes with and without the space, phone numbers in several formats,
references) from several concurrent clients, and reports the latency the
server itself measured for each request (the ms= field of its request
log), plus what the clients saw. Figures are printed, never asserted.
"""
import os
import random
import shutil
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import (BUILD, RUNS, CpuMeter, login, percentile, spread, start_server,  # noqa: E402
                      stop_server)
N = int(os.environ.get("FD_BENCH_CUSTOMERS", "100000"))
QUERIES = int(os.environ.get("FD_BENCH_QUERIES", "3000"))
CLIENTS = int(os.environ.get("FD_BENCH_CLIENTS", "4"))
CACHE = os.path.join(tempfile.gettempdir(), "frontdoor-bench")


def seeded_db():
    os.makedirs(CACHE, exist_ok=True)
    # Keyed by the binary too: a newer frontdoord may have a newer schema
    # or load more content at seed time.
    st = os.stat(os.path.join(BUILD, "frontdoord"))
    path = os.path.join(CACHE, "search-%d-%d-%d.db" % (N, st.st_size, int(st.st_mtime)))
    if not os.path.exists(path):
        t = time.time()
        subprocess.run([os.path.join(BUILD, "frontdoord"), "seed", "--db", path + ".tmp",
                        "--customers", str(N)], check=True, stdout=subprocess.DEVNULL)
        os.rename(path + ".tmp", path)
        for ext in ("-wal", "-shm"):
            if os.path.exists(path + ".tmp" + ext):
                os.rename(path + ".tmp" + ext, path + ext)
        print("seeded %d customers in %.1f s" % (N, time.time() - t))
    return path


def query_mix(db_path, rng):
    con = sqlite3.connect(db_path)
    rows = con.execute("SELECT c.given_name, c.family_name, c.mobile, c.phone, c.customer_ref,"
                       " a.postcode FROM customers c JOIN addresses a ON a.customer_id = c.id"
                       " AND a.position = 0 ORDER BY random() LIMIT 2000").fetchall()
    con.close()
    out = []
    for given, family, mobile, phone, ref, postcode in rows:
        kind = rng.randrange(8)
        if kind == 0: out.append(family[:3])
        elif kind == 1: out.append("%s %s" % (given, family))
        elif kind == 2: out.append("%s %s" % (family, given[:2]))
        elif kind == 3: out.append(postcode)
        elif kind == 4: out.append(postcode.replace(" ", "").lower())
        elif kind == 5 and (mobile or phone):
            p = mobile or phone
            out.append(rng.choice([p, p.replace(" ", ""), "+44 " + p[1:]]))
        elif kind == 6: out.append(ref.lower())
        else: out.append(family)
    return out


def one_run(base, token, mix, work):
    """QUERIES searches from CLIENTS threads: (server ms, client ms, wall s, cpu)."""
    seen = []
    lock = threading.Lock()

    def client(i):
        local = []
        for j in range(i, QUERIES, CLIENTS):
            q = mix[j % len(mix)]
            url = base + "/api/v1/customers?limit=25&q=" + urllib.parse.quote(q)
            r = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
            t = time.perf_counter()
            urllib.request.urlopen(r).read()
            local.append((time.perf_counter() - t) * 1000)
        with lock:
            seen.extend(local)

    log_path = os.path.join(work, "server.log")
    done = len(open(log_path).read().splitlines())
    start = time.time()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.time() - start
    lines = open(log_path).read().splitlines()[done:]
    server_ms = [float(m) for m in re.findall(r"route=/api/v1/customers status=200 ms=([0-9.]+)",
                                               "\n".join(lines))]
    return server_ms, seen, wall


def main():
    db = seeded_db()
    rng = random.Random(7)
    mix = query_mix(db, rng)
    work = tempfile.mkdtemp(prefix="fd-bench-")
    srv, log, base = start_server(work, db)
    p99s = []
    try:
        token = login(base)
        for i in range(RUNS):
            with CpuMeter(srv.pid) as cpu:
                server_ms, seen, wall = one_run(base, token, mix, work)
            print("customer search, %d customers, %d queries from %d clients (%.0f req/s), run %d"
                  % (N, len(server_ms), CLIENTS, len(server_ms) / wall, i + 1))
            print("  at the server: p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms"
                  % (statistics.median(server_ms), percentile(server_ms, 95),
                     percentile(server_ms, 99), max(server_ms)))
            print("  at the client: p50 %.2f ms  p99 %.2f ms"
                  % (statistics.median(seen), percentile(seen, 99)))
            print("  " + cpu.line())
            p99s.append(percentile(server_ms, 99))
    finally:
        stop_server(srv, log)
    spread("p99 at the server, customer search, %d customers" % N, p99s, budget="< 20")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
