#!/usr/bin/env python3
"""The live channel (issue 12; make bench): GET /api/v1/events long-polls.

1. Latency from a commit to the event reaching 500 idle long-polling
   clients: all 500 hold a long-poll (the server's waiter gauge says so),
   then one case is created (queue.changed reaches supervisors: every
   client here signs in as one). Latency per client is from sending the
   POST to that client's answer arriving (so it includes the write
   itself); p99 over the 500, three runs. Budget: p99 < 100 ms.
2. 2,000 idle long-polls on one instance for a minute
   (FD_BENCH_IDLE_SECONDS) with the default 25 s hold: every answer must
   be a 200 (no errors), /healthz must keep answering, and the requests
   and bytes each idle client costs per minute are counted on the wire.
   Budget: at most one request per 25 s, under 1 kB/s.

The clients are asyncio sockets in this one process, so 2,000 of them need
2,000 descriptors here and as many in frontdoord (its limit is 4,000
connections, fewer if the open-file limit is lower). All come from
127.0.0.1, so the per-address limit is switched off for the bench
(--connections-per-address 0); in production clients come from their own
addresses, or from a proxy named with --trusted-proxy."""
import asyncio
import json
import os
import resource
import shutil
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "lib"))
from benchlib import BUILD, RUNS, CpuMeter, login, percentile, spread, start_server, stop_server  # noqa: E402
from fdserver import seeded_db  # noqa: E402

LATENCY_CLIENTS = 500
IDLE_CLIENTS = 2000
IDLE_SECONDS = int(os.environ.get("FD_BENCH_IDLE_SECONDS", "60"))


class Client:
    """One keep-alive connection doing long-polls; counts its bytes."""

    def __init__(self, port, token):
        self.port, self.token = port, token
        self.reader = self.writer = None
        self.requests = self.bytes = self.errors = 0
        self.sent_at = []   # when each long-poll was sent (monotonic)

    async def connect(self):
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def poll(self, after):
        """Send one long-poll and return (status, body, arrival time)."""
        req = ("GET /api/v1/events?after=%d HTTP/1.1\r\nHost: bench\r\n"
               "Authorization: Bearer %s\r\nAccept-Encoding: gzip\r\n\r\n" % (after, self.token))
        self.writer.write(req.encode())
        self.sent_at.append(time.monotonic())
        self.requests += 1
        self.bytes += len(req)
        head = await self.reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        body = await self.reader.readexactly(length)
        arrived = time.perf_counter()
        self.bytes += len(head) + len(body)
        status = int(head.split(b" ")[1])
        if status != 200:
            self.errors += 1
        return status, body, arrived

    def close(self):
        if self.writer:
            self.writer.close()


def get_json(base, path, token):
    req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(req))


def waiters(base):
    text = urllib.request.urlopen(base + "/metrics").read().decode()
    for line in text.splitlines():
        if line.startswith("frontdoord_event_waiters "):
            return int(line.split()[1])
    return 0


async def until_waiting(base, n, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        if await asyncio.to_thread(waiters, base) >= n:
            return True
        await asyncio.sleep(0.05)
    return False


def create_case(base, token):
    body = json.dumps({"customer_id": "3", "service_code": "missed_bin",
                       "summary": "Bench: bin missed"}).encode()
    req = urllib.request.Request(base + "/api/v1/cases", data=body, method="POST",
                                 headers={"Authorization": "Bearer " + token,
                                          "Content-Type": "application/json"})
    urllib.request.urlopen(req).read()


async def latency_run(base, clients, token):
    after = get_json(base, "/api/v1/events", token)["last_id"]
    tasks = [asyncio.create_task(c.poll(after)) for c in clients]
    if not await until_waiting(base, len(clients)):
        raise RuntimeError("the long-polls were not all held")
    t0 = time.perf_counter()
    await asyncio.to_thread(create_case, base, token)
    results = await asyncio.gather(*tasks)
    lat = [(arrived - t0) * 1000.0 for status, body, arrived in results
           if status == 200 and json.loads(body)["items"]]
    if len(lat) != len(clients):
        raise RuntimeError("%d of %d clients got the event" % (len(lat), len(clients)))
    return percentile(lat, 99), percentile(lat, 50)


async def latency(base, port, token, pid):
    clients = [Client(port, token) for _ in range(LATENCY_CLIENTS)]
    await asyncio.gather(*(c.connect() for c in clients))
    p99s, p50s = [], []
    with CpuMeter(pid) as cpu:
        for _ in range(RUNS):
            p99, p50 = await latency_run(base, clients, token)
            p99s.append(p99)
            p50s.append(p50)
    for c in clients:
        c.close()
    print("commit to event at %d idle long-polling clients (from sending the write):"
          % LATENCY_CLIENTS)
    spread("p99", p99s, budget="< 100")
    spread("p50", p50s)
    print("  " + cpu.line())


async def keep_polling(client, after, stop):
    while not stop.is_set():
        status, body, _ = await client.poll(after)
        if status == 200:
            after = json.loads(body)["last_id"]


def healthz_ms(base):
    t0 = time.perf_counter()
    ok = urllib.request.urlopen(base + "/healthz", timeout=10).status == 200
    return (time.perf_counter() - t0) * 1000.0 if ok else None


async def idle(base, port, token):
    clients = [Client(port, token) for _ in range(IDLE_CLIENTS)]
    await asyncio.gather(*(c.connect() for c in clients))
    after = get_json(base, "/api/v1/events", token)["last_id"]
    stop = asyncio.Event()
    t0 = time.time()
    tasks = [asyncio.create_task(keep_polling(c, after, stop)) for c in clients]
    held = await until_waiting(base, IDLE_CLIENTS)
    health = []
    while time.time() - t0 < IDLE_SECONDS:
        health.append(await asyncio.to_thread(healthz_ms, base))
        await asyncio.sleep(1)
    stop.set()
    wall = time.time() - t0
    for c in clients:
        c.close()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    # Steady state: the gap between one client's consecutive long-polls
    # (the hold), and the bytes of one poll and its answer over that gap.
    gaps = [b - a for c in clients for a, b in zip(c.sent_at, c.sent_at[1:])]
    gap = sum(gaps) / len(gaps) if gaps else float("nan")
    per_poll = sum(c.bytes for c in clients) / max(1, sum(c.requests for c in clients))
    reqs, rate = 60.0 / gap, per_poll / gap
    errors = sum(c.errors for c in clients)
    answered = [h for h in health if h is not None]
    print("%d idle long-polls for %.0f s (25 s hold): all held at once: %s; errors: %d"
          % (IDLE_CLIENTS, wall, "yes" if held else "NO", errors))
    print("  /healthz answered %d of %d times, worst %.1f ms"
          % (len(answered), len(health), max(answered) if answered else -1))
    print("  per idle client: one long-poll every %.1f s = %.2f requests/min (budget <= 2.4),"
          " %.0f bytes a poll = %.1f bytes/s (budget < 1024)" % (gap, reqs, per_poll, rate))


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = IDLE_CLIENTS + 256
    if soft < want and hard >= want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    work = tempfile.mkdtemp(prefix="bench-events-")
    db = os.path.join(work, "fd.db")
    shutil.copyfile(seeded_db(BUILD, 200, 1), db)
    # One sign-in plays every client here, so the per-user cap on held
    # long-polls (8 by default) is lifted for the bench.
    srv, log, base = start_server(work, db, ["--connections-per-address", "0",
                                             "--events-per-user", str(IDLE_CLIENTS)])
    try:
        port = int(base.rsplit(":", 1)[1])
        token = login(base, "supervisor")
        asyncio.run(latency(base, port, token, srv.pid))
        asyncio.run(idle(base, port, token))
    finally:
        stop_server(srv, log)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
