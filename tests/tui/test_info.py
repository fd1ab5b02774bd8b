#!/usr/bin/env python3
"""What the advisor must know is on screen (issue 9.5), in tmux at 80x24
against a real frontdoord: the queue header's counts agree with its rows
and its tabs name the teams with the selected one in view; a repeat caller
is flagged from the second contact in 7 days; a customer's flags and NO
E-MAIL are in words on the record, triage, case, call-back and wrap-up."""
import datetime
import os
import re
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import TuiCase, login, runner, search  # noqa: E402


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def now_utc():
    return datetime.datetime.now(datetime.timezone.utc)


class InfoTest(TuiCase):
    """The tests share one server: each uses its own customers."""
    customers = 200

    def db(self, sql, *args):
        with sqlite3.connect(self.srv.db_path) as c:
            return c.execute(sql, args).fetchall()

    def api(self, method, path, body=None, user="advisor", status=None):
        st, _, reply = self.srv.request(method, path, body, token=self.srv.login(user))
        if status is not None:
            self.assertEqual(st, status, reply)
        return reply

    def test_queue_counts_agree_with_rows_and_tabs_name_teams(self):
        now = now_utc()
        cb = self.api("POST", "/api/v1/callbacks", {
            "customer_id": "5", "phone": "07700 900123", "reason": "Wants an update on the bin",
            "due_at": iso(now + datetime.timedelta(hours=1)), "team_code": "waste_services"}, status=201)
        self.db("UPDATE callbacks SET due_at = ? WHERE id = ?", iso(now - datetime.timedelta(minutes=4)),
                int(cb["id"]))
        self.api("POST", "/api/v1/cases", {"customer_id": "6", "service_code": "missed_bin",
                                           "summary": "Grey bin missed"}, status=201)
        with self.client() as t:
            login(t, "backoffice")
            t.key("M-w")
            t.wait_for("Queue: Waste Services")
            t.wait_for("PAST SLA by")
            # the header counts the rows it shows, and the rows past SLA
            screen = t.wait_for(r"(\d+) waiting \((\d+) past SLA\)")
            m = re.search(r"(\d+) waiting \((\d+) past SLA\)", screen)
            rows = re.findall(r"^(CALL-BACK|case) ", screen, re.M)
            self.assertGreaterEqual(len(rows), 2, screen)
            self.assertEqual((int(m.group(1)), int(m.group(2))),
                             (len(rows), screen.count("PAST SLA by")), screen)
            # Waste Services is the last of the teams: its tab, by name,
            # is on screen at 80 columns
            t.wait_for(r"\[Waste Services %d\]" % len(rows))
            # the help line fits 80 columns whole (no item cut, as "Tab changes t")
            self.assertIn("c claims the next, Enter opens, Tab changes team; F5 reads a team not"
                          " yours.", screen)
            t.key("Tab")
            t.wait_for(r"\[Adult Safeguarding Duty Team 0\]")   # round to the first
            t.wait_for("Queue: Adult Safeguarding Duty Team")

    def open_customer(self, t, query, name):
        search(t, query)
        t.wait_for("customer.* loaded")
        t.key("Enter")
        t.wait_for("Customer reference")   # the record, not the search row
        t.wait_for(name)

    def test_repeat_caller_from_the_second_contact(self):
        """One contact an hour ago: this call is the second in 7 days."""
        start = now_utc() - datetime.timedelta(hours=1)
        self.api("POST", "/api/v1/contacts", {
            "customer_id": "4", "channel": "phone", "started_at": iso(start),
            "ended_at": iso(start + datetime.timedelta(minutes=3)), "wrap_code": "missed_bin_reported",
            "outcome": "resolved"}, status=201)
        with self.client() as t:
            login(t)
            self.open_customer(t, "mark brown", "Mark Brown")
            screen = t.wait_for("!! REPEAT CALLER: contacted 1 time in the last 7 days")
            # the warning is not contradicted by the section under it
            self.assertNotIn("No warnings", screen)
            self.assertIn("No cautionary or vulnerability flags", screen)

    def test_flags_in_words_on_every_screen(self):
        """Seán Smith-Jones: a vulnerable adult with no e-mail."""
        ref = self.api("POST", "/api/v1/cases", {"customer_id": "2", "service_code": "missed_bin",
                                                 "summary": "Grey bin missed"}, status=201)["ref"]
        with self.client() as t:
            login(t)
            self.open_customer(t, "sean smith-jones", "Smith-Jones")
            t.wait_for("!! VULNERABLE ADULT")
            t.wait_for("!  NO E-MAIL")
            t.key("c")
            t.wait_for("Channel: 1 phone")
            t.key("Enter")
            t.wait_for(r"In contact 00:0\d")
            # triage
            t.key("t")
            t.wait_for("reason|Reason|Missed bin")
            t.type("missed bin")
            t.key("Enter")
            t.wait_for("Enter: done, go on")
            t.wait_for("!! VULNERABLE ADULT")
            t.wait_for("!  NO E-MAIL \\(digitally excluded\\): offer phone, letter, face to face")
            t.key("Escape")
            t.wait_for("Mobile")
            # the case
            t.key("o")
            t.wait_for("Case %s" % ref)
            t.wait_for("!! VULNERABLE ADULT")
            t.wait_for("!  NO E-MAIL")
            t.key("q")
            t.wait_for("Mobile")
            # booking a call-back
            t.key("b")
            t.wait_for("Book a call-back for")
            t.wait_for("!! VULNERABLE ADULT . NO E-MAIL")
            t.key("Escape")
            t.wait_for("Mobile")
            # the wrap-up
            t.key("F8")
            t.wait_for("Wrap code:")
            t.wait_for("!! VULNERABLE ADULT . NO E-MAIL")

    def test_self_service_for_no_email_offers_assisted_route(self):
        with self.client() as t:
            login(t)
            self.open_customer(t, "sean smith-jones", "Smith-Jones")
            t.key("t")
            t.wait_for("reason|Reason|Missed bin")
            t.type("bulky")
            t.key("Enter")
            t.wait_for("Enter: done, go on")
            t.key("Enter")
            t.wait_for("What kind of items")
            t.key("1")
            t.wait_for("How many items")
            t.type("2")
            t.key("Enter")
            t.wait_for("book and pay online")
            t.key("y")
            t.wait_for("OUTCOME: SIGNPOST")
            t.wait_for("NO E-MAIL: do not read out a web link")
            t.wait_for("Offer an assisted route")
            self.assertNotIn("Self-service (read it out)", t.text())

    def test_hand_off_to_a_person_picked_by_name(self):
        ref = self.api("POST", "/api/v1/cases", {"customer_id": "3", "service_code": "missed_bin",
                                                 "summary": "Bin missed twice"}, status=201)["ref"]
        with self.client() as t:
            login(t)
            self.open_customer(t, "sian llewellyn", "Llewellyn")
            t.key("o")
            t.wait_for("Case %s: " % ref)      # loaded: its heading, not just the title bar
            t.key("H")
            t.wait_for("Hand off case %s" % ref)
            t.key("Tab")
            t.type("Nobody Atall")
            t.wait_for("No one by that name")
            t.key("Tab")
            t.type("Needs a supervisor")
            t.key("F2")
            t.wait_for('No one is called "Nobody Atall"')
            t.key("BTab")
            t.key("C-a", "C-k")
            t.type("a")
            t.wait_for("People who match:")
            t.wait_for(r"Sam Supervisor \(supervisor\), Contact Centre")
            t.key("F2")
            t.wait_for(r"\d+ people match \"a\": type more of the name")
            t.key("C-a", "C-k")
            t.type("Sam Supervisor")
            t.wait_for(r"To: Sam Supervisor \(supervisor\), Contact Centre")
            t.wait_for("The case stays with Waste Services: to move it to their team, type that team")
            t.key("F2")
            t.wait_for(r"Hand-off of %s to Sam Supervisor: saved\." % ref)   # not "saved in the outbox"
            t.wait_for("Assigned to +Sam Supervisor")
            # the case's status line keeps its keys whole at 80 columns
            t.wait_for(r"%s \| new \| 1 d \d\d:\d\d left \| n note  H hand off  u status  b call-back" % ref)
            t.key("End")
            screen = t.wait_for("handed off to Sam Supervisor \\(waste")
            self.assertIn("services): Needs a supervisor", screen)
        row = self.db("SELECT c.team_code, u.username FROM cases c JOIN users u ON u.id = c.assignee_id"
                      " WHERE c.ref = ?", ref)
        self.assertEqual(row, [("waste_services", "supervisor")], "the case kept its team")

    def test_open_case_for_the_service_is_offered_before_a_duplicate(self):
        """Ewa Wójcik has an open missed-bin case, raised two days ago and
        claimed by Waste Services: triaging another missed bin says so, and
        the advisor adds a note to it instead."""
        ref = self.api("POST", "/api/v1/cases", {"customer_id": "8", "service_code": "missed_bin",
                                                 "summary": "Green bin missed"}, status=201)["ref"]
        self.db("UPDATE cases SET created_at = ? WHERE ref = ?",
                iso(now_utc() - datetime.timedelta(days=2, hours=1)), ref)
        self.db("UPDATE cases SET assignee_id = (SELECT id FROM users WHERE username = 'backoffice'),"
                " status = 'in_progress' WHERE ref = ?", ref)
        with self.client() as t:
            login(t)
            self.open_customer(t, "ewa wojcik", "Wójcik")
            t.key("t")
            t.wait_for("reason|Reason|Missed bin")
            t.type("missed bin")
            t.key("Enter")
            t.wait_for("Enter: done, go on")
            t.wait_for("!! Open case %s for Missed bin collection, raised 2 days ago" % ref)
            t.wait_for("a note to it\\? \\(<C-n>\\)")
            t.key("C-n")
            t.wait_for("Add a note to case %s" % ref)
            t.type("Called again: still not collected")
            t.key("F2")
            t.wait_for("Note on %s: saved" % ref)
            t.wait_for("Enter: done, go on")   # back in the triage
        for _ in range(50):
            notes = self.db("SELECT n.body, u.username FROM case_notes n JOIN cases c ON c.id = n.case_id"
                            " JOIN users u ON u.id = n.author_id WHERE c.ref = ?", ref)
            if notes:
                break
            time.sleep(0.1)
        self.assertEqual(notes, [("Called again: still not collected", "advisor")])

    def test_article_marked_as_the_answer_goes_with_the_contact(self):
        with self.client() as t:
            login(t)
            self.open_customer(t, "amara prosser", "Amara Prosser")
            t.key("c")
            t.wait_for("Channel: 1 phone")
            t.key("Enter")
            t.wait_for(r"In contact 00:0\d")
            t.key("k")
            t.wait_for("Knowledge base:")
            t.type("collection day rules")
            t.wait_for("> Bin collection day rules")   # the one Enter will read
            t.wait_for("Enter reads the one marked")
            t.key("Enter")                            # one Enter opens it
            t.wait_for("<F4>: the answer given")
            t.key("F4")
            t.wait_for("Marked as the answer given")
            t.wait_for("ANSWER GIVEN")
            t.key("F8")
            t.wait_for("Wrap code:")
            t.type("missed bin reported")
            t.key("Enter")
            t.type("1")
            t.key("F2")
            t.wait_for(r"recorded \(contact no\.")
        rows = self.db("SELECT ca.article_id, ca.answered FROM contact_articles ca"
                       " JOIN contacts c ON c.id = ca.contact_id WHERE c.customer_id = 7")
        self.assertEqual(rows, [("bin-collection-rules", 1)])

    def test_search_rows_keep_the_address_at_80x24(self):
        with self.client() as t:
            login(t)
            search(t, "zoe o'brien")
            screen = t.wait_for("customer.* loaded")
            # 20 or more columns of the address in the row (10 before) ...
            self.assertRegex(screen, r"> Ms Zo. O'Brien .*1 Example Street, Te")
            # ... and the selected row's cut or dropped columns in full under the list
            t.wait_for("Address: 1 Example Street, Testbury . Ref: CUS0000001")

    def test_long_title_never_runs_into_the_user_name(self):
        made = self.api("POST", "/api/v1/customers", {
            "given_name": "Maximiliana-Josephine", "family_name": "Featherstonehaugh-Cholmondeley",
            "address": {"line1": "3 Sample Close", "town": "Testbury", "postcode": "FD1 9ZZ"}},
            status=201)
        with self.client() as t:
            login(t)
            search(t, "featherstonehaugh")
            t.wait_for("customer.* loaded")
            t.key("Enter")
            t.wait_for("Mobile")
            top = t.lines()[0]
            self.assertTrue(top.rstrip().endswith("Alex Advisor (advisor)"), top)
            self.assertRegex(top, r"Frontdoor . Maximiliana-Josephine Feathersto.*\u2026  +Alex Advisor")
            self.assertIn("id", made)

    def test_call_back_for_a_person_is_checked_before_booking(self):
        with self.client() as t:
            login(t)
            self.open_customer(t, "chloe smith", "Chloe Smith")
            t.key("b")
            t.wait_for("Book a call-back for")
            t.key("Tab")
            t.type("+2h")
            t.key("Tab")
            t.type("Wants the supervisor to ring")
            t.key("Tab", "Tab")
            t.type("Nobody Atall")
            t.wait_for("No one by that name|People who match")
            t.key("F2")
            t.wait_for('No one is called "Nobody Atall"')
            # a look-up the server refuses (too long) is said, and blocks the booking too
            t.key("C-a", "C-k")
            t.type("x" * 70)
            t.wait_for("The name could not be checked")
            t.key("F2")
            t.wait_for("The name could not be checked: Too long")
            t.key("C-a", "C-k")
            t.type("blake")
            t.wait_for(r"For: Blake Backoffice \(backoffice\), Waste Services")
            t.key("F2")
            t.wait_for("Call-back to .*saved")
        for _ in range(50):
            rows = self.db("SELECT u.username FROM callbacks b JOIN users u ON u.id = b.assignee_id"
                           " WHERE b.reason = 'Wants the supervisor to ring'")
            if rows:
                break
            time.sleep(0.1)
        self.assertEqual(rows, [("backoffice",)])

    def test_long_warning_is_cut_at_a_word_with_an_ellipsis(self):
        self.db("INSERT INTO customer_flags (customer_id, code, detail, since) VALUES (10,"
                " 'vulnerable_adult', 'Lives alone since a stroke; speech is slow, give time to"
                " answer and do not rush the call', '2024-01-01')")
        with self.client() as t:
            login(t)
            self.open_customer(t, "imran kelly", "Imran Kelly")
            banner = [ln for ln in t.lines() if ln.startswith("!! VULNERABLE ADULT")][0]
            self.assertTrue(banner.rstrip().endswith("\u2026"), banner)
            self.assertIn("!! VULNERABLE ADULT: Lives alone since a stroke; speech is slow", banner)

    def test_wrap_up_of_a_contact_started_from_the_search_list_has_the_warnings(self):
        with self.client() as t:
            login(t)
            search(t, "jean-luc d'souza")
            t.wait_for("customer.* loaded")
            t.key("F6")
            t.wait_for("Channel: 1 phone")
            t.key("Enter")
            t.wait_for(r"In contact 00:0\d")
            t.key("F8")
            t.wait_for("Wrap code:")
            t.wait_for("!! NO E-MAIL")


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
