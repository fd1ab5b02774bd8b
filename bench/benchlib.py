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
