"""Helpers for the contact, wrap-up and outbox tests (issue 5).

A frontdoord that can be stopped and started again on the same port with
the same database (FdServer.restart picks a new ephemeral port, which a
running client would not follow), the keys for recording one contact, and
counting rows in the server's SQLite database with python's sqlite3.
Python standard library only.
"""
import os
import signal
import sqlite3
import subprocess
import time

from tuilib import FdServer, WAIT


class SamePortServer(FdServer):
    """FdServer whose restarts reuse the first port it got."""

    def start(self):
        if self.port:
            args, keep = list(self.extra_args), []
            while args:   # drop an earlier "--listen ADDR" pair, flag and value
                a = args.pop(0)
                if a == "--listen":
                    args = args[1:]
                else:
                    keep.append(a)
            self.extra_args = keep + ["--listen", "127.0.0.1:%d" % self.port]
        return super().start()

    def stop_now(self):
        """SIGTERM and wait; the client's next send finds nobody there."""
        self.stop()
        self.proc = None

    def start_again(self):
        deadline = time.time() + 10
        while True:   # the old socket may linger for a moment
            try:
                return self.start()
            except RuntimeError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)

    def freeze(self):
        os.kill(self.proc.pid, signal.SIGSTOP)

    def thaw(self):
        os.kill(self.proc.pid, signal.SIGCONT)


def db_count(srv, where="1=1", args=()):
    con = sqlite3.connect(srv.db_path, timeout=10)
    try:
        return con.execute("SELECT COUNT(*) FROM contacts WHERE " + where, args).fetchone()[0]
    finally:
        con.close()


def db_rows(srv, sql, args=()):
    con = sqlite3.connect(srv.db_path, timeout=10)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def wait_count(srv, want, where="1=1", timeout=WAIT * 3):
    deadline = time.time() + timeout
    while True:
        n = db_count(srv, where)
        if n == want or time.time() > deadline:
            return n
        time.sleep(0.1)


def fast_retries(home, extra=""):
    """The outbox tries again within 2 s (the default cap is 60 s)."""
    home.write_config("frontdoor.conf", "outbox_retry_max_seconds = 2\nretry_seconds = 1\n"
                      "request_timeout_seconds = 3\n" + extra)


def wait_wrapcodes_cached(home, timeout=WAIT):
    """Sign-in fetches the wrap-code tree in the background and keeps a
    copy in the state directory; a test that stops the server straight
    after sign-in waits for that copy first, as an advisor's client has it
    from the shift before."""
    path = os.path.join(home.state, "frontdoor", "wrapcodes.json")
    deadline = time.time() + timeout
    while not os.path.exists(path):
        if time.time() > deadline:
            raise AssertionError("the wrap codes were never fetched: " + path)
        time.sleep(0.05)


def record_anonymous(t, code_filter="missed bin reported", outcome="1", start_key="F6"):
    """From the search box: start an anonymous phone contact, end it, wrap
    it up with the first code matching code_filter and outcome (1-6)."""
    t.key(start_key)
    t.wait_for("Channel: 1 phone")
    t.key("Enter")
    t.wait_for("In contact 00:")
    t.key("F8")
    t.wait_for("Wrap-up")
    t.wait_gone("loading the wrap codes")   # Enter before the list is in picks nothing
    t.type(code_filter)
    t.key("Enter")
    t.type(outcome)
    t.key("F2")
    t.wait_for("Find a customer:")


def client_pid(t):
    return int(t._tmux("display-message", "-p", "#{pane_pid}").strip())


def wait_client_log(home, word, seconds=15):
    """True once the client's log says word (within seconds)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if word in client_log(home):
            return True
        time.sleep(0.1)
    return False


def journal_files(home):
    d = os.path.join(home.state, "frontdoor", "outbox")
    if not os.path.isdir(d):
        return []
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".journal"))


def client_log(home):
    try:
        with open(os.path.join(home.state, "frontdoor", "frontdoor.log")) as f:
            return f.read()
    except OSError:
        return ""


def quit_client(t):
    """F10, and y when it warns about unsent records."""
    t.key("F10")
    deadline = time.time() + WAIT
    while not t.dead():
        if "anyway? y/n" in t.text():
            t.type("y")
        if time.time() > deadline:
            raise AssertionError("client did not quit:\n" + t.text())
        time.sleep(0.1)


__all__ = ["SamePortServer", "db_count", "db_rows", "wait_count", "fast_retries",
           "record_anonymous", "client_pid", "journal_files", "client_log", "wait_client_log",
           "quit_client",
           "subprocess"]
