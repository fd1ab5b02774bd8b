#!/usr/bin/env python3
"""The advisor's lists at 80x24 against a real frontdoord (issue 9, raise
case, queue and search list): a search list typed over says whose results
it shows and Enter searches again; the queue's tab, header and rows agree
(the oldest wait is the oldest row's, headers fit); raising a case by hand
warns of an open case for the same service first."""
import datetime
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import TuiCase, login, runner, search  # noqa: E402

BOX = "Find a customer:  "


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def now_utc():
    return datetime.datetime.now(datetime.timezone.utc)


def cursor_row(t):
    return int(t._tmux("display-message", "-p", "#{cursor_y}").strip())


class ListsTest(TuiCase):
    """The tests share one server: each uses its own customers."""
    customers = 200

    def db(self, sql, *args):
        with sqlite3.connect(self.srv.db_path) as c:
            return c.execute(sql, args).fetchall()

    def db_until(self, sql, done, *args):
        for _ in range(100):
            rows = self.db(sql, *args)
            if done(rows):
                return rows
            time.sleep(0.1)
        return rows

    def api(self, method, path, body=None, user="advisor", status=None):
        st, _, reply = self.srv.request(method, path, body, token=self.srv.login(user))
        if status is not None:
            self.assertEqual(st, status, reply)
        return reply

    # ---- raising a case by hand ------------------------------------------------

    def open_missed_bin_case(self, customer_id):
        """An open missed-bin case for the customer, raised two days ago."""
        ref = self.api("POST", "/api/v1/cases", {"customer_id": customer_id, "service_code": "missed_bin",
                                                 "summary": "Grey bin missed"}, status=201)["ref"]
        self.db("UPDATE cases SET created_at = ? WHERE ref = ?",
                iso(now_utc() - datetime.timedelta(days=2, hours=1)), ref)
        return ref

    def raise_missed_bin_by_hand(self, t, query, summary):
        search(t, query)
        t.wait_for("1 customer loaded")
        t.key("Enter")
        t.wait_for("Customer reference")   # the record, not the search row
        t.key("M-r")
        t.wait_for(r"> Service \*")
        t.type("missed_bin")
        t.key("Enter")
        t.wait_for(r"Missed bin collection +\(chosen\)")
        t.wait_for(r"> Summary \*")            # the pick moves on to the summary
        t.type(summary)
        t.wait_for(r"Summary \* +" + summary)
        t.key("F2")

    def cases_of(self, customer_id):
        return self.db("SELECT summary FROM cases WHERE customer_id = ? AND service_code = 'missed_bin'"
                       " ORDER BY id", int(customer_id))

    def test_raise_by_hand_warns_of_an_open_case_and_raises_on_r(self):
        ref = self.open_missed_bin_case("9")
        with self.client() as t:
            login(t)
            self.raise_missed_bin_by_hand(t, "CUS0000009", "Bin missed again")
            screen = t.wait_for("Open case %s for Missed bin collection, raised 2 days ago \u2014\\s+"
                                "add a note to it\\?" % ref)
            self.assertRegex(screen, r"n: add a note to it\s+r: raise this one anyway")
            t.settle()
            self.assertEqual(self.cases_of("9"), [("Grey bin missed",)], "nothing raised before the answer")
            t.key("r")                                 # raise anyway
            t.wait_for("Read the reference to the customer: FD-")
        self.assertEqual(self.db_until("SELECT COUNT(*) FROM cases WHERE customer_id = 9",
                                       lambda rows: rows[0][0] == 2), [(2,)])
        self.assertEqual(self.cases_of("9"), [("Grey bin missed",), ("Bin missed again",)])

    def test_raise_by_hand_offers_a_note_to_the_open_case(self):
        ref = self.open_missed_bin_case("11")
        with self.client() as t:
            login(t)
            self.raise_missed_bin_by_hand(t, "CUS0000011", "Bin missed again")
            t.wait_for("Open case %s for Missed bin collection" % ref)
            t.key("n")                                 # a note to the open case instead
            t.wait_for("Add a note to case %s" % ref)
            t.type("Called again: still not collected")
            t.key("F2")
            t.wait_for("Note on %s: saved" % ref)
        notes = self.db_until("SELECT n.body FROM case_notes n JOIN cases c ON c.id = n.case_id WHERE c.ref = ?",
                              lambda rows: rows, ref)
        self.assertEqual(notes, [("Called again: still not collected",)])
        self.assertEqual(self.cases_of("11"), [("Grey bin missed",)], "no second case")

    # ---- the search list ---------------------------------------------------------

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
