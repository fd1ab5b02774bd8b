#!/usr/bin/env python3
"""The frontdoor client in tmux against a real frontdoord: log in, search
by name, postcode and phone, open a record with a cautionary-contact flag,
resize, go back, quit; and the unhappy paths (wrong password, no server,
server killed mid-search, a broken keymap file, a terminal too small)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import BUILD, FdServer, Tui, TuiCase, login, runner, search  # noqa: E402


class ClientTest(TuiCase):
    customers = 500

    def test_journey_80x24(self):
        with self.client() as t:
            t.wait_for("Sign in to Frontdoor")
            t.expect_screen("login-80x24")
            login(t)
            t.wait_for("kept in memory only")
            search(t, "zoe o'brien")
            t.wait_for("customer.* loaded")
            t.expect_screen("search-name-80x24")
            t.key("Enter")
            t.wait_for("!! CAUTIONARY CONTACT")
            t.expect_screen("customer-80x24")
            t.key("PageDown")
            t.wait_for("Service accounts")
            screen = t.text()
            self.assertIn("!! CAUTIONARY CONTACT", screen, "the flag stays pinned while scrolling")
            t.resize(200, 50)
            t.wait_for("Recent contacts")
            t.key("Home")
            t.expect_screen("customer-200x50")
            t.key("q")
            t.wait_for("Find a customer:")
            t.wait_for("Zoë O'Brien")
            t.resize(80, 24)
            t.key("Enter")
            t.wait_for("!! CAUTIONARY CONTACT")
            t.key("Q")                # a letter: it asks while signed in
            t.wait_for(r"Quit Frontdoor\? y/n")
            t.type("y")
            t.wait_dead()

    def test_journey_200x50(self):
        with self.client(200, 50) as t:
            login(t)
            search(t, "zoe o'brien")
            t.wait_for("customer.* loaded")
            t.expect_screen("search-name-200x50")
            t.key("Enter")
            t.wait_for("!! CAUTIONARY CONTACT")
            t.expect_screen("customer-open-200x50")
            t.key("F10")
            t.wait_dead()

    def test_no_email_and_vulnerability_warnings(self):
        """A caller with no e-mail is flagged as digitally excluded, in words,
        beside the vulnerable-adult warning; one with e-mail is not."""
        with self.client() as t:
            login(t)
            search(t, "smith-jones")
            t.wait_for("customer.* loaded")
            t.key("Enter")
            t.wait_for("!! VULNERABLE ADULT: Lives alone")
            t.wait_for("NO E-MAIL \\(digitally excluded\\)")
            t.key("q")
            search(t, "zoe o'brien")
            t.wait_for("customer.* loaded")
            t.key("Enter")
            t.wait_for("!! CAUTIONARY CONTACT")
            self.assertNotIn("NO E-MAIL", t.text())

    def test_search_by_postcode_and_phone(self):
        with self.client() as t:
            login(t)
            search(t, "SW1A 1AA")
            t.wait_for("customer.* loaded")
            self.assertIn("Zoë O'Brien", t.text())
            search(t, "07700 900123", from_list=True)
            t.wait_for("customer.* loaded")
            self.assertIn("Zoë O'Brien", t.text())
            search(t, "smith-jones", from_list=True)
            t.wait_for("customer.* loaded")
            t.wait_for("Seán Smith-J")   # "loaded" may still be the last search's line
            self.assertIn("Seán Smith-J", t.text())
            search(t, "qqqzzznobody", from_list=True)
            t.wait_for("No customers match")

    def test_paging_fetches_more_as_the_selection_moves(self):
        self.home.write_config("frontdoor.conf", "page_size = 10\n")
        with self.client() as t:
            login(t)
            search(t, "a")
            t.wait_for(r"\b10 customers loaded, more follow")
            t.key("PageDown")
            # Near the end of what is loaded, the next page comes by itself.
            t.wait_for(r"\b[2-9]0 customers loaded, more follow")
            for _ in range(12):
                t.key("PageDown")
            screen = t.wait_for(r"\b\d+ customers loaded\. Enter")
            self.assertNotIn("more follow", screen)

    def test_search_history_kept_between_runs(self):
        with self.client() as t:
            login(t)
            search(t, "seán smith-jones")
            t.wait_for("customer.* loaded")
            t.key("F10")
            t.wait_dead()
        with self.client() as t:
            login(t)
            t.key("Up")
            t.wait_for("Find a customer:  seán smith-jones")
            t.key("C-a", "M-f", "C-k")  # Emacs keys: start, forward a word, kill
            t.wait_for("Find a customer:  seán\s*\n")
            t.key("Enter")
            t.wait_for("customer.* loaded")
            self.assertIn("Seán Smith-J", t.text())

    def test_cua_keymap_function_keys(self):
        with self.client(args=["--server", self.srv.url, "--keymap", "cua"]) as t:
            login(t)
            search(t, "zoe o'brien")
            t.wait_for("customer.* loaded")
            t.key("Enter")
            t.wait_for("!! CAUTIONARY CONTACT")
            t.key("F3")
            t.wait_for("Find a customer:")
            t.key("F1")
            t.wait_for("Help: keys for Customer search")
            if "<F3>" not in t.text():   # the global keys follow the screen's own
                t.key("PageDown")
            t.wait_for("<F3>")

    def test_wrong_password(self):
        with self.client() as t:
            t.wait_for("Sign in to Frontdoor")
            t.type("advisor")
            t.key("Enter")
            t.type("not-the-password")
            t.key("Enter")
            t.wait_for("User name or password not recognised")
            self.assertNotIn("not-the-password", t.text())
            t.type("demo")
            t.key("Enter")
            t.wait_for("Find a customer:")

    def test_server_not_running(self):
        with Tui(80, 24, ["--server", "http://127.0.0.1:9"], self.home) as t:
            t.wait_for("Sign in to Frontdoor")
            t.type("advisor")
            t.key("Enter")
            t.type("demo")
            t.key("Enter")
            t.wait_for("Server unreachable")
            t.expect_screen("no-server-80x24")
            t.key("F10")
            t.wait_dead()

    def test_server_killed_mid_search(self):
        srv = FdServer(BUILD, customers=500).start()
        try:
            with Tui(80, 24, ["--server", srv.url], self.home) as t:
                login(t)
                srv.kill()
                search(t, "smith")
                t.wait_for("Server unreachable .* retrying in \\d+ s\\. Your work is kept\\.")
                # Still responsive: typing goes into the box while it waits.
                t.key("C-a", "C-k")
                t.type("jones")
                t.wait_for("Find a customer:  jones")
                t.key("Escape")
                t.wait_for("Search cancelled")
                t.wait_gone("retrying in")
                t.key("F10")
                t.wait_dead()
        finally:
            srv.close()

    def test_keymap_error_reported_with_file_and_line(self):
        path = self.home.write_config("keymap", "bind record j move-down\nbind search <F99> nonsense\n")
        with self.client() as t:
            screen = t.wait_for(r"keymap:2: ")
            self.assertIn(path[-20:], screen.replace("\n", ""))
            login(t)

    def test_terminal_too_small(self):
        with self.client(70, 20) as t:
            t.wait_for("Terminal too small: need 80x24, have 70x20")
            t.expect_screen("too-small-70x20")
            t.resize(80, 24)
            t.wait_for("Sign in to Frontdoor")
            t.resize(79, 24)
            t.wait_for("Terminal too small: need 80x24, have 79x24")
            t.key("q")
            t.wait_dead()

    def test_help_lists_actions_and_keys(self):
        with self.client() as t:
            login(t)
            t.key("F1")
            t.wait_for("Help: keys for Customer search")
            screen = t.text()
            self.assertIn("view-help", screen)
            self.assertIn("<F1>", screen)
            t.key("Escape")
            t.wait_for("Find a customer:")

    def test_lock_hides_content_and_password_unlocks(self):
        with self.client() as t:
            login(t)
            search(t, "zoe o'brien")
            t.wait_for("customer.* loaded")
            t.key("M-l")
            t.wait_for("Frontdoor is locked")
            self.assertNotIn("O'Brien", t.text())
            t.type("wrong")
            t.key("Enter")
            t.wait_for("Password not recognised")
            t.type("demo")
            t.key("Enter")
            t.wait_for("Zoë O'Brien")

    def test_logout_returns_to_sign_in(self):
        with self.client() as t:
            login(t)
            t.key("M-o")
            t.wait_for("Sign in to Frontdoor")
            t.wait_for("Signed out")

    def test_vt100_monochrome_ascii(self):
        with self.client(term="vt100", env={"NO_COLOR": "1", "LANG": "C", "LC_ALL": "C"}) as t:
            login(t)
            search(t, "zoe o'brien")
            t.wait_for("customer.* loaded")
            screen = t.text()
            self.assertIn("-----", screen, "ASCII rules in a non-UTF-8 locale")
            self.assertIn("[!] CAU", screen, "flags are words, not colour")
            t.key("Enter")
            t.wait_for("!! CAUTIONARY CONTACT")


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
