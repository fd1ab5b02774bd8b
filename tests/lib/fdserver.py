"""A real frontdoord on a loopback ephemeral port, for the API tests.

    with FdServer(customers=500) as srv:
        token = srv.login("advisor")
        status, headers, body = srv.request("GET", "/api/v1/me", token=token)

Each server gets its own temporary directory and a copy of a seeded
database. Seeding is cached per (customers, seed, frontdoord binary) in a
cache directory under the system temp dir, so a suite that starts many
servers seeds once. Every response request() receives is checked against
docs/openapi.yaml (tests/lib/contract.py).
"""
import fcntl
import hashlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import contract

START_TIMEOUT = float(os.environ.get("FD_START_TIMEOUT", "30"))
SEED_TIMEOUT = float(os.environ.get("FD_SEED_TIMEOUT", "600"))


def default_build_dir():
    return os.environ.get("FD_BUILD", "build")


def binary(build=None):
    return os.path.abspath(os.path.join(build or default_build_dir(), "frontdoord"))


# Memcheck exits with this code when it found errors; definite leaks count.
VALGRIND_ERROR_EXIT = 97
VALGRIND = ["valgrind", "--tool=memcheck", "--error-exitcode=%d" % VALGRIND_ERROR_EXIT,
            "--leak-check=full", "--errors-for-leak-kinds=definite", "--show-leak-kinds=definite",
            "--num-callers=30"]
VALGRIND_SLOWDOWN = 6  # start-up under memcheck: generous, not a measurement


def is_sanitizer_build(build):
    """Whether this frontdoord was built with ASan (make SANITIZE=1)."""
    try:
        with open(binary(build), "rb") as f:
            return b"__asan_init" in f.read()
    except OSError:
        return False


def _binary_key(path):
    """Identifies this build of frontdoord so a rebuild re-seeds."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise RuntimeError("%s not found: build it first (make)" % path) from None
    return "%s-%d-%d" % (hashlib.sha1(path.encode()).hexdigest()[:8], st.st_size,
                         int(st.st_mtime))


def _cache_dir():
    d = os.environ.get("FD_SEED_CACHE") or os.path.join(
        tempfile.gettempdir(), "frontdoor-seed-cache-%d" % os.getuid())
    os.makedirs(d, exist_ok=True)
    return d


def seeded_db(build, customers, seed):
    """Path of a cached database seeded with (customers, seed); seeds it
    first if needed. A lock file keeps parallel suites from racing."""
    exe = binary(build)
    cache = _cache_dir()
    name = "seed-%d-%d-%s.db" % (customers, seed, _binary_key(exe))
    path = os.path.join(cache, name)
    with open(path + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.path.exists(path):
            tmp = path + ".tmp"
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(tmp + suffix):
                    os.unlink(tmp + suffix)
            proc = subprocess.run(
                [exe, "seed", "--db", tmp, "--customers", str(customers), "--seed", str(seed)],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=SEED_TIMEOUT)
            if proc.returncode != 0:
                raise RuntimeError("frontdoord seed failed (exit %d):\n%s" %
                                   (proc.returncode, proc.stdout.decode(errors="replace")))
            _checkpoint(tmp)
            os.rename(tmp, path)
            _prune(cache, os.path.getmtime(path))
    return path


def _prune(cache, now, max_age=24 * 3600):
    """Seeded databases from builds a day older than the one just made are
    not coming back. Ages are by file times alone, never the clock, which a
    run under faketime moves."""
    for name in os.listdir(cache):
        p = os.path.join(cache, name)
        try:
            if now - os.path.getmtime(p) > max_age:
                os.unlink(p)
        except OSError:
            pass


def _checkpoint(path):
    """Fold any WAL into the main file so one file is the whole database."""
    import sqlite3
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    for suffix in ("-wal", "-shm"):
        if os.path.exists(path + suffix) and os.path.getsize(path + suffix) == 0:
            os.unlink(path + suffix)


class FdServer:
    def __init__(self, build_dir=None, customers=500, seed=1, extra_args=(), valgrind=False,
                 wrapper=()):
        self.build = build_dir or default_build_dir()
        # Memcheck cannot run a sanitizer build (ASan owns the address space).
        self.valgrind = valgrind and not is_sanitizer_build(self.build)
        self.valgrind_log = None
        self.customers = customers
        self.seed = seed
        self.extra_args = list(extra_args)
        self.wrapper = list(wrapper)  # a command that execs frontdoord, e.g. prlimit
        self.tmp = tempfile.mkdtemp(prefix="fdserver-")
        self.db_path = os.path.join(self.tmp, "fd.db")
        self.port_file = os.path.join(self.tmp, "port")
        self.log_path = os.path.join(self.tmp, "server.log")
        self.proc = None
        self.port = None
        self.url = None
        self._log = None
        shutil.copyfile(seeded_db(self.build, customers, seed), self.db_path)

    # ---- lifecycle ---------------------------------------------------------

    def __enter__(self):
        if not self.proc:
            self.start()
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def start(self):
        if os.path.exists(self.port_file):
            os.unlink(self.port_file)
        self._log = open(self.log_path, "ab")
        argv = self.wrapper + [binary(self.build), "--db", self.db_path, "--listen", "127.0.0.1:0",
                "--port-file", self.port_file] + self.extra_args
        if self.valgrind:
            self.valgrind_log = os.path.join(self.tmp, "valgrind.%d.log" % time.time_ns())
            argv = VALGRIND + ["--log-file=" + self.valgrind_log] + argv
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=self._log,
                                     stderr=self._log)
        self._wait_ready()
        return self

    def _wait_ready(self):
        deadline = time.time() + START_TIMEOUT * (VALGRIND_SLOWDOWN if self.valgrind else 1)
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("frontdoord exited with %d before listening:\n%s" %
                                   (self.proc.returncode, self.stderr_text()))
            port = self._read_port()
            if port:
                self.port = port
                self.url = "http://127.0.0.1:%d" % port
                try:
                    if self.request("GET", "/healthz")[0] == 200:
                        return
                except OSError:
                    pass
            time.sleep(0.05)
        self.kill()
        raise RuntimeError("frontdoord did not become ready in %.0f s:\n%s" %
                           (START_TIMEOUT, self.stderr_text()))

    def _read_port(self):
        try:
            with open(self.port_file) as f:
                text = f.read().strip()
            return int(text) if text else None
        except (OSError, ValueError):
            return None

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout=15):
        """SIGTERM, wait, return the exit code (None if it had to be killed)."""
        if not self.proc:
            return None
        if self.valgrind:
            timeout *= VALGRIND_SLOWDOWN
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                self._close_log()
                return None
        self._close_log()
        return self.proc.returncode

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._close_log()

    def restart(self):
        self.stop()
        self.proc = None
        return self.start()

    def close(self):
        if self.proc and self.proc.poll() is None:
            self.stop()
        self._close_log()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def valgrind_report(self):
        """After stop(): memcheck's log if it found any error (invalid reads
        or writes, uninitialised values, definite leaks), else None."""
        if not self.valgrind:
            return None
        try:
            with open(self.valgrind_log, errors="replace") as f:
                text = f.read()
        except OSError:
            return "no valgrind log at %s" % self.valgrind_log
        if self.proc and self.proc.returncode == VALGRIND_ERROR_EXIT:
            return text
        if "ERROR SUMMARY: 0 errors" not in text:
            return text
        return None

    def _close_log(self):
        if self._log:
            self._log.close()
            self._log = None

    def stderr_text(self):
        """Everything the server wrote (stdout and stderr) so far."""
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", errors="replace")
        except OSError:
            return ""

    # ---- HTTP --------------------------------------------------------------

    def request(self, method, path, body=None, token=None, headers=None, raw=None,
                timeout=30):
        """One request on a fresh connection. body is sent as JSON; raw
        (bytes) is sent as is. Returns (status, headers with lower-case
        keys, parsed JSON or text)."""
        hdrs = {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        if raw is not None:
            data = raw
            hdrs.setdefault("Content-Type", "application/json")
        if token:
            hdrs["Authorization"] = "Bearer " + token
        hdrs.update(headers or {})
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=data, headers=hdrs)
            resp = conn.getresponse()
            payload = resp.read()
            rh = {k.lower(): v for k, v in resp.getheaders()}
            body = _decode(rh.get("content-type", ""), payload)
            contract.check(method, path, resp.status, rh, body)
            return resp.status, rh, body
        finally:
            conn.close()

    def send_raw(self, data, timeout=10):
        """Write bytes straight to the socket and return whatever comes back
        (for requests http.client refuses to make)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as s:
            try:
                s.sendall(data)
                s.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            chunks = []
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
            except OSError:
                pass
            return b"".join(chunks)

    def login(self, username, password="demo"):
        status, _, body = self.request("POST", "/api/v1/auth/login",
                                       {"username": username, "password": password})
        if status != 200:
            raise AssertionError("login as %s: expected 200, got %d %r" % (username, status, body))
        return body["token"]


def _decode(content_type, payload):
    if "json" in content_type:
        try:
            return json.loads(payload.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return payload.decode("utf-8", errors="replace")
    return payload.decode("utf-8", errors="replace")
