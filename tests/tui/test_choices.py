#!/usr/bin/env python3
"""No silent choices, no invented values (issue 9.4), in the real client at
80x24 against a real frontdoord: a type-to-filter field takes a value only
when the advisor has seen it chosen; resolving a case asks what was done;
a case raised by hand has no default service and carries the contact's
triage; the most-used wrap codes keep their number keys for the shift; a
conflict merge saves whole values and shows the record it will save."""
import datetime
import os
import re
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import TuiCase, login, runner, search  # noqa: E402
from contactkit import SamePortServer  # noqa: E402


def soon_utc(minutes=5):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=minutes)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class ChoicesTest(TuiCase):
    customers = 100

    def db(self, sql, *args):
        with sqlite3.connect(self.srv.db_path) as c:
            return c.execute(sql, args).fetchall()

    def claim_callback(self, t, reason):
        """Claims from the Contact Centre queue until the call-back comes up."""
        t.key("M-w")
        t.wait_for("Queue: Contact Centre")
        t.wait_for("CALL-BACK")
        for _ in range(30):
            t.key("c")
            t.wait_for(r"Complete a call-back|Nothing to claim")
            if reason in t.wait_for("Ring "):
                return
            t.key("Escape")
            t.wait_for("Queue: Contact Centre")
        self.fail("the call-back never came up")

    def test_callback_wrap_code_is_chosen_not_guessed(self):
        """"safeg" then Enter used to save asc_safeguarding_immediate, the
        first of the matches (four, the whole Safeguarding topic), never
        shown as chosen."""
        reason = "Pick test call-back"
        tok = self.srv.login("advisor")
        st, _, cb = self.srv.request("POST", "/api/v1/callbacks", {
            "phone": "07700 900123", "due_at": soon_utc(0), "reason": reason,
            "team_code": "contact_centre"}, token=tok)
        self.assertIn(st, (200, 201), cb)
        with self.client() as t:
            login(t)
            self.claim_callback(t, reason)
            t.type("safeg")
            t.key("Enter")
            screen = t.wait_for(r"4 match: pick one(.|\n)*4 match: Up/Down and Enter choose")
            self.assertRegex(screen, r"> Safeguarding › Safeguarding - immediate")
            self.assertRegex(screen, r"  Safeguarding › Safeguarding concern raised")
            t.key("F2")                       # nothing is sent unchosen
            t.wait_for(r"4 match")
            self.assertEqual(self.db("SELECT status FROM callbacks WHERE reason = ?", reason),
                             [("pending",)])
            t.key("Down")
            t.wait_for(r"> Safeguarding › Safeguarding concern raised")
            t.key("Enter")
            t.wait_for(r"Safeguarding concern raised +\(chosen\)")
            t.key("F2")
            t.wait_for(r"Call-back \d+ completed.*saved")
        for _ in range(100):
            row = self.db("SELECT c.wrap_code FROM callbacks b JOIN contacts c ON c.id = b.contact_id"
                          " WHERE b.reason = ?", reason)
            if row:
                break
            import time
            time.sleep(0.1)
        self.assertEqual(row, [("asc_safeguarding_concern",)])

    def test_chosen_value_keeps_its_first_letter(self):
        """A chosen label exactly as wide as the field (40 columns) showed
        as "ouncil tax › Payment arrangement agreed": the field scrolled to
        keep the cursor after it in view (issue 9)."""
        reason = "First letter call-back"
        tok = self.srv.login("advisor")
        st, _, cb = self.srv.request("POST", "/api/v1/callbacks", {
            "phone": "07700 900124", "due_at": soon_utc(0), "reason": reason,
            "team_code": "contact_centre"}, token=tok)
        self.assertIn(st, (200, 201), cb)
        with self.client() as t:
            login(t)
            self.claim_callback(t, reason)
            t.type("payment arrangement agreed")
            t.key("Enter")
            screen = t.wait_for(r"\(chosen\)")
            self.assertRegex(screen, r"Council tax › Payment arrangement agreed +\(chosen\)")
            t.wait_for(r"> Outcome")
            t.key("Up")                      # back on the field: still whole
            screen = t.wait_for(r"> Wrap code")
            self.assertRegex(screen, r"Council tax › Payment arrangement agreed +\(chosen\)")



class RaiseCaseTest(TuiCase):
    customers = 100

    def db(self, sql, *args):
        with sqlite3.connect(self.srv.db_path) as c:
            return c.execute(sql, args).fetchall()

    def test_raise_by_hand_has_no_default_service(self):
        """C used to default the service to Missed bin."""
        with self.client() as t:
            login(t)
            search(t, "zoe o'brien")
            t.wait_for("customer.* loaded")
            t.key("Enter")
            t.wait_for("!! CAUTIONARY CONTACT")
            t.key("C")
            screen = t.wait_for(r"> Service \*")
            t.settle()
            self.assertNotIn("Missed bin", t.text())
            t.key("Tab")
            t.type("Wants a call about the tip")
            t.key("F2")                           # no service chosen: not sent
            t.wait_for(r"Service is needed")
            self.assertEqual(self.db("SELECT COUNT(*) FROM cases WHERE summary = ?",
                                     "Wants a call about the tip"), [(0,)])

    def test_raise_by_hand_takes_the_contacts_triage(self):
        """The latest triage on the contact goes with a case raised by hand,
        under the triage's service, and what the customer was told is read
        back once it lands."""
        with self.client() as t:
            login(t)
            search(t, "zoe o'brien")
            t.wait_for("customer.* loaded")
            t.key("Enter")
            t.wait_for("!! CAUTIONARY CONTACT")
            t.key("c")
            t.wait_for("Channel: 1 phone")
            t.key("Enter")
            t.wait_for(r"In contact 00:")
            t.key("t")
            t.wait_for("Reason for the call:")
            t.type("general enquiry")
            t.wait_for("> General enquiry")
            t.key("Enter")
            t.wait_for("What does the customer want to know")
            t.type("When the tip opens")
            t.key("Enter")
            t.wait_for("What kind of enquiry is it")
            t.key("4")
            t.wait_for("complaint")
            t.key("Enter")
            t.wait_for("CAUTIONARY CONTACT")
            t.key("C")
            t.wait_for(r"General enquiry +\(chosen\)")
            t.wait_for(r"The triage goes with it: general-enquiry")
            t.key("Tab")
            t.type("Complaint about the tip")
            t.key("Tab", "Tab")
            t.type("A manager will ring within 5 days")
            t.key("F2")
            t.wait_for(r"Read the reference to the customer: FD-")
            t.wait_for(r"They were told: A manager will ring within 5 days")
            t.key("Enter")
            t.wait_for(r"Case FD-\d\d-\d+: Complaint about the tip")
            seen = ""
            for _ in range(6):                    # the answers are further down
                seen += t.settle()
                if "When the tip opens" in seen:
                    break
                t.key("PageDown")
            self.assertIn("When the tip opens", seen)
            self.assertNotIn("No triage was recorded", seen)
        row = self.db("SELECT service_code, triage_response IS NOT NULL, next_steps FROM cases"
                      " WHERE summary = 'Complaint about the tip'")
        self.assertEqual(row, [("general_enquiry", 1, "A manager will ring within 5 days")])


class HandoffTeamTest(TuiCase):
    """The hand-off "To team" field is a pick field: it used to send the
    only team a prefix matched ("high": highways) without showing it."""
    server_class = SamePortServer
    customers = 50

    def db(self, sql, *args):
        with sqlite3.connect(self.srv.db_path) as c:
            return c.execute(sql, args).fetchall()

    def new_case(self):
        tok = self.srv.login("advisor")
        st, _, case = self.srv.request("POST", "/api/v1/cases", {
            "customer_id": "3", "service_code": "missed_bin", "summary": "Hand-off pick"}, token=tok)
        self.assertEqual(st, 201, case)
        return case["ref"]

    def open_handoff(self, t, ref):
        login(t)
        search(t, ref)
        t.wait_for("Case %s: " % ref)        # loaded: its heading, not just the title bar
        t.key("H")
        t.wait_for("Hand off case %s" % ref)

    def handoffs(self, ref, timeout=30):
        """The team of each hand-off of ref, once one has landed."""
        deadline = time.time() + timeout
        while True:
            rows = self.db("SELECT c.team_code FROM case_events e JOIN cases c ON c.id = e.case_id"
                           " WHERE c.ref = ? AND e.kind = 'handoff'", ref)
            if rows or time.time() > deadline:
                return rows
            time.sleep(0.1)

    def test_team_is_chosen_not_guessed(self):
        ref = self.new_case()
        with self.client() as t:
            self.open_handoff(t, ref)
            t.type("serv")                       # three teams match
            t.wait_for(r"Waste Services \(waste_services\)")
            t.key("Enter")
            screen = t.wait_for(r"3 match: pick one(.|\n)*3 match: Up/Down and Enter choose")
            self.assertRegex(screen, r"> (Waste|Parking|Customer) Serv")
            t.key("F2")                          # nothing is sent unchosen
            t.wait_for(r"3 match: pick one")
            t.key("Escape")                      # back to typing
            t.wait_gone(r"Up/Down and Enter choose")
            t.key("C-a", "C-k")
            t.type("high")                       # one match: shown, not sent
            t.key("Tab", "Tab")
            t.type("Pothole on a bus route")
            t.key("F2")
            t.wait_for(r"Highways +\(chosen\)")
            self.assertNotIn("saved", t.text())
            t.key("F2")
            t.wait_for(r"Hand-off of %s to highways: saved\." % ref)   # not "saved in the outbox"
        self.assertEqual(self.handoffs(ref), [("highways",)])

    def test_team_while_the_server_is_down(self):
        """No list: the exact code typed goes as typed, marked not checked,
        and is delivered once the server is back."""
        ref = self.new_case()
        with self.client() as t:
            self.open_handoff(t, ref)
            t.wait_for(r"highways, parking")
            t.key("Escape")
            t.wait_gone("Hand off case")
            self.srv.stop_now()
            try:
                t.key("H")
                t.wait_for("Teams: no list \\(server not reached\\)")
                t.type("parking")
                t.key("Enter")
                t.wait_for(r"parking +\(not checked\)")
                t.wait_for("not checked: sent as typed")
                t.key("Tab")
                t.type("Permit query")
                t.key("F2")
                t.wait_for("Hand-off of %s to parking: saved in the outbox" % ref)
            finally:
                self.srv.start_again()
            self.assertEqual(self.handoffs(ref), [("parking",)])


class ResolveTest(TuiCase):
    customers = 50

    def db(self, sql, *args):
        with sqlite3.connect(self.srv.db_path) as c:
            return c.execute(sql, args).fetchall()

    def test_resolving_a_case_asks_what_was_done(self):
        """u 3 used to resolve at once, with nothing said about what was done."""
        tok = self.srv.login("supervisor")
        st, _, case = self.srv.request("POST", "/api/v1/cases", {
            "customer_id": "3", "service_code": "missed_bin", "summary": "Resolve test",
            "priority": "normal"}, token=tok)
        self.assertEqual(st, 201, case)
        ref = case["ref"]
        with self.client() as t:
            login(t, "backoffice")                # waste services' case: their team's to resolve
            t.type(ref)
            t.key("Enter")
            t.wait_for(r"Case %s: Resolve test" % ref)
            t.key("u")
            t.wait_for("Status: 1 in progress")
            t.key("3")
            t.wait_for(r"Resolve case %s: what was done\?" % ref)
            t.key("Enter")                        # blank is refused
            t.wait_for("Say what was done to resolve it")
            self.assertEqual(self.db("SELECT status FROM cases WHERE ref = ?", ref), [("new",)])
            t.type("Crew went back, bin emptied")
            t.key("Enter")
            t.wait_for(r"\| resolved \|")
            seen = ""
            for _ in range(6):                    # the timeline is at the end
                seen += t.settle()
                if "resolved: Crew went back" in seen:
                    break
                t.key("PageDown")
            # (the timeline wraps where the name's length puts it)
            self.assertRegex(seen, "status: new \u2192 resolved: Crew went back,\\s+bin")
        ev = self.db("SELECT e.detail FROM case_events e JOIN cases c ON c.id = e.case_id"
                     " WHERE c.ref = ? AND e.kind = 'status'", ref)
        self.assertIn("Crew went back, bin emptied", ev[-1][0])

class CaseRightsTest(TuiCase):
    customers = 20

    def db(self, sql, *args):
        with sqlite3.connect(self.srv.db_path) as c:
            return c.execute(sql, args).fetchall()

    def test_status_is_refused_before_the_note_is_typed(self):
        """An advisor outside the case's team typed the resolution note,
        then the outbox refused it in raw words naming waste_services
        (issue 9): the client applies the server's rule first."""
        tok = self.srv.login("supervisor")
        st, _, case = self.srv.request("POST", "/api/v1/cases", {
            "customer_id": "3", "service_code": "missed_bin", "summary": "Rights test",
            "priority": "normal"}, token=tok)
        self.assertEqual(st, 201, case)
        ref = case["ref"]
        with self.client() as t:
            login(t)                              # advisor: Contact Centre only
            t.type(ref)
            t.key("Enter")
            t.wait_for(r"Case %s: Rights test" % ref)
            # said on the case before u is pressed
            t.wait_for(r"Status +new \(only the Waste Services team or a supervisor may\s+change it\)")
            t.key("u")
            screen = t.wait_for("Only the Waste Services team or a supervisor may change it.")
            self.assertNotIn("Status: 1 in progress", screen)
            self.assertNotIn("waste_services", screen)
            t.key("3")                            # no question is open to answer
            self.assertNotIn("what was done", t.settle())

    def test_outbox_refusal_names_the_team_and_fits(self):
        """The outbox's refusal came on the message line in raw words cut at
        80 columns ("This case belongs to the waste_servi…"): now the line
        says where to read it, and the outbox shows it whole, by team name."""
        tok = self.srv.login("supervisor")
        st, _, case = self.srv.request("POST", "/api/v1/cases", {
            "service_code": "missed_bin", "summary": "Refusal test", "priority": "normal"},
            token=tok)
        self.assertEqual(st, 201, case)
        ref = case["ref"]
        with self.client() as t:
            login(t)                              # advisor: not Waste Services
            t.type(ref)
            t.key("Enter")
            t.wait_for(r"Case %s: Refusal test" % ref)
            t.key("n")
            t.wait_for("Add a note to case %s" % ref)
            t.type("Caller rang about it")
            t.key("F2")
            screen = t.wait_for("refused, kept in the outbox: see Alt-u")
            t.key("M-u")
            screen = t.wait_for(r"The server refused it \(HTTP 403\)(.|\n)*Waste Services(.|\n)*"
                                r"supervisor may add\s+notes to it\.")
            self.assertNotIn("waste_services", screen)
            for line in screen.splitlines():
                self.assertLessEqual(len(line), 80)

    def test_callback_form_names_the_team(self):
        """The call-back booking form showed "For team waste_services"
        (issue 9): it shows the team's name and still books for its code."""
        tok = self.srv.login("supervisor")
        st, _, case = self.srv.request("POST", "/api/v1/cases", {
            "customer_id": "3", "service_code": "missed_bin", "summary": "Team name test",
            "priority": "normal"}, token=tok)
        self.assertEqual(st, 201, case)
        ref = case["ref"]
        with self.client() as t:
            login(t)
            t.type(ref)
            t.key("Enter")
            t.wait_for(r"Case %s: Team name test" % ref)
            t.key("b")
            screen = t.wait_for(r"For team +Waste Services +\(chosen\)")
            self.assertNotIn("waste_services", screen)
            t.key("Tab")
            t.type("+2h")
            t.key("Tab")
            t.type("Team name test call")
            t.key("F2")
            t.wait_for("Call-back to .*saved")
        for _ in range(100):
            rows = self.db("SELECT team_code FROM callbacks WHERE reason = ?", "Team name test call")
            if rows:
                break
            time.sleep(0.1)
        self.assertEqual(rows, [("waste_services",)])

class ShiftKeysTest(TuiCase):
    customers = 50

    def wrapup_keys(self, t):
        t.key("F6")
        t.wait_for("Channel: 1 phone")
        t.key("Enter")
        t.wait_for("In contact 00:")
        t.key("F8")
        return t.wait_for("Most used: .*\n")

    def test_most_used_keys_fixed_for_the_shift(self):
        """The number keys used to follow the counts contact by contact: 1
        was Missed bin, two calls later Chasing."""
        from contactkit import record_anonymous
        state = os.path.join(self.home.state, "frontdoor")
        os.makedirs(state, mode=0o700, exist_ok=True)
        with open(os.path.join(state, "wrap-usage-advisor.json"), "w") as f:
            f.write('{"missed_bin_reported": 1}')
        with self.client() as t:
            login(t)
            record_anonymous(t, "chasing a missed bin", "2")
            record_anonymous(t, "chasing a missed bin", "2")
            screen = self.wrapup_keys(t)
            self.assertRegex(screen, r"Most used: +1 Missed bin reported +2 Chasing a missed bin")
            t.type("2")                           # 2 is still Chasing
            t.wait_for("Wrap code: Bins and recycling . Chasing a missed bin")
            t.type("2")
            t.key("F2")
            t.wait_for("Find a customer:")
            # The next shift (sign-in) ranks them again: Chasing is used most.
            t.key("M-o")
            login(t)
            screen = self.wrapup_keys(t)
            self.assertRegex(screen, r"Most used: +1 Chasing a missed bin +2 Missed bin reported")

    def test_safeguarding_codes_stay_out_of_an_ordinary_wrapup(self):
        """After one safeguarding contact key 1 became "Safeguarding -
        immediate risk of harm", and an ordinary contact could be wrapped
        up with it: safeguarding recorded, no duty case raised (issue 9)."""
        state = os.path.join(self.home.state, "frontdoor")
        os.makedirs(state, mode=0o700, exist_ok=True)
        with open(os.path.join(state, "wrap-usage-advisor.json"), "w") as f:
            f.write('{"asc_safeguarding_immediate": 3, "missed_bin_reported": 1}')
        with self.client() as t:
            login(t)
            screen = self.wrapup_keys(t)
            self.assertRegex(screen, r"Most used: +1 Missed bin reported")
            self.assertNotIn("Safeguarding", screen)
            t.type("safeguarding")
            screen = t.wait_for(r"Safeguarding is recorded through a triage's safeguarding(.|\n)*"
                                r"urgent duty case(.|\n)*safety questions")
            self.assertNotIn("›", screen.split("Filter:")[1].split("Safeguarding is")[0])
            t.key("Enter")                        # nothing to choose
            t.wait_for(r"Wrap code: \(none chosen")
            for line in t.text().splitlines():
                self.assertLessEqual(len(line), 80)

if __name__ == "__main__":
    sys.exit(runner.main(__name__))
