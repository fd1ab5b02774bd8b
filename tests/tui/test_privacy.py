#!/usr/bin/env python3
"""Issue 9.6, personal data stays where it belongs, in the real client:
a trainer is told in plain words that live records are closed to them."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import TuiCase, login, runner, search  # noqa: E402


class TrainerTest(TuiCase):
    customers = 50

    def test_trainer_search_shows_the_plain_refusal(self):
        with self.client() as t:
            login(t, "trainer")
            search(t, "taylor")
            t.wait_for("Trainers may not open live records or start contacts: no training sandbox yet")
            self.assertNotIn("403", t.text())


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
