#!/usr/bin/env python3
"""Issue 9.1 and 9.2 in the real client, in tmux at 80x24, against a real
frontdoord: an unconfirmed safeguarding outcome cannot be left by any key
(F8, Esc, q, Q, F10, sign-out, a new contact) nor by a hand-off arriving;
the lock covers it and returns to it; the action taken is chosen from a
list; the urgent duty case lands at the head of the duty team's queue when
the duty team did not answer (on the back office's queue screen too), and
the wrap-up offers only safeguarding codes. Case, transfer and call-back outcomes create their record through
the outbox and show its reference; with the server down the screen says
"reference to follow", the call can be finished, and everything arrives
once the server is back."""
import json
import os
import signal
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import Home, Tui, TuiCase, login, runner  # noqa: E402
from contactkit import SamePortServer, client_pid, db_rows, fast_retries, wait_count  # noqa: E402


def db_write(srv, sql, *args):
    con = sqlite3.connect(srv.db_path, timeout=10)
    try:
        con.execute(sql, args)
        con.commit()
    finally:
        con.close()
from test_triage import open_zoe, pick_reason  # noqa: E402

HELD = "Safeguarding: choose the action taken first"


def start_contact(t):
    t.key("c")
    t.wait_for("Channel: 1 phone")
    t.key("Enter")
    t.wait_for(r"In contact 00:")


def reach_abuse_concern(t):
    pick_reason(t, "adult care", "Adult social care referral")
    t.wait_for("about safety - we ask everyone")
    t.key("Enter")
    t.wait_for("Who is calling\\?")
    t.key("2")
    t.wait_for("at risk of serious harm right now")
    t.key("n")
    t.wait_for("Is anyone hurting, frightening")
    t.key("y")
    return t.wait_for("Action taken \\(choose one")


def answer(t, keys, wait):
    for k in keys:
        if k.startswith("T:"):
            t.type(k[2:])
        else:
            t.key(k)
    return t.wait_for(wait)


class OutcomesTui(TuiCase):
    customers = 100

    def still_held(self, t, key):
        t.key("C-l")              # a redraw: allowed, and it clears the message line
        t.wait_gone(HELD)
        t.key(key)
        if key == "Escape":
            time.sleep(0.2)       # past ESCDELAY, or Esc z would arrive as Alt-z
        t.type("z")               # processed after key, and still refused: nothing moved
        screen = t.wait_for(HELD)
        self.assertIn(HELD, screen, "after %s" % key)
        self.assertIn("!! SAFEGUARDING: FOLLOW THIS PROCEDURE NOW !!", screen, "after %s" % key)
        self.assertIn("Action taken (choose one", screen, "after %s" % key)
        for gone in ("After-contact work", "y/n", "Sign in to Frontdoor", "Channel: 1 phone"):
            self.assertNotIn(gone, screen, "after %s" % key)

    def hand_case_to_advisor(self):
        sup = self.srv.login("supervisor")
        status, _, case = self.srv.request("POST", "/api/v1/cases", token=sup, body={
            "customer_id": "2", "service_code": "missed_bin", "summary": "Handed over mid-call"})
        self.assertEqual(status, 201, case)
        status, _, body = self.srv.request("POST", "/api/v1/cases/%s/handoff" % case["ref"], token=sup,
                                           body={"assignee": "advisor", "reason": "Cover",
                                                 "note": "Please call the customer"})
        self.assertEqual(status, 200, body)
        return case["ref"]

    def test_nothing_leaves_an_unconfirmed_safeguarding_outcome(self):
        with self.client() as t:
            login(t)
            open_zoe(t)
            start_contact(t)
            screen = reach_abuse_concern(t)
            for line in ("1  Transferred to the duty team", "2  Duty team did not answer, referral raised",
                         "3  999 called", "4  Other (type what you did)"):
                self.assertIn(line, screen)
            for key in ("F8", "M-e", "Escape", "q", "Q", "F10", "M-o", "F6", "c", "Enter"):
                self.still_held(t, key)
            # A hand-off arriving does not open over it either.
            ref = self.hand_case_to_advisor()
            t.wait_for("handed you case %s" % ref, timeout=20)
            self.assertIn("Action taken (choose one", t.text())
            # Help covers it and comes back to it.
            t.key("F1")
            t.wait_for("Help: keys for Triage")
            t.key("q")
            t.wait_for("Action taken \\(choose one")
            # The lock covers it and comes back to it.
            t.key("M-l")
            t.wait_for("Frontdoor is locked")
            self.assertNotIn("SAFEGUARDING", t.text())
            t.type("demo")
            t.key("Enter")
            t.wait_for("Action taken \\(choose one")
            # Chosen from the list: nobody answered at the duty team.
            t.key("2")
            t.wait_for("!! Action taken recorded: Duty team did not answer, referral raised")
            t.key("Enter")
            screen = t.wait_for(r"Urgent case in the Adult Safeguarding Duty Team queue:\s+reference FD-")
            case_ref = next(w for w in screen.split() if w.startswith("FD-"))
            # The wrap-up offers safeguarding codes only.
            t.key("F8")
            t.wait_for("After-contact work")
            screen = t.wait_for("Children's safeguarding concern raised")
            listed = [ln.strip(" *") for ln in screen.splitlines() if "›" in ln and
                      "Wrap code:" not in ln]
            self.assertEqual(listed, ["Safeguarding › Safeguarding - immediate risk of harm",
                                      "Safeguarding › Safeguarding concern raised",
                                      "Safeguarding › Customer in crisis - welfare procedure followed",
                                      "Safeguarding › Children's safeguarding concern raised"])
        rows = db_rows(self.srv, "SELECT priority, team_code, queue_first, triage_response FROM cases"
                                 " WHERE ref = ?", (case_ref,))
        self.assertEqual(rows[0][:3], ("urgent", "adult_safeguarding_duty", 1))
        qr = json.loads(rows[0][3])
        self.assertIn({"url": "urn:frontdoor:safeguarding-action", "valueCode": "duty_no_answer"},
                      qr["extension"])
        self.assertTrue(any(i["linkId"] == "abuse-signs" for i in qr["item"]), "the answers go with it")
        # The head of the duty team's queue, before an older urgent case past its SLA.
        sup = self.srv.login("supervisor")
        status, _, older = self.srv.request("POST", "/api/v1/cases", token=sup, body={
            "service_code": "adult_safeguarding", "summary": "Older concern", "priority": "urgent"})
        self.assertEqual(status, 201, older)
        db_write(self.srv, "UPDATE cases SET due_at = '2000-01-01T00:00:00Z' WHERE ref = ?", older["ref"])
        home = Home()
        try:
            with Tui(120, 30, ["--server", self.srv.url], home) as t:
                login(t, "backoffice")
                t.key("F9")
                t.wait_for("Queue: ")
                for _ in range(20):
                    if "Queue: Adult Safeguarding Duty Team" in t.text():
                        break
                    t.key("Tab")
                    t.settle(0.3)
                screen = t.wait_for("Queue: Adult Safeguarding Duty Team")
                screen = t.wait_for(older["ref"])
                refs = [w for w in screen.split() if w.startswith("FD-")]
                self.assertEqual(refs[:2], [case_ref, older["ref"]], screen)
        finally:
            home.cleanup()

    def test_the_script_reopens_from_the_contact_after_a_crash(self):
        """The script is kept with a contact that reached safeguarding, so the
        outcome reopens after a crash even when the server cannot give that
        script back (here: the draft names a version the server never had)."""
        with self.client() as t:
            login(t)
            open_zoe(t)
            start_contact(t)
            reach_abuse_concern(t)
            os.kill(client_pid(t), signal.SIGKILL)
            t.wait_dead()
        drafts = [os.path.join(d, f) for d, _, files in os.walk(self.home.state)
                  for f in files if f.endswith("-contact.json")]
        self.assertEqual(len(drafts), 1, drafts)
        with open(drafts[0]) as f:
            draft = json.load(f)
        self.assertEqual(draft["script"]["resourceType"], "Questionnaire")
        draft["triage"]["script_version"] = "999"
        with open(drafts[0], "w") as f:
            json.dump(draft, f)
        with self.client() as t:
            t.wait_for("Sign in to Frontdoor")
            t.type("advisor")
            t.key("Enter")
            t.type("demo")
            t.key("Enter")
            t.wait_for("Action taken \\(choose one")
            t.key("1")
            t.wait_for("!! Action taken recorded: Transferred to the duty team")
            t.key("Enter")
            t.wait_for(r"Urgent case in the Adult Safeguarding Duty Team queue:\s+reference FD-")

    def test_stopped_at_an_unconfirmed_outcome_the_action_and_urgent_case_come_first(self):
        """Frontdoor killed before the action was chosen: at the next sign-in
        the action list comes first (not the wrap-up); "duty team did not
        answer" raises the urgent case through the outbox at the head of the
        duty team's queue, with the answers and the action; then the wrap-up
        offers the safeguarding codes only."""
        duty = "SELECT COUNT(*) FROM cases WHERE team_code = 'adult_safeguarding_duty'"
        before = db_rows(self.srv, duty)[0][0]
        with self.client() as t:
            login(t)
            open_zoe(t)
            start_contact(t)
            reach_abuse_concern(t)
            os.kill(client_pid(t), signal.SIGKILL)
            t.wait_dead()
        self.assertEqual(db_rows(self.srv, duty)[0][0], before, "nothing was raised before the crash")
        # An older urgent case past its SLA: the new one must still go before it.
        sup = self.srv.login("supervisor")
        status, _, older = self.srv.request("POST", "/api/v1/cases", token=sup, body={
            "service_code": "adult_safeguarding", "summary": "Older concern", "priority": "urgent"})
        self.assertEqual(status, 201, older)
        db_write(self.srv, "UPDATE cases SET due_at = '2000-01-01T00:00:00Z' WHERE ref = ?", older["ref"])
        with self.client() as t:
            t.wait_for("Sign in to Frontdoor")   # not login(): the safeguarding outcome opens, not the search
            t.type("advisor")
            t.key("Enter")
            t.type("demo")
            t.key("Enter")
            screen = t.wait_for("Action taken \\(choose one")
            self.assertIn("!! SAFEGUARDING: FOLLOW THIS PROCEDURE NOW !!", screen)
            self.assertNotIn("Wrap code:", screen, "the action taken comes before the wrap-up")
            t.wait_for(r"Team:\s+Adult Safeguarding Duty Team")   # the duty team, by name
            t.key("C-l")                         # clears the message line
            t.wait_gone("Frontdoor stopped at a safeguarding outcome")
            t.key("F8")                          # ending the contact does not get past it
            t.type("z")
            screen = t.wait_for(HELD)
            self.assertIn("Action taken (choose one", screen)
            self.assertNotIn("Wrap code:", screen)
            t.key("2")
            t.wait_for("!! Action taken recorded: Duty team did not answer, referral raised")
            t.key("Enter")
            screen = t.wait_for(r"Urgent case in the Adult Safeguarding Duty Team queue:\s+reference FD-")
            case_ref = next(w for w in screen.split() if w.startswith("FD-"))
            t.key("Enter")                       # closes the finished triage: the wrap-up is under it
            screen = t.wait_for("Children's safeguarding concern raised")
            self.assertIn("After-contact work", screen)
            listed = [ln.strip(" *") for ln in screen.splitlines() if "\u203a" in ln and
                      "Wrap code:" not in ln]
            self.assertEqual(listed, ["Safeguarding \u203a Safeguarding - immediate risk of harm",
                                      "Safeguarding \u203a Safeguarding concern raised",
                                      "Safeguarding \u203a Customer in crisis - welfare procedure followed",
                                      "Safeguarding \u203a Children's safeguarding concern raised"])
        rows = db_rows(self.srv, "SELECT priority, team_code, queue_first, triage_response, customer_id"
                                 " FROM cases WHERE ref = ?", (case_ref,))
        self.assertEqual(rows[0][:3], ("urgent", "adult_safeguarding_duty", 1))
        self.assertIsNotNone(rows[0][4], "the case is the caller's")
        qr = json.loads(rows[0][3])
        self.assertIn({"url": "urn:frontdoor:safeguarding-action", "valueCode": "duty_no_answer"},
                      qr["extension"])
        self.assertTrue(any(i["linkId"] == "abuse-signs" for i in qr["item"]), "the answers go with it")
        status, _, queue = self.srv.request("GET", "/api/v1/queues/adult_safeguarding_duty/items",
                                            token=sup)
        self.assertEqual(status, 200, queue)
        refs = [it.get("ref") for it in queue["items"]]
        self.assertIn(case_ref, refs)
        self.assertLess(refs.index(case_ref), refs.index(older["ref"]), "before the older past-SLA case")
        # At the head: only earlier unanswered concerns (other tests') go before it.
        for ref in refs[:refs.index(case_ref)]:
            self.assertEqual(db_rows(self.srv, "SELECT queue_first FROM cases WHERE ref = ?", (ref,))[0][0],
                             1, "%s before %s" % (ref, case_ref))

    # ---- outcomes that create records --------------------------------------

    def test_transfer_creates_a_case_for_the_team(self):
        with self.client() as t:
            login(t)
            open_zoe(t)
            pick_reason(t, "pothole", "Pothole or highway defect")
            answer(t, [], "Whose road is it")
            answer(t, ["1"], "Is it dangerous right now")
            answer(t, ["y"], "OUTCOME: TRANSFER")
            t.key("Enter")
            t.wait_for(r"Case handed to Highways \(Pothole or highway defect\):\s+reference FD-")
        rows = db_rows(self.srv, "SELECT team_code, summary, triage_response FROM cases"
                                 " WHERE summary LIKE '%transferred%' ORDER BY id DESC LIMIT 1")
        self.assertEqual(rows[0][0], "highways")
        self.assertIn("danger-now", rows[0][2])

    def test_callback_is_booked_with_the_number_given(self):
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
            answer(t, ["T:07700 900456", "Enter"], "OUTCOME: CALL-BACK")
            t.key("Enter")
            t.wait_for(r"Call-back by Revenues \(Council Tax\)[^:]*\s+due\s+within\s+2\s+working\s+days\s+"
                       r"\([^)]*\):\s+reference\s+call-back\s+\d+")
        rows = db_rows(self.srv, "SELECT phone, team_code, reason, triage_response FROM callbacks"
                                 " WHERE phone LIKE '%900456%'")
        self.assertEqual(len(rows), 1, rows)
        self.assertEqual(rows[0][1], "revenues")
        self.assertIn("recovery officer", rows[0][2])
        qr = json.loads(rows[0][3])
        self.assertTrue(any(i["linkId"] == "amount-owed" for i in qr["item"]), "the answers go with it")

    def test_callback_for_a_caller_not_on_file_asks_the_number(self):
        with self.client() as t:
            login(t)
            t.key("M-t")                      # an information call: no customer
            t.wait_for("Reason for the call:")
            t.type("bulky")
            t.wait_for("> Bulky waste collection")
            t.key("Enter")
            answer(t, [], "We collect large household items")
            answer(t, ["Enter"], "What kind of items")
            answer(t, ["1"], "How many items")
            answer(t, ["T:12", "Enter"], "OUTCOME: CALL-BACK")
            t.key("Enter")
            t.wait_for("Number to ring:")
            t.type("07700 900789")
            t.key("Enter")
            t.wait_for(r"Call-back by Waste Services \(Bulky waste collection\),\s+due\s+within\s+2\s+"
                       r"working\s+days\s+\([^)]*\):\s+reference\s+call-back\s+\d+")
        rows = db_rows(self.srv, "SELECT team_code, customer_id FROM callbacks WHERE phone LIKE '%900789%'")
        self.assertEqual(rows, [("waste_services", None)])


class OutcomeServerDownTui(TuiCase):
    server_class = SamePortServer
    customers = 60

    def setUp(self):
        super().setUp()
        fast_retries(self.home)

    def test_reference_to_follow_then_delivered(self):
        cases = "SELECT COUNT(*) FROM cases"
        before = db_rows(self.srv, cases)[0][0]
        contacts = db_rows(self.srv, "SELECT COUNT(*) FROM contacts")[0][0]
        with self.client() as t:
            login(t)
            open_zoe(t)
            start_contact(t)
            pick_reason(t, "pothole", "Pothole or highway defect")
            answer(t, [], "Whose road is it")
            answer(t, ["1"], "Is it dangerous right now")
            answer(t, ["y"], "OUTCOME: TRANSFER")
            self.srv.stop_now()
            t.key("Enter")
            t.wait_for(r"Case handed to Highways \(Pothole or highway defect\):\s+saved in the outbox,\s+"
                       r"reference to follow")
            # The advisor finishes the call: nothing waits for the server.
            t.key("Enter")
            t.wait_gone("OUTCOME: TRANSFER")
            t.key("F8")
            t.wait_for("After-contact work")
            t.key("F2")
            t.wait_for("Choose an outcome before sending")
            t.type("4")
            t.key("F2")
            t.wait_for("2 waiting to send")
            self.srv.start_again()
            self.assertEqual(wait_count(self.srv, contacts + 1), contacts + 1)
            t.wait_gone("waiting to send")
        self.assertEqual(db_rows(self.srv, cases)[0][0], before + 1, "the case arrived once")
        rows = db_rows(self.srv, "SELECT team_code, triage_response FROM cases ORDER BY id DESC LIMIT 1")
        self.assertEqual(rows[0][0], "highways")
        self.assertIn("danger-now", rows[0][1])


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
