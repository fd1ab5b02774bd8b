#!/usr/bin/env python3
"""Fault tests for the client's durable outbox (issue 5), automated, with
the real client in tmux and a real frontdoord; rows are counted in the
server's SQLite database.

1. The server is stopped while an advisor records five contacts; it is
   started again (same database, same port) and exactly five arrive.
2. The client is killed with SIGKILL right after submitting, while its
   request is in flight (the server is frozen with SIGSTOP so the request
   cannot have been answered); the server is thawed and the client
   started again: the contact arrives exactly once.
3. A retry of a write that already landed does not duplicate it.
   EMULATED: killing the server between its commit and its reply cannot
   be timed from outside, so the test makes the same situation on the
   client's side. It copies the journal while the contact is journalled
   but not yet sent (server stopped), lets the write land (the journal
   records "done"), then puts the copy back, as if the client had died
   after the server committed and before the 2xx reached the journal.
   The next start sends the entry again with the same Idempotency-Key;
   the server replays its stored answer (Idempotent-Replayed: true, seen
   in the client's log) and no second row appears.
4. The journal is truncated in the middle of its last record (a torn
   write): the client starts, keeps and sends every complete record,
   reports the damaged one on the message line and in its log (with no
   personal data in the log), and sets the damaged bytes aside.
"""
import os
import shutil
import signal
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import BUILD, Home, Tui, login, runner  # noqa: E402
from contactkit import (SamePortServer, client_log, client_pid, db_count,  # noqa: E402
                        fast_retries, journal_files, quit_client, record_anonymous,
                        wait_count, wait_wrapcodes_cached)

ANON = "customer_id IS NULL"


class OutboxFaultTest(unittest.TestCase):
    def setUp(self):
        self.srv = SamePortServer(BUILD, customers=50).start()
        self.home = Home()
        fast_retries(self.home)

    def tearDown(self):
        reports = self.home.sanitizer_reports()
        self.home.cleanup()
        self.srv.close()
        self.assertEqual(reports, "", "sanitizer reports from the client")

    def client(self):
        return Tui(80, 24, ["--server", self.srv.url], self.home)

    def test_1_server_down_five_contacts_exactly_five_arrive(self):
        before = db_count(self.srv, ANON)
        with self.client() as t:
            login(t)
            wait_wrapcodes_cached(self.home)
            self.srv.stop_now()
            for i in range(5):
                record_anonymous(t, "missed bin reported", "1")
            t.wait_for("5 waiting to send")
            self.assertEqual(db_count(self.srv, ANON), before)
            self.srv.start_again()
            self.assertEqual(wait_count(self.srv, before + 5, ANON), before + 5)
            t.wait_gone("waiting to send")
            time.sleep(1.5)   # nothing more arrives afterwards
            self.assertEqual(db_count(self.srv, ANON), before + 5)
        self.assertIn("outbox_retry", client_log(self.home))

    def test_2_client_killed_after_submit_arrives_once(self):
        before = db_count(self.srv, ANON)
        with self.client() as t:
            login(t)
            wait_wrapcodes_cached(self.home)
            self.srv.freeze()      # the request will be in flight, unanswered
            record_anonymous(t, "missed bin reported", "1")
            time.sleep(0.3)
            os.kill(client_pid(t), signal.SIGKILL)
            t.wait_dead()
        self.srv.thaw()
        time.sleep(0.5)
        landed = db_count(self.srv, ANON) - before
        self.assertIn(landed, (0, 1), "the request in flight landed at most once")
        with self.client() as t:
            login(t)
            self.assertEqual(wait_count(self.srv, before + 1, ANON), before + 1)
            t.wait_gone("waiting to send")
            time.sleep(1.5)
        self.assertEqual(db_count(self.srv, ANON), before + 1, "exactly once")
        if landed:
            self.assertIn("replayed=1", client_log(self.home), "the resend was a replay")

    def test_3_retry_of_committed_write_does_not_duplicate(self):
        before = db_count(self.srv, ANON)
        saved = os.path.join(self.home.path, "journal-before-done")
        with self.client() as t:
            login(t)
            wait_wrapcodes_cached(self.home)
            self.srv.stop_now()
            record_anonymous(t, "missed bin reported", "1")
            t.wait_for("1 waiting to send")
            journal = journal_files(self.home)[0]
            shutil.copyfile(journal, saved)          # the entry, no "done" yet
            self.srv.start_again()
            self.assertEqual(wait_count(self.srv, before + 1, ANON), before + 1)
            t.wait_gone("waiting to send")
            quit_client(t)
        shutil.copyfile(saved, journal)               # as if the 2xx never reached the journal
        with self.client() as t:
            login(t)
            deadline = time.time() + 15
            while "replayed=1" not in client_log(self.home) and time.time() < deadline:
                time.sleep(0.1)
            t.wait_gone("waiting to send")
        self.assertIn("replayed=1", client_log(self.home))
        self.assertEqual(db_count(self.srv, ANON), before + 1, "the retry did not duplicate")

    def test_4_torn_journal_keeps_complete_records(self):
        before = db_count(self.srv, ANON)
        with self.client() as t:
            login(t)
            wait_wrapcodes_cached(self.home)
            self.srv.stop_now()
            for i in range(3):
                record_anonymous(t, "missed bin reported", "1")
            t.wait_for("3 waiting to send")
            quit_client(t)
        journal = journal_files(self.home)[0]
        size = os.path.getsize(journal)
        with open(journal, "r+b") as f:
            f.truncate(size - 40)                     # cut the last record mid-write
        self.srv.start_again()
        with self.client() as t:
            login(t)
            t.wait_for("1 damaged record")
            self.assertEqual(wait_count(self.srv, before + 2, ANON), before + 2)
            time.sleep(1.5)
            self.assertEqual(db_count(self.srv, ANON), before + 2)
        log = client_log(self.home)
        self.assertIn("event=outbox_journal_damaged damaged=1", log)
        self.assertNotIn("missed_bin", log, "no record content in the log")
        self.assertTrue(os.path.getsize(journal + ".damaged") > 0, "the damaged bytes are set aside")
        self.assertEqual(os.stat(journal).st_mode & 0o777, 0o600)
        self.assertEqual(os.stat(os.path.dirname(journal)).st_mode & 0o777, 0o700)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
