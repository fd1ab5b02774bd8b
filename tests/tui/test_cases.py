#!/usr/bin/env python3
"""Cases, hand-off, the back-office queue and call-backs in the real client
against a real seeded frontdoord: raise a case from a missed-bin triage,
read out its reference, hand it to Waste Services; as backoffice claim it
from the queue, read the whole context on one screen, add a note and
resolve it; book and complete a call-back; and a conflict where someone
else changed the case first (412) and the client shows the difference."""
import os
import re
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import Home, Tui, TuiCase, login, runner, search  # noqa: E402

REF = re.compile(r"Read the reference to the customer: (FD-\d\d-\d+)")


class CasesTest(TuiCase):
    customers = 200
    size = (120, 50)

    def db(self, sql, *args):
        with sqlite3.connect(self.srv.db_path) as c:
            return c.execute(sql, args).fetchall()

    def db_until(self, sql, ok, *args, timeout=15):
        """The rows once ok(rows) holds, or as they are after timeout."""
        deadline = time.time() + timeout
        while True:
            rows = self.db(sql, *args)
            if ok(rows) or time.time() > deadline:
                return rows
            time.sleep(0.1)

    def open_zoe(self, t):
        search(t, "zoe o'brien")
        t.wait_for("customer.* loaded")
        t.key("Enter")
        t.wait_for("!! CAUTIONARY CONTACT")

    def answer(self, t, keys, wait):
        for k in keys:
            if k.startswith("T:"):
                t.type(k[2:])
            else:
                t.key(k)
        t.wait_for(wait)

    def missed_bin_triage(self, t):
        """The content's path to the case outcome (config/scripts/missed-bin.json)."""
        t.key("t")
        t.wait_for("reason|Reason|Missed bin")
        t.type("missed bin")
        t.key("Enter")
        t.wait_for("Enter: done, go on")
        self.answer(t, ["Enter"], "Which bin was missed")
        self.answer(t, ["1"], "Which day was the bin due")
        self.answer(t, ["T:" + time.strftime("%d/%m/%Y"), "Enter"], "no more than 2 working days")
        self.answer(t, ["y"], "assisted collection list")
        self.answer(t, ["n"], "kerbside by 7am")
        self.answer(t, ["y"], "open the crew app notes")
        self.answer(t, ["Enter"], "What do the crew app notes say")
        self.answer(t, ["1"], "how many times has this bin")
        self.answer(t, ["T:0", "Enter"], "How many bins or containers")
        self.answer(t, ["T:1", "Enter"], "anything the crew should know")
        self.answer(t, ["M-x"], "OUTCOME: RAISE A CASE")
        return t.text()

    def raise_case(self, t):
        """The case outcome raises the case itself (through the outbox) and
        shows its reference; Enter then closes the triage."""
        screen = self.missed_bin_triage(t)
        self.assertIn("Waste Services", screen, "the owning team comes from the catalogue")
        self.assertRegex(screen, r"SLA:\s+48 hours")
        self.assertIn("Grey bin - general rubbish", screen, "the answers go with the case")
        self.assertIn("arranged for a crew to come back", screen, "what the customer was told")
        t.key("Enter")
        m = REF.search(t.wait_for(REF.pattern))
        ref = m.group(1)
        screen = t.wait_for("reference %s \\(read it to the caller\\)" % ref)
        self.assertIn("Case for Waste Services (Missed bin collection):", screen)
        rows = self.db("SELECT c.summary, c.team_code, c.next_steps, u.username FROM cases c"
                       " JOIN users u ON u.id = c.created_by WHERE c.ref = ?", ref)
        self.assertEqual(len(rows), 1, "the reference read out is the one stored")
        self.assertEqual(rows[0][1], "waste_services")
        self.assertTrue(rows[0][2].startswith("I've arranged for a crew"), rows[0][2])
        self.assertEqual(rows[0][3], "advisor")
        return ref

    def test_case_from_triage_to_resolution(self):
        with self.client() as t:
            login(t)
            self.open_zoe(t)
            ref = self.raise_case(t)
            t.key("Enter")                    # the triage closes: back on the record
            t.wait_gone("OUTCOME: RAISE A CASE")
            search(t, ref, from_list=True)
            t.wait_for("Case %s: Missed bin collection" % ref)
            t.key("H")
            t.wait_for("Hand off case %s" % ref)
            t.type("waste")
            t.key("Escape")                   # changed my mind: nothing goes
            t.wait_for("Nothing was sent.")
            t.wait_gone("Hand off case %s" % ref)
            t.key("H")
            t.wait_for("Hand off case %s" % ref)
            t.type("waste")
            t.key("Enter")                    # the one match, shown as chosen
            t.wait_for(r"Waste Services +\(chosen\)")
            t.key("Tab")
            t.type("Crew to revisit; repeat street")
            t.key("Tab")
            t.type("Bin is behind the side gate")
            t.key("F2")
            t.wait_for(r"Hand-off of %s to waste_services: saved\." % ref)   # not "saved in the outbox"
        ev = self.db("SELECT e.kind FROM case_events e JOIN cases c ON c.id = e.case_id"
                     " WHERE c.ref = ? ORDER BY e.id", ref)
        self.assertEqual([k for (k,) in ev][:2], ["created", "handoff"])

        home2 = Home()
        try:
            with Tui(200, 60, ["--server", self.srv.url], home2) as t:
                login(t, "backoffice")
                t.key("M-w")
                t.wait_for(r"Queue: Waste Services")
                t.wait_for(ref)
                screen = t.text()
                self.assertRegex(screen, r"RISING TIDE|waiting", "queue figures are shown")
                self.assertRegex(screen, r"\d\d:\d\d left|PAST SLA", "each item counts down")
                # Claim until our case comes up (the seed may hold older items).
                for _ in range(30):
                    t.key("c")
                    screen = t.wait_for(r"Claimed: |Nothing to claim")
                    if "Claimed: %s" % ref in screen:
                        break
                    t.key("q")
                    t.wait_for("Queue: Waste Services")
                t.wait_for("Case %s: Missed bin collection" % ref)
                screen = t.wait_for("Contact history that led here")
                # The whole context on one screen: nothing else opened.
                for want in ("!! CAUTIONARY CONTACT", "What the customer was told",
                             "arranged for a crew to come back", "Which bin was missed?",
                             "Grey bin - general rubbish", "Bin is behind the side gate",
                             "Ms Zoë O'Brien"):
                    self.assertIn(want, screen)
                self.assertRegex(screen, r"SLA: \d+ d \d\d:\d\d left|SLA: \d+:\d\d:\d\d left")
                t.key("n")
                t.wait_for("Add a note to case")
                t.type("Crew sent back, bin emptied 16:10")
                t.key("F2")
                t.wait_for(r"Notes \(2\)")
                t.wait_for("Crew sent back, bin emptied 16:10")
                t.key("u")
                t.wait_for("Status: 1 in progress")
                t.key("3")
                t.wait_for("what was done\\?")        # resolving asks (issue 9.4)
                t.type("Crew went back and emptied it")
                t.key("Enter")
                t.wait_for(r"\| resolved \|")
        finally:
            home2.cleanup()
        rows = self.db("SELECT status, (SELECT username FROM users WHERE id = assignee_id)"
                       " FROM cases WHERE ref = ?", ref)
        self.assertEqual(rows[0], ("resolved", "backoffice"))
        notes = self.db("SELECT n.body FROM case_notes n JOIN cases c ON c.id = n.case_id"
                        " WHERE c.ref = ? ORDER BY n.id", ref)
        self.assertIn(("Crew sent back, bin emptied 16:10",), notes)

    def test_book_and_complete_callback(self):
        with self.client() as t:
            login(t)
            self.open_zoe(t)
            t.key("b")
            t.wait_for("Book a call-back for Ms Zo")
            phone = self.db("SELECT COALESCE(mobile, phone) FROM customers WHERE family_name ="
                            " 'O''Brien' AND given_name = 'Zoë'")[0][0]
            digits = re.sub(r"\D", "", phone)[-6:]
            self.assertIn(digits, re.sub(r"\D", "", t.text()), "the number is prefilled")
            t.key("Tab")
            t.type("tomorrow 25:00")
            t.key("Tab")
            t.wait_for("When: Say when as")
            t.key("BTab", "C-a", "C-k")
            t.type(time.strftime("%H:%M"))
            t.key("Tab")
            t.wait_for("When means: ")
            t.type("Wants an update on the bin")
            t.key("F2")
            t.wait_for("Call-back to Ms Zo.*saved")
            # "saved" is the outbox's word: the server has it a moment later
            cb = self.db_until("SELECT id, team_code, status FROM callbacks WHERE reason ="
                               " 'Wants an update on the bin'", lambda rows: rows)
            self.assertEqual(len(cb), 1)
            self.assertEqual(cb[0][1:], ("contact_centre", "pending"))
            t.key("M-w")
            t.wait_for("Queue: Contact Centre")
            t.wait_for("CALL-BACK")
            for _ in range(30):
                t.key("c")
                screen = t.wait_for(r"Complete a call-back|Nothing to claim")
                if "Wants an update on the bin" in t.wait_for("Ring "):
                    break
                t.key("Escape")
                t.wait_for("Queue: Contact Centre")
            t.wait_for("Ring .*\\d.* for Zo")
            t.type("missed_bin_reported")
            t.key("Tab")
            t.key("F2")
            t.wait_for("Call-back %d completed.*saved" % cb[0][0])
        row = self.db_until("SELECT status, contact_id FROM callbacks WHERE id = ?",
                            lambda rows: rows and rows[0][0] == "done", cb[0][0])[0]
        self.assertEqual(row[0], "done")
        wrap = self.db("SELECT wrap_code, channel FROM contacts WHERE id = ?", row[1])
        self.assertEqual(wrap, [("missed_bin_reported", "phone")])

    def test_conflict_shows_the_difference(self):
        tok = self.srv.login("supervisor")
        cid = self.db("SELECT id FROM customers ORDER BY id LIMIT 1 OFFSET 5")[0][0]
        st, _, case = self.srv.request("POST", "/api/v1/cases", {
            "customer_id": str(cid), "service_code": "missed_bin", "summary": "Conflict test",
            "priority": "normal"}, token=tok)
        self.assertEqual(st, 201, case)
        ref = case["ref"]
        # The case is the advisor's: only then may they change it (team rules).
        st, _, case = self.srv.request("POST", "/api/v1/cases/%s/handoff" % ref, {
            "assignee": "advisor", "reason": "Alex has the customer"}, token=tok)
        self.assertEqual(st, 200, case)
        with self.client() as t:
            login(t)
            search(t, ref)
            t.wait_for("Case %s: Conflict test" % ref)
            # Someone else changes the case after it was opened here.
            st, _, body = self.srv.request("PATCH", "/api/v1/cases/" + ref,
                                           {"status": "awaiting_customer"}, token=tok,
                                           headers={"If-Match": '"%d"' % case["version"]})
            self.assertEqual(st, 200, body)
            t.key("u")
            t.wait_for("Status: 1 in progress")
            t.key("3")
            t.wait_for("what was done\\?")
            t.type("Rang the customer back")
            t.key("Enter")
            t.wait_for("DIFFERS")
            # The difference is drawn over a few passes; read it once it is still.
            screen = t.wait_for("Someone else changed this case first")
            screen = t.settle()
            self.assertIn("yours:   resolved", screen)
            self.assertIn("current: awaiting_customer", screen)
            self.assertIn("Someone else changed this case first", screen)
        self.assertEqual(self.db("SELECT status FROM cases WHERE ref = ?", ref)[0][0],
                         "awaiting_customer", "nothing was silently overwritten")


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
