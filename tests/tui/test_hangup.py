#!/usr/bin/env python3
"""A terminal that goes away (an SSH connection dropped, a window closed)
without a hang-up signal reaching the client, as when another process was
the session leader (`make demo` under a closed terminal did this): the
client must leave, not spin at full CPU on a dead terminal for ever.

The client runs on a pseudo-terminal that is not its controlling terminal
(a new session, no TIOCSCTTY), so closing the other end sends it no
SIGHUP: only the terminal itself can tell it."""
import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import CLIENT, WAIT, TuiCase, runner  # noqa: E402


class HangupTest(TuiCase):
    customers = 20

    def read_until(self, fd, text, timeout=WAIT):
        seen, deadline = b"", time.time() + timeout
        while text not in seen and time.time() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
        return seen

    def test_client_leaves_when_its_terminal_is_gone(self):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = self.home.env({"TERM": "xterm"})
        proc = subprocess.Popen([CLIENT, "--server", self.srv.url], stdin=slave, stdout=slave,
                                stderr=subprocess.DEVNULL, env=env, start_new_session=True)
        os.close(slave)
        try:
            self.assertIn(b"Sign in", self.read_until(master, b"Sign in"), "the client started")
            os.close(master)             # the terminal goes; no signal is sent
            master = None
            try:
                proc.wait(timeout=WAIT)
            except subprocess.TimeoutExpired:
                self.fail("the client is still running on a terminal that has gone")
        finally:
            if master is not None:
                os.close(master)
            if proc.poll() is None:
                proc.kill()
                proc.wait()


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
