#!/usr/bin/env python3
"""Keys never eat what an advisor types (issue 9.3). After a search the
focus sits on the results list; a name or reference typed there goes to
the search box and searches again, in every shipped keymap, and never runs
a command ("taylor" used to open a triage, "smith" lost "sm", "CUS0000009"
raised a case). Q asks before quitting while someone is signed in, and /
from a record puts the cursor in the search box."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import BUILD, TuiCase, login, runner, search  # noqa: E402

BOX = "Find a customer:  "


def cursor_row(t):
    return int(t._tmux("display-message", "-p", "#{cursor_y}").strip())


class KeysTest(TuiCase):
    customers = 200

    def type_over_list(self, t, text, found):
        """text typed over a results list must land in the box, whole, and
        Enter then searches for it (found: a regex on its results)."""
        t.type(text)
        screen = t.wait_for(BOX + text + r"\s*\n")
        for eaten in ("Triage", "Raise a case", "Start a contact", "Knowledge base",
                      "Customer search\n.*loaded.*\n.*" + text):
            self.assertNotRegex(screen.split("\n")[0], eaten)
        self.assertIn("Customer search", screen.split("\n")[0], "still on the search screen")
        self.assertEqual(cursor_row(t), 1, "the cursor is in the search box")
        t.key("Enter")
        return t.wait_for(found)

    def three_names(self, t):
        search(t, "jones")
        t.wait_for(r"customers? loaded")
        self.assertNotEqual(cursor_row(t), 1, "after a search the focus is on the list")
        self.type_over_list(t, "taylor", r"> .*Taylor(.|\n)*customers? loaded")
        self.type_over_list(t, "smith", r"> .*Smith(.|\n)*customers? loaded")
        self.type_over_list(t, "CUS0000009", r"> .*Chloe Smith(.|\n)*1 customer loaded")

    def test_names_typed_over_the_results_default_keymap(self):
        with self.client() as t:
            login(t)
            self.three_names(t)

    def test_names_typed_over_the_results_vi_keymap(self):
        with self.client(args=["--server", self.srv.url, "--keymap", "vi"]) as t:
            login(t)
            self.three_names(t)
            # vi's movement over the list is Ctrl-n / Ctrl-p, not j / k
            search(t, "jones", from_list=True)
            t.wait_for(r"customers loaded")
            t.key("C-n")
            t.wait_for("\u2500+\n  \\S.*\n>")   # the second row is selected

    def test_names_typed_over_the_results_cua_keymap(self):
        with self.client(args=["--server", self.srv.url, "--keymap", "cua"]) as t:
            login(t)
            self.three_names(t)

    def test_typing_ahead_while_a_search_runs(self):
        """A name typed while the last search is still running stays in the
        box when the results arrive (they used to take the focus, and the
        next letter cleared what had been typed)."""
        from contactkit import SamePortServer
        srv = SamePortServer(BUILD, customers=50).start()
        try:
            with self.client(args=["--server", srv.url]) as t:
                login(t)
                srv.freeze()
                search(t, "taylor")
                t.wait_for("Searching")
                t.type("smi")                     # replaces the search just sent
                t.wait_for(BOX + r"smi\s*\n")
                srv.thaw()
                # the Taylor rows arrive marked as the previous words' results
                t.wait_for("Results for \u201ctaylor\u201d \u2014 Enter searches for \u201csmi\u201d")
                t.type("th")
                t.wait_for(BOX + r"smith\s*\n")
                self.assertEqual(cursor_row(t), 1, "the cursor is still in the box")
        finally:
            srv.thaw()
            srv.close()

    def test_commands_moved_off_letters_still_work(self):
        with self.client() as t:
            login(t)
            search(t, "CUS0000009")
            t.wait_for(r"1 customer loaded")
            t.key("M-r")                 # raise a case, was C
            t.wait_for("Raise a case")
            t.key("Escape")
            t.wait_for(BOX)
            t.key("F1")
            screen = t.wait_for("Help: keys for Customer search")
            self.assertNotRegex(screen, r"(?m)^\s*t\s+triage")

    def test_quit_by_letter_asks_while_signed_in(self):
        with self.client() as t:
            login(t)
            search(t, "CUS0000009")
            t.wait_for(r"1 customer loaded")
            t.type("Q")                  # over the list: typed, not quit
            t.wait_for(BOX + r"Q\s*\n")
            t.key("Enter")
            t.wait_for(r"customers? loaded|No customers match")
            search(t, "CUS0000009", from_list=True)
            t.wait_for(r"1 customer loaded")
            t.key("Enter")
            t.wait_for("Customer reference")
            t.type("Q")
            t.wait_for(r"Quit Frontdoor\? y/n")
            t.type("n")
            t.wait_gone(r"Quit Frontdoor\?")
            self.assertFalse(t.dead())
            t.type("/")                  # from the record: the search box
            t.wait_for(BOX)
            self.assertEqual(cursor_row(t), 1, "the cursor is in the search box")
            t.key("C-a", "C-k")
            t.type("taylor")
            t.wait_for(BOX + r"taylor\s*\n")
            t.type("Q")
            t.wait_for(BOX + r"taylorQ\s*\n")
            t.key("F10")                 # a function key is no slip of typing
            t.wait_dead()

    def test_letters_typed_over_the_knowledge_base_results(self):
        with self.client() as t:
            login(t)
            t.key("M-k")
            t.wait_for("Knowledge base")
            t.type("bin")
            t.wait_for(r"articles? found")   # it searches as you type
            t.key("Enter")                   # one Enter reads the first article,
            t.wait_for("Services: ")       # the article is open
            t.key("q")                       # and q from the article goes to the list
            t.settle()
            self.assertGreater(cursor_row(t), 1, "the focus is on the list")
            t.type("kerb")               # k used to close the knowledge base
            screen = t.wait_for(r"kerb\s*\n")
            self.assertIn("Knowledge base", screen.split("\n")[0])


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
