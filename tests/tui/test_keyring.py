#!/usr/bin/env python3
"""Token storage both ways: with a real Secret Service (gnome-keyring on a
private D-Bus session bus) the sign-in survives a restart and logout
removes it; with none, the client says so once and keeps the token in
memory only."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import Tui, TuiCase, login, runner, search  # noqa: E402

# An empty "login" keyring in gnome-keyring's plain-text format: the test's
# throwaway keyring needs no password and no prompter (no display here).
EMPTY_KEYRING = ("[keyring]\ndisplay-name=login\nctime=0\nmtime=0\n"
                 "lock-on-idle=false\nlock-after=false\n")


class SecretService:
    """dbus-daemon + gnome-keyring-daemon in a temporary directory."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="fdtui-keyring-")
        keyrings = os.path.join(self.dir, "data", "keyrings")
        os.makedirs(keyrings)
        with open(os.path.join(keyrings, "login.keyring"), "w") as f:
            f.write(EMPTY_KEYRING)
        with open(os.path.join(keyrings, "default"), "w") as f:
            f.write("login")
        self.env = dict(os.environ, HOME=self.dir, XDG_DATA_HOME=os.path.join(self.dir, "data"))
        self.env.pop("XDG_RUNTIME_DIR", None)
        out = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1",
                              "--print-pid=1"], env=self.env, stdout=subprocess.PIPE,
                             text=True, check=True).stdout.split("\n")
        self.address, self.bus_pid = out[0].strip(), int(out[1])
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.address
        self.keyring = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            env=self.env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        self.keyring.stdin.close()  # an empty password
        self._wait_ready()

    def _wait_ready(self):
        deadline = time.time() + 15
        while time.time() < deadline:
            proc = subprocess.run(
                ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/",
                 "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"],
                env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            if "boolean true" in proc.stdout:
                return
            time.sleep(0.1)
        raise RuntimeError("gnome-keyring-daemon did not start")

    def items(self, server):
        proc = subprocess.run(["secret-tool", "search", "--all", "server", server],
                              env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=15)
        return proc.stdout

    def close(self):
        self.keyring.terminate()
        try:
            self.keyring.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.keyring.kill()
        try:
            os.kill(self.bus_pid, 15)
        except ProcessLookupError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


def token_items(stored):
    """The sign-in token's items in secret-tool's output: the keyring also
    keeps the outbox journal's key (schema org.frontdoor.JournalKey)."""
    return "".join(block for block in stored.split("[/")
                   if "schema = org.frontdoor.Token" in block)


def tree_contains(root, needle):
    for dirpath, _, files in os.walk(root):
        for name in files:
            with open(os.path.join(dirpath, name), "rb") as f:
                if needle.encode() in f.read():
                    return True
    return False


class KeyringTest(TuiCase):
    customers = 500

    def test_token_survives_restart_and_logout_removes_it(self):
        ss = SecretService()
        try:
            env = {"DBUS_SESSION_BUS_ADDRESS": ss.address}
            args = ["--server", self.srv.url]
            with Tui(80, 24, args, self.home, env=env) as t:
                login(t)
                t.wait_for("saved in the keyring")
                t.key("F10")
                t.wait_dead()
            stored = token_items(ss.items(self.srv.url))
            self.assertIn("attribute.username = advisor", stored)
            secret = [l for l in stored.split("\n") if l.startswith("secret = ")]
            self.assertEqual(len(secret), 1, stored)
            token = secret[0][len("secret = "):]
            self.assertFalse(tree_contains(self.home.path, token), "token written to disk")
            with Tui(80, 24, args, self.home, env=env) as t:
                t.wait_for("Find a customer:")
                t.wait_for("Welcome back, Alex Advisor")
                search(t, "zoe o'brien")
                t.wait_for("Zoë O'Brien")
                t.key("M-o")
                t.wait_for("Sign in to Frontdoor")
                t.wait_for("removed from the keyring")
                t.key("F10")
                t.wait_dead()
            self.assertNotIn("attribute.username", token_items(ss.items(self.srv.url)))
            # The journal's key stays: records sealed with it may wait to be sent.
            self.assertIn("org.frontdoor.JournalKey", ss.items(self.srv.url))
            with Tui(80, 24, args, self.home, env=env) as t:
                t.wait_for("Sign in to Frontdoor")
                t.settle()
                self.assertNotIn("Find a customer", t.text())
            status = self.srv.request("GET", "/api/v1/me", token=token)[0]
            self.assertEqual(status, 401, "logout ends the token at the server too")
        finally:
            ss.close()

    def test_no_secret_service_memory_only_said_once(self):
        with Tui(80, 24, ["--server", self.srv.url], self.home) as t:
            login(t)
            t.wait_for("No keyring \\(Secret Service\\): sign-in kept in memory only, outbox not encrypted")
            search(t, "zoe o'brien")
            t.wait_for("customer.* loaded")
            t.key("M-o")
            t.wait_for("Sign in to Frontdoor")
            login(t)
            t.settle()
            self.assertNotIn("memory only", t.text(), "the notice is given once per run")
            t.key("F10")
            t.wait_dead()
        with Tui(80, 24, ["--server", self.srv.url], self.home) as t:
            t.wait_for("Sign in to Frontdoor")
        log = os.path.join(self.home.state, "frontdoor", "frontdoor.log")
        with open(log) as f:
            text = f.read()
        self.assertIn("event=signed_in", text)
        self.assertNotIn("demo", text, "no password in the log")


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
