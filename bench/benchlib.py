"""What the server benchmarks share (bench/server_*.py): frontdoord started
on a loopback port with its request log in a file (the ms= figures come
from there), a sign-in, and the percentile they report. Not a benchmark
itself: bench/run-all runs server_*.py only."""
import json
import os
import subprocess
import sys
import time
import urllib.request

BUILD = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("FD_BUILD", "build")


def percentile(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100.0 * len(values) + 0.5)) - 1))
    return values[k]


def start_server(work, db, extra_args=()):
    """frontdoord on db, its log in work/server.log; returns (process, log
    file, base URL). Waits for the port to be written, not just the file
    to exist, so the URL never lacks its port."""
    port_file = os.path.join(work, "port")
    log = open(os.path.join(work, "server.log"), "w")
    srv = subprocess.Popen([os.path.join(BUILD, "frontdoord"), "--db", db, "--listen", "127.0.0.1:0",
                            "--port-file", port_file] + list(extra_args),
                           stdout=subprocess.DEVNULL, stderr=log)
    for _ in range(200):
        if os.path.exists(port_file) and open(port_file).read().strip():
            break
        time.sleep(0.05)
    return srv, log, "http://127.0.0.1:%s" % open(port_file).read().strip()


def stop_server(srv, log):
    srv.terminate()
    srv.wait()
    log.close()


def login(base, username="advisor"):
    req = urllib.request.Request(base + "/api/v1/auth/login", method="POST",
                                 data=json.dumps({"username": username, "password": "demo"}).encode(),
                                 headers={"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req))["token"]


# ---- a figure you can trust on a shared machine ---------------------------

RUNS = int(os.environ.get("FD_BENCH_RUNS", "3"))
CLK_TCK = os.sysconf("SC_CLK_TCK")


def _proc_cpu(pid):
    """CPU seconds (user + system) a process has used so far."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    except (OSError, IndexError, ValueError):
        return 0.0


def _machine_cpu():
    """(busy, total) CPU seconds of the whole machine so far."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + (v[4] if len(v) > 4 else 0)
    return (sum(v) - idle) / CLK_TCK, sum(v) / CLK_TCK


class CpuMeter:
    """Who used the cores during a measurement: the server, the load
    generator (this process and the children it waited for, or a pid),
    and everything else on the machine. A latency figure taken while
    something else held a core says so beside it."""

    def __init__(self, server_pid, load_pid=None):
        self.server_pid, self.load_pid = server_pid, load_pid

    def _load_cpu(self):
        if self.load_pid:
            return _proc_cpu(self.load_pid)
        me, kids = os.times()[:2], os.times()[2:4]
        return sum(me) + sum(kids)

    def __enter__(self):
        self.t0 = time.time()
        self.srv0, self.load0 = _proc_cpu(self.server_pid), self._load_cpu()
        self.busy0, self.total0 = _machine_cpu()
        return self

    def __exit__(self, *exc):
        self.wall = max(time.time() - self.t0, 1e-6)
        self.server = _proc_cpu(self.server_pid) - self.srv0
        self.load = self._load_cpu() - self.load0
        busy, total = _machine_cpu()
        self.busy, self.capacity = busy - self.busy0, total - self.total0
        self.other = max(0.0, self.busy - self.server - self.load)
        return False

    def line(self):
        pct = lambda s: 100.0 * s / self.wall   # noqa: E731  (% of one core)
        return ("cpu over %.0f s: server %.0f%%, load generator %.0f%%, everything else %.0f%% "
                "(of one core; %d cores, %.0f%% of the machine busy)"
                % (self.wall, pct(self.server), pct(self.load), pct(self.other),
                   os.cpu_count() or 1, 100.0 * self.busy / max(self.capacity, 1e-6)))


def spread(label, values, unit="ms", budget=None):
    """One figure over several runs: each run, the median and the spread."""
    vals = sorted(values)
    med = vals[len(vals) // 2]
    runs = " / ".join("%.1f" % v for v in values)
    tail = "" if budget is None else "   (budget %s %s)" % (budget, unit)
    print("  %s over %d runs: %s %s; median %.1f, spread %.1f%s"
          % (label, len(values), runs, unit, med, vals[-1] - vals[0], tail))


def metric_values(base, names):
    """Values of plain (unlabelled) series from GET /metrics, 0 if absent."""
    text = urllib.request.urlopen(base + "/metrics").read().decode()
    found = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in names:
            found[parts[0]] = float(parts[1])
    return tuple(found.get(n, 0.0) for n in names)
