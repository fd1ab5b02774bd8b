#!/usr/bin/env python3
"""The client's performance budgets, measured and printed (never asserted).

    python3 bench/client_bench.py BUILD_DIR

  start    time from exec to the first drawn screen, and peak RSS, for
           frontdoor (sign-in screen, no network wait) and for bench/bare
           (links the same libraries, draws one line): budget < 2x, < 1.5x
  rss10k   frontdoor's RSS with 10,000 result rows loaded
  move     bytes written to the terminal per cursor move in that list
           (budget: a few hundred)

Both programs run on a pseudo-terminal of 80x24. The 10,000 rows come from
a small stand-in API server in this script (the search itself is
frontdoord's benchmark, not this one's).
"""
import json
import os
import pty
import select
import shutil
import statistics
import struct
import sys
import tempfile
import threading
import time
import fcntl
import termios
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
CLIENT = os.path.abspath(os.path.join(BUILD, "frontdoor"))
BARE = os.path.abspath(os.path.join(BUILD, "bench", "bare"))
ROWS = 10000
PAGE = 500
RUNS = 15
SERVED = [0]  # the highest row the stand-in server has handed out
# What an xterm sends in keypad-transmit mode (terminfo kcud1, kcuu1, ...).
KEYS = {"down": b"\x1bOB", "up": b"\x1bOA", "page down": b"\x1b[6~", "end": b"\x1bOF",
        "home": b"\x1bOH", "f10": b"\x1b[21~"}


class Api(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _json(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        user = {"id": "1", "username": "advisor", "display_name": "Bench Advisor",
                "roles": ["advisor"]}
        self._json(200, {"token": "b" * 64, "expires_at": "2099-01-01T00:00:00Z", "user": user})

    def do_GET(self):
        url = urlparse(self.path)
        q = parse_qs(url.query)
        start = int(q.get("cursor", ["0"])[0])
        limit = int(q.get("limit", ["50"])[0])
        items = []
        for i in range(start, min(start + limit, ROWS)):
            items.append({"id": str(i + 1), "customer_ref": "CUS%07d" % (i + 1),
                          "display_name": "Customer Number %d" % i,
                          "date_of_birth": "1970-01-01", "address_line": "%d Bench Road" % i,
                          "postcode": "FD1 1AA",
                          "flags": ["cautionary_contact"] if i % 7 == 0 else [],
                          "has_email": True, "match": "name"})
        SERVED[0] = max(SERVED[0], start + len(items))
        nxt = start + limit if start + limit < ROWS else None
        self._json(200, {"items": items, "next_cursor": str(nxt) if nxt else None})


def spawn(argv, env, cols=80, rows=24):
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd


def read_until(fd, marker, timeout=10.0):
    buf = b""
    deadline = time.time() + timeout
    while marker not in buf:
        left = deadline - time.time()
        if left <= 0:
            raise RuntimeError("timed out waiting for %r; got %r" % (marker, buf[-300:]))
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                break
    return buf


def drain(fd, quiet=0.05, limit=5.0):
    """Read until the program has written nothing for `quiet` seconds."""
    total = 0
    deadline = time.time() + limit
    while time.time() < deadline:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            break
        try:
            total += len(os.read(fd, 65536))
        except OSError:
            break
    return total


def finish(pid, fd, keys):
    os.write(fd, keys)
    drain(fd, 0.1, 2.0)
    _, status, usage = os.wait4(pid, 0)
    os.close(fd)
    return usage.ru_maxrss  # KiB


def client_env(home):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "NO_COLOR")}
    env.update({"TERM": "xterm-256color", "HOME": home, "XDG_CONFIG_HOME": home + "/config",
                "XDG_STATE_HOME": home + "/state", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    return env


def time_start(argv, env, marker, quit_keys):
    times, rss = [], []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        pid, fd = spawn(argv, env)
        read_until(fd, marker)
        times.append((time.perf_counter() - t0) * 1000)
        drain(fd, 0.05)
        rss.append(finish(pid, fd, quit_keys))
    return statistics.median(times), max(rss)


def vm(pid, field):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def list_bench(url, env):
    os.makedirs(env["XDG_CONFIG_HOME"] + "/frontdoor", exist_ok=True)
    with open(env["XDG_CONFIG_HOME"] + "/frontdoor/frontdoor.conf", "w") as f:
        f.write("page_size = %d\n" % PAGE)
    pid, fd = spawn([CLIENT, "--server", url], env)
    read_until(fd, b"Sign in")
    os.write(fd, b"advisor\rdemo\r")
    read_until(fd, b"Find a customer")
    os.write(fd, b"customer\r")
    read_until(fd, b"loaded")
    # End jumps to the last loaded row; each time the next page follows.
    deadline = time.time() + 60
    while SERVED[0] < ROWS and time.time() < deadline:
        os.write(fd, KEYS["end"])
        drain(fd, 0.1)
    if SERVED[0] < ROWS:
        raise RuntimeError("only %d rows were fetched" % SERVED[0])
    os.write(fd, KEYS["end"])
    drain(fd, 0.3)
    os.write(fd, KEYS["home"])  # back to the first row
    drain(fd, 0.3)
    drain(fd, 0.2)
    rss = vm(pid, "VmRSS")
    moves = {}
    for name in ("down", "up", "page down"):
        seq = KEYS[name]
        counts = []
        for _ in range(100):
            os.write(fd, seq)
            counts.append(drain(fd, 0.03))
        moves[name] = (statistics.mean(counts), max(counts))
    peak = finish(pid, fd, KEYS["f10"])
    return rss, peak, moves


def main():
    for exe in (CLIENT, BARE):
        if not os.path.exists(exe):
            sys.exit("client-bench: %s is missing" % exe)
    home = tempfile.mkdtemp(prefix="fdbench-")
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Api)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d" % srv.server_address[1]
    try:
        env = client_env(home)
        bare_ms, bare_rss = time_start([BARE], env, b"one line", b"q")
        fd_ms, fd_rss = time_start([CLIENT, "--server", url], env, b"Sign in", KEYS["f10"])
        rss10k, peak10k, moves = list_bench(url, env)
    finally:
        srv.shutdown()
        shutil.rmtree(home, ignore_errors=True)
    print("%-44s %12s %12s %8s  %s" % ("measure", "frontdoor", "bare", "ratio", "budget"))
    print("%-44s %10.1f ms %10.1f ms %7.2fx  < 2x" % (
        "start to first screen (median of %d)" % RUNS, fd_ms, bare_ms, fd_ms / bare_ms))
    print("%-44s %9d KiB %9d KiB %7.2fx  < 1.5x" % (
        "peak RSS, sign-in screen", fd_rss, bare_rss, fd_rss / bare_rss))
    print("%-44s %9d KiB %9d KiB %7.2fx  < 1.5x" % (
        "RSS with %d rows loaded (peak %d KiB)" % (ROWS, peak10k), rss10k, bare_rss,
        rss10k / bare_rss))
    for name, (mean, top) in moves.items():
        print("%-44s %8.0f B (max %d B)                  a few hundred" % (
            "bytes written per %s, %d-row list" % (name, ROWS), mean, top))


if __name__ == "__main__":
    main()
