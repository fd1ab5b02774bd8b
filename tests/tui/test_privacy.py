#!/usr/bin/env python3
"""Issue 9.6, personal data stays where it belongs, in the real client:
a trainer is told in plain words that live records are closed to them;
a delivered record's personal details leave the outbox journal at once;
with a keyring the journal is sealed at rest, kept untouched while the key
cannot be reached and sent exactly once when it can;
the record asks the advisor to confirm the caller's identity and the
contact records how it was checked; the sign-in screen counts records waiting to send while the server is
down; a frozen server (SIGSTOP: it takes connections and never answers)
is reported after a few seconds, in the status line and in a triage
whose script cannot load."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import TuiCase, login, runner, search  # noqa: E402
from test_keyring import SecretService  # noqa: E402
from contactkit import (SamePortServer, db_count, db_rows, journal_files,  # noqa: E402
                        quit_client, record_anonymous, wait_count, wait_wrapcodes_cached)

ANON = "customer_id IS NULL"


class TrainerTest(TuiCase):
    customers = 50

    def test_trainer_search_shows_the_plain_refusal(self):
        with self.client() as t:
            login(t, "trainer")
            search(t, "taylor")
            t.wait_for("Trainers may not open live records or start contacts: no training sandbox yet")
            self.assertNotIn("403", t.text())

    def test_trainer_cannot_start_a_contact(self):
        with self.client() as t:
            login(t, "trainer")
            t.key("F6")
            t.wait_for("Trainers may not open live records or start contacts: no training sandbox yet")
            t.settle()
            self.assertNotIn("Channel: 1 phone", t.text())
            self.assertNotIn("In contact", t.text())


class JournalTest(TuiCase):
    customers = 50

    def journal_text(self):
        text = b""
        for path in journal_files(self.home):
            with open(path, "rb") as f:
                text += f.read()
        return text

    def test_delivered_change_leaves_the_journal(self):
        with self.client() as t:
            login(t)
            search(t, "sean smith-jones")
            t.wait_for("customer.* loaded")
            t.key("Enter")
            t.wait_for("Customer reference")   # the record itself, not its search row
            t.key("e")
            t.wait_for("Change of details")
            t.key("C-a", "C-k")
            t.type("12 Quillfeather Lane")
            t.key("F2")
            t.wait_for("saved")
            t.wait_gone("Sending|waiting to send")
            _, _, rec = self.srv.request("GET", "/api/v1/customers/2",
                                         token=self.srv.login("advisor"))
            self.assertEqual(rec["addresses"][0]["line1"], "12 Quillfeather Lane", "delivered")
            self.assertTrue(journal_files(self.home), "the journal exists")
            self.assertNotIn(b"Quillfeather", self.journal_text(),
                             "a delivered record's address stayed in the journal")
            self.assertNotIn("Smith-Jones".encode(), self.journal_text())


def change_address(t, line1):
    t.key("e")
    t.wait_for("Change of details")
    t.key("C-a", "C-k")
    t.type(line1)
    t.key("F2")


def read_journals(home):
    text = b""
    for path in journal_files(home):
        with open(path, "rb") as f:
            text += f.read()
    return text


class SealedJournalTest(TuiCase):
    server_class = SamePortServer
    customers = 50

    def address(self):
        _, _, rec = self.srv.request("GET", "/api/v1/customers/2", token=self.srv.login("supervisor"))
        return rec["addresses"][0]["line1"], rec["version"]

    def test_sealed_with_keyring_kept_without_it_sent_once_when_back(self):
        ss = SecretService()
        bus = {"DBUS_SESSION_BUS_ADDRESS": ss.address}
        try:
            before = self.address()
            with self.client(env=bus) as t:
                login(t)
                search(t, "sean smith-jones")
                t.wait_for("customer.* loaded")
                t.key("Enter")
                t.wait_for("Customer reference")   # the record itself, not its search row
                self.srv.stop_now()
                change_address(t, "12 Quillfeather Lane")
                t.wait_for("1 waiting to send")
                at_rest = read_journals(self.home)
                self.assertIn(b'"sealed"', at_rest)
                self.assertNotIn(b"Quillfeather", at_rest, "plaintext at rest with a keyring")
                self.assertNotIn("Smith-Jones".encode(), at_rest)
                quit_client(t)
            self.assertIn("org.frontdoor.JournalKey", ss.items(self.srv.url))
            self.srv.start_again()
            sealed = read_journals(self.home)
            # No D-Bus (an SSH session): the key cannot be reached.
            with self.client() as t:
                login(t)
                t.wait_for(r"1 unsent record waits for the keyring \(locked or no D-Bus\): kept, not lost\.")
                t.settle()
                self.assertEqual(self.address(), before, "nothing sent without the key")
                quit_client(t)
            # untouched; this session's (empty) plain sibling is beside it
            self.assertEqual(len(journal_files(self.home)), 2)
            self.assertEqual(read_journals(self.home), sealed, "the sealed journal is kept untouched")
            # The keyring is back: sent, exactly once.
            with self.client(env=bus) as t:
                t.wait_for("Find a customer:")
                t.wait_gone("waiting to send|Sending")
                self.assertEqual(self.address(), ("12 Quillfeather Lane", before[1] + 1))
                self.assertNotIn(b"Quillfeather", read_journals(self.home))
                self.assertEqual(len(journal_files(self.home)), 1, "the plain sibling was adopted")
        finally:
            ss.close()


class IdentityTest(TuiCase):
    customers = 50

    def open_zoe(self, t):
        search(t, "zoe o'brien")
        t.wait_for("customer.* loaded")
        t.key("Enter")
        t.wait_for("CAUTIONARY CONTACT")

    def wrap_up(self, t):
        t.key("F8")
        t.wait_for("After-contact work 00:")
        t.type("missed bin reported")
        t.wait_for("Missed bin reported")
        t.key("Enter")
        t.type("1")
        t.key("F2")
        t.wait_for("Find a customer:")

    def last_identity(self, before):
        self.assertEqual(wait_count(self.srv, before + 1, "customer_id = 1"), before + 1)
        return json.loads(db_rows(self.srv, "SELECT identity_check FROM contacts WHERE customer_id = 1"
                                            " ORDER BY id DESC LIMIT 1")[0][0])

    def test_identity_checked_before_account_is_discussed(self):
        before = db_count(self.srv, "customer_id = 1")
        with self.client() as t:
            login(t)
            self.open_zoe(t)
            t.wait_for("Identity not checked: ask 2 of date of birth, postcode, reference")
            t.key("i")
            t.wait_for("Start the contact with this customer first")
            t.key("c")
            t.wait_for("Channel: 1 phone")
            t.key("Enter")
            t.wait_for("In contact 00:")
            self.assertIn("Identity not checked", t.text())
            t.key("i")
            t.wait_for("did the caller give the right date of birth")
            t.type("n")
            t.wait_for("did the caller give the right postcode")
            t.type("y")
            t.wait_for("did the caller give the right reference")
            t.type("y")
            t.wait_for("Identity checked: postcode, reference")
            t.wait_gone("Identity not checked")
            self.wrap_up(t)
        self.assertEqual(self.last_identity(before),
                         {"status": "passed", "methods": ["postcode", "reference"]})

    def test_failed_and_unchecked_are_recorded_too(self):
        before = db_count(self.srv, "customer_id = 1")
        with self.client() as t:
            login(t)
            self.open_zoe(t)
            t.key("c")
            t.wait_for("Channel: 1 phone")
            t.key("Enter")
            t.wait_for("In contact 00:")
            t.key("i")
            t.wait_for("did the caller give the right date of birth")
            t.type("n")
            t.wait_for("did the caller give the right postcode")
            t.type("n")
            t.wait_for("IDENTITY NOT CONFIRMED: do not discuss account details")
            self.wrap_up(t)
        self.assertEqual(self.last_identity(before),
                         {"status": "failed", "methods": ["date_of_birth", "postcode"]})
        with self.client() as t:
            login(t)
            self.open_zoe(t)
            t.key("c")
            t.wait_for("Channel: 1 phone")
            t.key("Enter")
            t.wait_for("In contact 00:")
            self.wrap_up(t)
        self.assertEqual(self.last_identity(before + 1), {"status": "not_checked", "methods": []})

    def test_configured_questions_and_count(self):
        self.home.write_config("frontdoor.conf", "identity_checks = reference, postcode\n"
                                                 "identity_checks_required = 1\n")
        with self.client() as t:
            login(t)
            self.open_zoe(t)
            t.wait_for("Identity not checked: ask 1 of reference, postcode")
            t.key("c")
            t.wait_for("Channel: 1 phone")
            t.key("Enter")
            t.wait_for("In contact 00:")
            t.key("i")
            t.wait_for("did the caller give the right reference")
            t.type("y")
            t.wait_for("Identity checked: reference")

    def test_bad_identity_config_reported_and_the_rest_kept(self):
        """An unknown name in identity_checks used to be skipped silently,
        and identity_checks_required could exceed the list."""
        self.home.write_config("frontdoor.conf", "identity_checks = reference, dob\n"
                                                 "identity_checks_required = 3\n")
        with self.client() as t:
            # the first problem on the message line (cut at 80 columns), the
            # other in the log
            t.wait_for(r"frontdoor.conf:1: identity_checks: 'do")
            login(t)
            self.open_zoe(t)
            t.wait_for("Identity not checked: ask 1 of reference")
        with open(os.path.join(self.home.state, "frontdoor", "frontdoor.log")) as f:
            log = f.read()
        self.assertEqual(log.count("config_problem"), 2)
        self.assertIn("frontdoor.conf:2: identity_checks_required: 3 is more than the 1 in"
                      " identity_checks (reference); 1 will be asked for", log)



class ServerTroubleTest(TuiCase):
    server_class = SamePortServer
    customers = 50

    def setUp(self):
        super().setUp()
        # A long request timeout, so only the "not answering" notice can
        # tell the advisor about a frozen server within the test's wait.
        self.home.write_config("frontdoor.conf", "request_timeout_seconds = 120\n")

    def tearDown(self):
        if self.srv.proc is None:
            self.srv.start_again()
        else:
            self.srv.thaw()
        super().tearDown()

    def test_sign_in_while_down_counts_records_waiting(self):
        with self.client() as t:
            login(t)
            wait_wrapcodes_cached(self.home)
            self.srv.stop_now()
            record_anonymous(t)
            record_anonymous(t)
            t.wait_for("2 waiting to send")
            quit_client(t)
        with self.client() as t:
            t.wait_for("Sign in to Frontdoor")
            t.type("advisor")
            t.wait_for("2 records waiting to send for advisor")
            t.key("Enter")
            t.type("demo")
            t.key("Enter")
            t.wait_for("Server unreachable")
            t.wait_for("2 records waiting to send for advisor")

    def test_frozen_server_is_reported_not_sending_for_ever(self):
        before = db_count(self.srv, ANON)
        with self.client() as t:
            login(t)
            wait_wrapcodes_cached(self.home)
            self.srv.freeze()
            record_anonymous(t)
            t.wait_for("Sending")
            t.wait_for("Server not answering · 1 waiting to send", timeout=60)
            search(t, "smith")
            t.wait_for(r"\| . Server not answering \(\d+ s\)", timeout=60)
            self.srv.thaw()
            self.assertEqual(wait_count(self.srv, before + 1, ANON), before + 1)
            t.wait_gone("waiting to send", timeout=60)

    def test_triage_script_that_cannot_load_says_so(self):
        with self.client() as t:
            login(t)
            search(t, "zoe o'brien")
            t.wait_for("customer.* loaded")
            t.key("Enter")
            t.wait_for("!! CAUTIONARY CONTACT")
            t.key("t")
            t.wait_for("Reason for the call:")
            t.type("missed bin")
            t.wait_for("> Missed bin")
            self.srv.freeze()
            t.key("Enter")
            t.wait_for("The script cannot load: the server is not answering", timeout=60)
            self.assertNotIn("Loading the script", t.text())


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
