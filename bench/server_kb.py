#!/usr/bin/env python3
"""Knowledge-base search latency at the server (make bench).

Seeds a small database, adds N generated articles (default 10,000;
FD_BENCH_ARTICLES to change) with python's sqlite3 (kb_fts is an
external-content FTS5 table kept in step by triggers on kb_articles, so
plain INSERTs index them), starts frontdoord on a loopback port and sends
searches for common words (in most articles' bodies and many titles:
the worst case for ranking, as every match is scored), rarer words and
prefixes as an advisor types them, from several concurrent clients. It
reports the latency the server itself measured for each request (the ms=
field of its request log) and what the clients saw. Budget: p99 under
20 ms for a common word. Each mix runs FD_BENCH_RUNS times (default 3)
and the p99s are printed with their spread, beside the CPU used by the
server, by this load generator (python threads) and by anything else on
the machine. Figures are printed, never asserted.
"""
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
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import (BUILD, RUNS, CpuMeter, login, percentile, spread, start_server,  # noqa: E402
                      stop_server)
N = int(os.environ.get("FD_BENCH_ARTICLES", "10000"))
QUERIES = int(os.environ.get("FD_BENCH_QUERIES", "2000"))
CLIENTS = int(os.environ.get("FD_BENCH_CLIENTS", "4"))

COMMON = ["council", "customer", "payment", "collection", "service"]
TOPICS = ["bin", "recycling", "garden", "bulky", "council tax", "discount", "arrears", "badge",
          "pothole", "highway", "bus pass", "parking", "permit", "care", "safeguarding", "school",
          "admission", "appeal", "noise", "nuisance", "housing", "benefit", "library", "licence"]
FILLER = ("the a to of and in for is on that with by this be at are from or as an will your we "
          "you can if it not have has our their they more any when what which who how must "
          "should may only also after before each other than then there these").split()
RARE = ["quokka%d" % i for i in range(50)]


def article(i, rng):
    topic = rng.choice(TOPICS)
    title_words = [topic.title()] + rng.sample(["rules", "fees", "eligibility", "how to apply",
                                                "what happens next", "opening hours", "exceptions",
                                                "customer questions", "service changes"], 2)
    if rng.random() < 0.3:
        title_words.append(rng.choice(COMMON))
    paras = []
    for _ in range(rng.randint(4, 9)):
        words = [rng.choice(FILLER) for _ in range(rng.randint(30, 70))]
        for _ in range(rng.randint(1, 4)):
            words.insert(rng.randrange(len(words)), rng.choice(COMMON))
        words.insert(rng.randrange(len(words)), topic)
        if rng.random() < 0.05:
            words.insert(rng.randrange(len(words)), rng.choice(RARE))
        paras.append(" ".join(words).capitalize() + ".")
    title = " - ".join(title_words)
    body = "# %s\n\n%s\n\n## Details\n\n- %s\n- %s\n" % (title, "\n\n".join(paras[:-2]), paras[-2],
                                                         paras[-1])
    return ("bench-%05d" % i, title, body, "", " ".join([topic] + rng.sample(COMMON, 2)), "2026-11-01")


def build_db(work, rng):
    db = os.path.join(work, "kb.db")
    subprocess.run([os.path.join(BUILD, "frontdoord"), "seed", "--db", db, "--customers", "50"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t = time.time()
    con = sqlite3.connect(db)
    con.executemany("INSERT INTO kb_articles (id, title, body, services, tags, updated, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, '2026-11-01T09:00:00Z')",
                    (article(i, rng) for i in range(N)))
    con.commit()
    total = con.execute("SELECT count(*) FROM kb_articles").fetchone()[0]
    indexed = con.execute("SELECT count(*) FROM kb_fts WHERE kb_fts MATCH 'council'").fetchone()[0]
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    print("added %d articles in %.1f s (%d in the database, %d match 'council')"
          % (N, time.time() - t, total, indexed))
    return db


def run(base, token, queries):
    seen, counts = [], []
    lock = threading.Lock()

    def client(i):
        local, n = [], []
        for j in range(i, len(queries), CLIENTS):
            url = base + "/api/v1/kb?limit=20&q=" + urllib.parse.quote(queries[j])
            r = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
            t = time.perf_counter()
            n.append(len(json.load(urllib.request.urlopen(r))["items"]))
            local.append((time.perf_counter() - t) * 1000)
        with lock:
            seen.extend(local)
            counts.extend(n)

    start = time.time()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return seen, counts, time.time() - start


def server_ms(work, skip):
    text = open(os.path.join(work, "server.log")).read()
    return [float(m) for m in re.findall(r"route=/api/v1/kb status=200 ms=([0-9.]+)", text)][skip:]


def report(label, ms, seen, counts, wall, cpu):
    print("%s: %d searches from %d clients (%.0f req/s), %.1f results on average"
          % (label, len(ms), CLIENTS, len(ms) / wall, statistics.mean(counts)))
    print("  at the server: p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms   (budget: p99 < 20 ms)"
          % (statistics.median(ms), percentile(ms, 95), percentile(ms, 99), max(ms)))
    print("  at the client: p50 %.2f ms  p99 %.2f ms" % (statistics.median(seen), percentile(seen, 99)))
    print("  " + cpu.line())
    return percentile(ms, 99)


def mixes(rng):
    """The three query mixes: a common word, as typed, and the worst case
    for two-phase ranking (no title has the word, every body match is
    scored)."""
    common = [rng.choice(COMMON) for _ in range(QUERIES)]
    typed = []
    for _ in range(QUERIES):
        w = rng.choice(TOPICS + RARE + COMMON)
        typed.append(w[:rng.randint(2, len(w))] if rng.random() < 0.5 else w)
    body_only = [rng.choice(["should", "their", "before", "which"]) for _ in range(QUERIES // 4)]
    return [("common word, %d articles" % N, common), ("as typed (prefixes, topics, rare words)", typed),
            ("a word in nearly every body and no title (worst case)", body_only)]


def measure(work, srv, base, token, label, queries):
    done = len(server_ms(work, 0))
    with CpuMeter(srv.pid) as cpu:
        seen, counts, wall = run(base, token, queries)
    return report("KB search, " + label, server_ms(work, done), seen, counts, wall, cpu)


def main():
    rng = random.Random(11)
    work = tempfile.mkdtemp(prefix="fd-bench-kb-")
    try:
        db = build_db(work, rng)
        srv, log, base = start_server(work, db)
        try:
            token = login(base)
            todo = mixes(rng)
            run(base, token, todo[0][1][:50])                    # warm the page cache
            p99 = {label: [] for label, _ in todo}
            for i in range(RUNS):
                print("-- run %d of %d" % (i + 1, RUNS))
                for label, queries in todo:
                    p99[label].append(measure(work, srv, base, token, label, queries))
            for label, _ in todo:
                spread("p99 at the server, " + label, p99[label], budget="< 20")
        finally:
            stop_server(srv, log)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
