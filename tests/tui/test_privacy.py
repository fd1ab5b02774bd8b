#!/usr/bin/env python3
"""Issue 9.6, personal data stays where it belongs, in the real client:
a trainer is told in plain words that live records are closed to them;
a delivered record's personal details leave the outbox journal at once."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import TuiCase, login, runner, search  # noqa: E402
from contactkit import journal_files  # noqa: E402


class TrainerTest(TuiCase):
    customers = 50

    def test_trainer_search_shows_the_plain_refusal(self):
        with self.client() as t:
            login(t, "trainer")
            search(t, "taylor")
            t.wait_for("Trainers may not open live records or start contacts: no training sandbox yet")
            self.assertNotIn("403", t.text())


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
            t.wait_for("Seán Smith-Jones")
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


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
