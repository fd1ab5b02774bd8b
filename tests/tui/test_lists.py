#!/usr/bin/env python3
"""The advisor's lists at 80x24 against a real frontdoord (issue 9, raise
case, queue and search list): a search list typed over says whose results
it shows and Enter searches again; the queue's tab, header and rows agree
(the oldest wait is the oldest row's, headers fit); raising a case by hand
warns of an open case for the same service first."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import TuiCase, login, runner, search  # noqa: E402

BOX = "Find a customer:  "


def cursor_row(t):
    return int(t._tmux("display-message", "-p", "#{cursor_y}").strip())


class SearchListTest(TuiCase):
    customers = 200

    def test_list_typed_over_is_marked_and_enter_searches(self):
        """"smith" typed over the Taylor results: the list says it is still
        Taylor's, and Enter on it (even back in the list) searches for Smith
        instead of opening a Taylor."""
        with self.client() as t:
            login(t)
            search(t, "taylor")
            t.wait_for(r"> .*Taylor(.|\n)*customers? loaded")
            t.type("smith")
            screen = t.wait_for("Results for \u201ctaylor\u201d \u2014 Enter searches for \u201csmith\u201d")
            self.assertIn(BOX + "smith", screen)
            self.assertNotIn("Enter opens the record", screen)
            t.key("Tab")                      # back to the old rows
            t.wait_for("Results for \u201ctaylor\u201d")
            self.assertNotEqual(cursor_row(t), 1, "the focus is on the list")
            t.key("Enter")
            screen = t.wait_for(r"> .*Smith(.|\n)*customers? loaded")
            self.assertNotIn("Results for", screen)
            self.assertIn("Customer search", screen.split("\n")[0], "no Taylor record was opened")


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
