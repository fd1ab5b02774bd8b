#!/usr/bin/env python3
"""Issue 9 (triage and outcomes, seen at 80x24 in the real client against a
real frontdoord): a triage is never recorded on another customer's contact;
a call-back is due when the customer was told, not "now"; the number typed
at the outcome is checked there; the safeguarding case shows the action
taken in full."""
import os
import re
import subprocess
import sys
import tempfile
import unittest
from datetime import datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import CLIENT, ROOT, TuiCase, login, runner, search  # noqa: E402
from contactkit import db_rows  # noqa: E402
from test_triage import open_zoe  # noqa: E402
from test_outcomes import answer, start_contact  # noqa: E402
from test_triage import pick_reason  # noqa: E402


class TriageContactTui(TuiCase):
    customers = 100

    def other_customer(self):
        """A customer who is not Zoe: (ref, given name, family name)."""
        return db_rows(self.srv, "SELECT customer_ref, given_name, family_name FROM customers"
                                 " WHERE family_name NOT LIKE '%Brien' ORDER BY id LIMIT 1")[0]

    def test_triage_for_another_customer_is_refused_during_a_contact(self):
        ref, given, family = self.other_customer()
        with self.client() as t:
            login(t)
            open_zoe(t)
            start_contact(t)
            t.key("/")
            search(t, ref)
            t.wait_for("customer.* loaded")
            t.key("Enter")
            t.wait_for(re.escape(ref) + ".*" + re.escape(family) + "|" + re.escape(family) + ".*" +
                       re.escape(ref))
            t.key("t")
            screen = t.wait_for(r"<F8>\S* ends Ms Zo. O'Brien's contact first: a triage is recorded on it\.")
            self.assertNotIn("Reason for the call:", screen)

    def test_callback_is_due_when_the_customer_was_told_and_its_number_checked(self):
        with self.client() as t:
            login(t)
            open_zoe(t)
            pick_reason(t, "council tax arrears", "Council tax payment difficulty")
            answer(t, [], "Thank you for calling us about this")
            answer(t, ["Enter"], "in crisis")
            answer(t, ["n"], "what recovery stage")
            answer(t, ["1"], "low income")
            answer(t, ["n"], "other bills or debts")
            answer(t, ["n"], "how much is owed")
            answer(t, ["T:2000", "Enter"], "Which phone number should the recovery officer call")
            # The server's rule, on the triage screen: "20" is no number to ring.
            screen = answer(t, ["T:20", "Enter"], r"not a phone number we can ring")
            self.assertIn("Which phone number should the recovery officer call", screen)
            self.assertNotIn("OUTCOME: CALL-BACK", screen)
            answer(t, ["T:07700 900321", "Enter"], "OUTCOME: CALL-BACK")
            t.key("Enter")
            screen = t.wait_for(r"due\s+within\s+2\s+working\s+days\s+\([^)]*\):\s+reference\s+"
                                r"call-back\s+\d+")
            self.assertNotIn("due now", screen)
        rows = db_rows(self.srv, "SELECT due_at, created_at FROM callbacks WHERE phone LIKE '%900321%'")
        self.assertEqual(len(rows), 1, rows)
        due, created = (datetime.strptime(v, "%Y-%m-%dT%H:%M:%SZ") for v in rows[0])
        hours = (due - created).total_seconds() / 3600
        # Two working days from any day: 2 to 4 days on, give or take a clock change.
        self.assertTrue(47 <= hours <= 97, (due, created))

    def test_safeguarding_case_shows_the_action_taken_in_full(self):
        summary = "Safeguarding concern. Action taken: Duty team did not answer, referral raised"
        sup = self.srv.login("supervisor")
        status, _, case = self.srv.request("POST", "/api/v1/cases", token=sup, body={
            "customer_id": "1", "service_code": "adult_safeguarding", "summary": summary,
            "priority": "urgent"})
        self.assertEqual(status, 201, case)
        ref = case["ref"]
        with self.client() as t:
            login(t)
            search(t, ref)
            # The title wraps at 80 columns: the action is read in full.
            screen = t.wait_for(r"Case %s: Safeguarding concern\. Action taken: Duty team did not\s+"
                                r"answer, referral raised" % ref)
            self.assertIn("Priority", screen)
            t.key("End")
            screen = t.wait_for(r"created:\s+Safeguarding\s+concern\.\s+Action\s+taken:\s+Duty\s+team\s+"
                                r"did\s+not\s+answer,\s+referral\s+raised")
            self.assertIn("Timeline", screen)


class CallbackPromiseCheck(unittest.TestCase):
    """`frontdoor script check` judges the call-back promise an outcome carries."""

    def check_with(self, code):
        with open(os.path.join(ROOT, "config", "scripts", "bulky-waste.json")) as f:
            text = f.read().replace('"code": "2wd"', '"code": "%s"' % code)
        with tempfile.NamedTemporaryFile("w", suffix=".json") as f:
            f.write(text)
            f.flush()
            return subprocess.run([CLIENT, "script", "check", f.name], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)

    def test_promise_is_checked(self):
        self.assertEqual(self.check_with("2wd").returncode, 0)
        self.assertEqual(self.check_with("4h").returncode, 0)
        p = self.check_with("soon")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("urn:frontdoor:callback-within 'soon' is not like 2wd", p.stdout + p.stderr)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
