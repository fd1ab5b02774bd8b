#!/usr/bin/env python3
"""Issue 9 (triage and outcomes, seen at 80x24 in the real client against a
real frontdoord): a triage is never recorded on another customer's contact;
a call-back is due when the customer was told, not "now"; the number typed
at the outcome is checked there; the safeguarding case shows the action
taken in full."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import TuiCase, login, runner, search  # noqa: E402
from contactkit import db_rows  # noqa: E402
from test_triage import open_zoe  # noqa: E402
from test_outcomes import start_contact  # noqa: E402


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


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
