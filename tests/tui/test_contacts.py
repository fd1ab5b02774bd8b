#!/usr/bin/env python3
"""Contacts and wrap-up in tmux against a real frontdoord (issue 5): a
complete contact from search to wrap-up at 80x24, the filter and the
number-key paths, the refusal to leave the wrap-up without a code and an
outcome, the repeat-caller warning and the history list, a change of
address that meets someone else's change (412) and is resolved in the
conflict view, and a new customer who turns out to be on file already.
Rows are checked in the server's database."""
import datetime
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import TuiCase, login, runner, search  # noqa: E402
from contactkit import (SamePortServer, db_count, db_rows, fast_retries,  # noqa: E402
                        record_anonymous, wait_count, client_log)


def utc(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


class ContactTest(TuiCase):
    server_class = SamePortServer
    customers = 200

    def setUp(self):
        super().setUp()
        fast_retries(self.home)

    def open_customer(self, t, query, name):
        search(t, query)
        t.wait_for("customer.* loaded")
        t.key("Enter")
        t.wait_for("Customer reference")   # the record itself, not its search row
        t.wait_for(name)

    def test_contact_from_search_to_wrapup_80x24(self):
        before = db_count(self.srv, "customer_id = 1")
        with self.client() as t:
            login(t)
            self.open_customer(t, "zoe o'brien", "CAUTIONARY CONTACT")
            t.key("c")
            t.wait_for(r"Channel: 1 phone  2 face to face")
            t.key("Enter")
            t.wait_for(r"In contact 00:0\d")
            t.wait_for(r"In contact 00:0[1-9]")   # the clock runs
            t.key("F8")
            # wait_for each part: a capture can land in the middle of a redraw
            t.wait_for("Contact with Ms Zoë O'Brien")
            t.wait_for("After-contact work 00:")
            # Leaving, starting another contact, sending: all refused for now.
            t.key("Escape")
            t.wait_for("must be finished before the next contact")
            t.key("F2")
            t.wait_for("Choose a wrap code and an outcome before sending")
            t.key("F10")
            t.wait_for("Quit anyway\\? y/n")
            self.assertIn("not wrapped up", t.text())
            t.type("n")
            t.wait_gone("Quit anyway")
            # The filter matches across both levels: topic and reason words.
            t.type("council tax moving")
            t.wait_for("Council tax")
            t.wait_gone("Bins and recycling")
            t.key("C-u")
            t.type("missed bin reported")
            t.wait_for("Missed bin reported")
            t.key("Enter")
            t.wait_for("Wrap code: Bins and recycling . Missed bin reported")
            t.key("F2")
            t.wait_for("Choose an outcome before sending")
            t.type("1")
            t.wait_for("Resolved at first contact")
            t.key("Tab", "Tab", "Tab", "Tab")   # avoidable, why, channel, note
            t.type("Crew missed the street")
            t.key("F2")
            t.wait_for("Find a customer:")
            t.wait_for(r"recorded \(contact no\. \d+\)")
            self.assertNotIn("In contact", t.text())
        self.assertEqual(wait_count(self.srv, before + 1, "customer_id = 1"), before + 1)
        row = db_rows(self.srv, "SELECT channel, wrap_code, outcome, avoidable, note FROM contacts"
                                " WHERE customer_id = 1 ORDER BY id DESC LIMIT 1")[0]
        self.assertEqual(row, ("phone", "missed_bin_reported", "resolved", 0, "Crew missed the street"))
        self.assertNotIn("Crew missed", client_log(self.home), "notes never reach the log")

    def test_number_keys_and_repeat_caller(self):
        with self.client() as t:
            login(t)
            record_anonymous(t, "chasing a missed bin", "2")
            # The code just used is now the advisor's most used: key 1.
            t.key("F6")
            t.wait_for("Channel:")
            t.type("3")                       # email
            t.wait_for("In contact")
            t.key("F8")
            t.wait_for("Most used:  1 Chasing a missed bin")
            t.type("1")
            t.wait_for("Wrap code: Bins and recycling . Chasing a missed bin")
            t.wait_for(r"\[x\] Yes")            # avoidable comes from the code
            t.wait_for("< Chasing progress >")  # and the reason from its progress flag
            t.type("2")
            t.key("F2")
            t.wait_for("Find a customer:")
            t.wait_for(r"recorded \(contact no\.")
        rows = db_rows(self.srv, "SELECT channel, wrap_code, outcome, avoidable, avoidable_reason,"
                                 " customer_id FROM contacts ORDER BY id DESC LIMIT 2")
        self.assertEqual(rows[0], ("email", "chasing_missed_bin", "signposted", 1, "chasing_progress", None))
        self.assertEqual(rows[1][0], "phone")

    def test_repeat_caller_warning_and_history(self):
        token = self.srv.login("advisor")
        for i in range(2):
            # Two and one day ago: inside "the last 7 days" on any day the suite runs.
            end = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=2 - i)
            status, _, _ = self.srv.request("POST", "/api/v1/contacts", {
                "customer_id": "2", "channel": "phone", "started_at": utc(end - datetime.timedelta(seconds=30)),
                "ended_at": utc(end), "wrap_code": "missed_bin_reported",
                "outcome": "resolved", "note": "history note %d" % i}, token=token)
            self.assertEqual(status, 201)
        with self.client() as t:
            login(t)
            self.open_customer(t, "sean smith-jones", "Seán Smith-Jones")
            t.wait_for("REPEAT CALLER: contacted \\d+ times in the last 7 days")
            t.key("H")
            t.wait_for("Contact history")
            t.wait_for("Missed bin reported")
            t.wait_for("Note: history note 1")   # newest first
            t.key("q")
            t.wait_for("REPEAT CALLER")

    def test_change_of_address_conflict_412(self):
        token = self.srv.login("supervisor")
        with self.client() as t:
            login(t)
            self.open_customer(t, "sean smith-jones", "Seán Smith-Jones")
            t.key("e")
            t.wait_for("Change of details")
            t.key("C-a", "C-k")
            t.type("7 New Road")
            # Someone else changes the record between our load and our save.
            status, headers, rec = self.srv.request("GET", "/api/v1/customers/2", token=token)
            old = rec["addresses"][0]
            status, _, _ = self.srv.request("PATCH", "/api/v1/customers/2",
                                            {"address": {"line1": "99 Their Street", "town": "Testbury",
                                                         "postcode": "FD1 2AB"}},
                                            token=token, headers={"If-Match": headers["etag"]})
            self.assertEqual(status, 200)
            t.key("F2")
            t.wait_for("Someone else changed this record")
            t.wait_for("DIFFERS")   # the difference is a word, not a colour
            # An address is one value: yours whole, theirs whole (issue 9.4).
            mine = "7 New Road, %s, %s" % (old["town"], old["postcode"])
            t.wait_for("yours:   " + re.escape(mine))
            t.wait_for("current: 99 Their Street, Testbury, FD1 2AB")
            t.wait_for("changed by someone else")
            screen = t.wait_for("Applying yours saves exactly:")
            self.assertIn("address    " + mine, screen, "the exact record it will save")
            _, _, rec = self.srv.request("GET", "/api/v1/customers/2", token=token)
            self.assertEqual(rec["addresses"][0]["line1"], "99 Their Street", "nothing overwritten yet")
            t.key("e")   # apply ours on top of the current version
            t.wait_for("Change of details for Mr Seán Smith-Jones saved")
        _, _, rec = self.srv.request("GET", "/api/v1/customers/2", token=token)
        got = rec["addresses"][0]
        # Never parts of two addresses: the one the advisor entered, whole.
        self.assertEqual((got["line1"], got["town"], got["postcode"]),
                         ("7 New Road", old["town"], old["postcode"]))

    def test_new_customer_duplicate_check(self):
        count = "SELECT COUNT(*) FROM customers WHERE family_name = 'O''Brien'"
        before = db_rows(self.srv, count)[0][0]
        with self.client() as t:
            login(t)
            t.key("F7")
            t.wait_for("A caller who is not on file")
            t.type("Zoë")
            t.key("Tab")
            t.type("O'Brien")
            t.key("Tab")
            t.type("1 Example Street")
            t.key("Tab")
            t.type("Testbury")
            t.key("Tab")
            t.type("SW1A 1AA")
            t.key("F2")
            t.wait_for("Possible existing records")
            t.wait_for(r"O'Brien \(customer 1\)")
            t.key("Enter")       # open the match instead of creating a second record
            t.wait_for("CAUTIONARY CONTACT")
        self.assertEqual(db_rows(self.srv, count)[0][0], before, "no second record")


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
