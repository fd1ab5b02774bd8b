"""Drive the real frontdoor client in tmux and read the screen back.

    with Tui(80, 24, server_url, home) as t:
        t.wait_for("Sign in to Frontdoor")
        t.type("advisor"); t.key("Enter")
        t.expect_screen("login-80x24")

Each Tui runs its own tmux server (-L with a unique socket name) so tests
never touch a user's tmux. Screens are compared with files under
tests/tui/expected/ after volatile parts (ports, clock times) are
normalised; FD_UPDATE_EXPECTED=1 rewrites them instead (then review the
diff). Python standard library only.
"""
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))

from fdserver import FdServer  # noqa: E402,F401  (re-exported for the tests)
import runner  # noqa: E402,F401

BUILD = os.environ.get("FD_BUILD", "build")
CLIENT = os.path.abspath(os.path.join(ROOT, BUILD, "frontdoor"))
EXPECTED = os.path.join(HERE, "expected")
WAIT = float(os.environ.get("FD_TUI_WAIT", "15"))


def normalise(lines):
    out = []
    for line in lines:
        line = re.sub(r"http://127\.0\.0\.1:\d+", "http://127.0.0.1:PORT", line)
        line = re.sub(r"\d\d \w\w\w \d{4} \d\d:\d\d", "DD Mon YYYY HH:MM", line)
        line = re.sub(r"after \d+ ms", "after N ms", line)
        out.append(line.rstrip())
    while out and not out[-1]:
        out.pop()
    return out


class Home:
    """A throwaway $HOME with its own config and state directories."""

    def __init__(self):
        self.path = tempfile.mkdtemp(prefix="fdtui-home-")
        self.config = os.path.join(self.path, "config")
        os.makedirs(os.path.join(self.path, "sanitizer"))
        self.state = os.path.join(self.path, "state")
        os.makedirs(os.path.join(self.config, "frontdoor"))

    def write_config(self, name, text):
        with open(os.path.join(self.config, "frontdoor", name), "w") as f:
            f.write(text)
        return os.path.join(self.config, "frontdoor", name)

    def env(self, extra=None):
        env = {k: v for k, v in os.environ.items()
               if k not in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "TMUX", "NO_COLOR",
                            "FRONTDOOR_CONFIG")}
        env.update({"HOME": self.path, "XDG_CONFIG_HOME": self.config,
                    "XDG_STATE_HOME": self.state, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                    "TZ": "Europe/London"})
        # A sanitised client reports into files here, not onto the screen.
        san = os.path.join(self.path, "sanitizer")
        for var, name in (("ASAN_OPTIONS", "asan"), ("UBSAN_OPTIONS", "ubsan")):
            opts = os.environ.get(var, "")
            env[var] = (opts + ":" if opts else "") + "log_path=" + os.path.join(san, name)
        env.update(extra or {})
        return env

    def sanitizer_reports(self):
        """Whatever AddressSanitizer/UBSan reported (empty when clean)."""
        san = os.path.join(self.path, "sanitizer")
        if not os.path.isdir(san):
            return ""
        out = []
        for name in sorted(os.listdir(san)):
            with open(os.path.join(san, name), errors="replace") as f:
                out.append(f.read())
        return "\n".join(out)

    def cleanup(self):
        shutil.rmtree(self.path, ignore_errors=True)


class Tui:
    def __init__(self, width, height, args, home, env=None, term="screen"):
        self.socket = "fdtui-%d-%d" % (os.getpid(), int(time.time() * 1000) % 10**9)
        self.home = home
        self.env = home.env(env)
        cmd = " ".join(_quote(a) for a in ["env", "TERM=" + term, CLIENT] + list(args))
        self._tmux("new-session", "-d", "-x", str(width), "-y", str(height), cmd)
        self._tmux("set-option", "-g", "remain-on-exit", "on")

    def _tmux(self, *argv, check=True):
        proc = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null"] + list(argv),
                              env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
        if check and proc.returncode != 0:
            raise RuntimeError("tmux %s: %s" % (argv[0], proc.stderr.strip()))
        return proc.stdout

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def close(self):
        self._tmux("kill-server", check=False)

    # ---- input -------------------------------------------------------------

    def type(self, text):
        self._tmux("send-keys", "-l", text)

    def key(self, *names):
        for name in names:
            self._tmux("send-keys", name)

    def resize(self, width, height):
        self._tmux("resize-window", "-x", str(width), "-y", str(height))

    # ---- output ------------------------------------------------------------

    def lines(self):
        return self._tmux("capture-pane", "-p").split("\n")

    def text(self):
        return "\n".join(self.lines())

    def dead(self):
        return self._tmux("display-message", "-p", "#{pane_dead}").strip() == "1"

    def wait_for(self, pattern, timeout=WAIT):
        """Wait until pattern (a regex) is on the screen; return the screen."""
        deadline = time.time() + timeout
        while True:
            text = self.text()
            if re.search(pattern, text):
                return text
            if time.time() > deadline:
                raise AssertionError("timed out waiting for %r; screen:\n%s" % (pattern, text))
            time.sleep(0.05)

    def wait_gone(self, pattern, timeout=WAIT):
        deadline = time.time() + timeout
        while re.search(pattern, self.text()):
            if time.time() > deadline:
                raise AssertionError("%r still on screen:\n%s" % (pattern, self.text()))
            time.sleep(0.05)

    def wait_dead(self, timeout=WAIT):
        deadline = time.time() + timeout
        while not self.dead():
            if time.time() > deadline:
                raise AssertionError("client still running; screen:\n%s" % self.text())
            time.sleep(0.05)

    def settle(self, pause=0.3):
        """Wait until the screen stops changing (after an action with no
        text of its own to wait for)."""
        last = None
        deadline = time.time() + WAIT
        while time.time() < deadline:
            text = self.text()
            if text == last:
                return text
            last = text
            time.sleep(pause)
        return last

    def expect_screen(self, name):
        """Compare the (settled, normalised) screen with expected/<name>.txt."""
        got = normalise(self.settle().split("\n"))
        path = os.path.join(EXPECTED, name + ".txt")
        if os.environ.get("FD_UPDATE_EXPECTED") == "1":
            with open(path, "w") as f:
                f.write("\n".join(got) + "\n")
            return
        with open(path) as f:
            want = normalise(f.read().split("\n"))
        if got != want:
            diff = "\n".join(difflib.unified_diff(want, got, "expected/" + name, "screen",
                                                  lineterm=""))
            raise AssertionError("screen differs from expected/%s.txt:\n%s" % (name, diff))


class TuiCase(unittest.TestCase):
    """One frontdoord for the whole class, a fresh $HOME for each test, and
    a test fails when the (sanitised) client reported anything.

    A subclass says which server (server_class: SamePortServer for tests
    that restart it), how many customers it is seeded with, and the
    window size client() opens by default."""
    server_class = FdServer
    customers = 500
    size = (80, 24)
    srv = None

    @classmethod
    def setUpClass(cls):
        cls.srv = cls.server_class(BUILD, customers=cls.customers).start()

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()

    def setUp(self):
        self.home = Home()

    def tearDown(self):
        # Read before the home goes, asserted after: a failure leaves no
        # temporary directory behind.
        reports = self.home.sanitizer_reports()
        self.home.cleanup()
        self.assertEqual(reports, "", "sanitizer reports from the client")

    def client(self, width=None, height=None, args=None, **kw):
        """The client on this class's server (or on args instead)."""
        argv = ["--server", self.srv.url] if args is None else args
        return Tui(width or self.size[0], height or self.size[1], argv, self.home, **kw)


def _quote(s):
    if re.fullmatch(r"[\w@%+=:,./-]+", s):
        return s
    return "'" + s.replace("'", "'\\''") + "'"


def login(t, user="advisor", password="demo"):
    t.wait_for("Sign in to Frontdoor")
    t.type(user)
    t.key("Enter")
    t.type(password)
    t.key("Enter")
    t.wait_for("Find a customer:")


def search(t, query, from_list=False):
    """A search from the box, or (from_list) from the results list, where
    "/" puts the cursor back in the box."""
    if from_list:
        t.key("/")
    t.key("C-a", "C-k")
    t.type(query)
    t.key("Enter")
