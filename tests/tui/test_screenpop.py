#!/usr/bin/env python3
"""The screen pop (issue 12) in the client, at 80x24; the test plays the
phone system (POST /api/v1/calls with its key). A free advisor gets the
search with the caller's number: one match shown selected, F6 answers it
on the phone with no channel question and the call is taken; no match:
"Unknown number" and the caller's number, spaced as it is said ("Unknown
number 07700 900123 — search or add a caller"); withheld: an
empty search. A busy advisor (on a contact) is told and the call waits in
my work, where Enter pops it once the contact is wrapped up. A caller who
hangs up before the call is answered closes the pop (the search stays;
the next contact asks its channel as ever, answering no call). A contact
answered from a pop is recorded with its call (its wait and service); one
the server refuses for its call alone is recorded without it. A call
offered while the client was not running waits in my work after sign-in
(GET /me/work) and pops from there."""
import datetime
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tuilib import BUILD, FdServer, TuiCase, login, runner  # noqa: E402
import fdserver  # noqa: E402
from contactkit import client_log, wait_client_log  # noqa: E402

HELPLINE = "01632 960002"   # config/dialled_numbers.csv: council tax payment difficulty


class ScreenPopTest(TuiCase):
    customers = 40

    @classmethod
    def setUpClass(cls):
        cls.srv = FdServer(BUILD, customers=cls.customers)
        cls.key = subprocess.run([fdserver.binary(cls.srv.build), "phone-key", "create", "Test PBX",
                                  "--db", cls.srv.db_path], stdout=subprocess.PIPE, text=True,
                                 timeout=60, check=True).stdout.strip()
        cls.srv.start()

    def phone(self, path, body=None):
        status, _, got = self.srv.request("POST", path, body if body is not None else {},
                                          headers={"X-Api-Key": self.key})
        self.assertIn(status, (200, 201), got)
        return got

    def offer(self, caller, queued=42):
        return self.phone("/api/v1/calls", {"caller": caller, "dialled": HELPLINE,
                                            "agent": "advisor", "queued_seconds": queued})["id"]

    def call_state(self, call_id):
        return self.srv.request("GET", "/api/v1/calls/%s" % call_id,
                                token=self.srv.login("supervisor"))[2]["state"]

    def number(self):
        digits = "077009%05d" % (uuid.uuid4().int % 100000)
        return digits, "%s %s" % (digits[:5], digits[5:])

    def customer_with(self, number):
        family = "Ringer" + uuid.uuid4().hex[:6]
        status, _, got = self.srv.request("POST", "/api/v1/customers", {
            "given_name": "Callum", "family_name": family, "confirmed_new": True, "phone": number,
            "address": {"line1": "2 Bell Lane", "town": "Testbury", "postcode": "FD2 4RG"}},
            token=self.srv.login("advisor"))
        self.assertEqual(status, 201, got)
        return family

    def contact_draft(self):
        """The live contact as the client keeps it (state_dir/outbox)."""
        for top, _, files in os.walk(self.home.path):
            for name in files:
                if name.endswith("-contact.json"):
                    with open(os.path.join(top, name)) as f:
                        return json.load(f)
        self.fail("no contact draft under the client's home")

    def test_one_match_is_selected_and_f6_answers(self):
        digits, spaced = self.number()
        family = self.customer_with(spaced)
        with self.client() as t:
            login(t)
            call = self.offer(spaced)
            t.wait_for("Call from %s: Callum %s. <F6>" % (spaced, family))
            t.wait_for("1 customer loaded")
            t.key("F6")
            t.wait_for("Contact started \\(Phone\\) with Callum %s" % family)
            self.assertNotIn("Channel: 1 phone", t.text())
            # the wait and the service are kept with the contact
            self.assertEqual(self.contact_draft()["call"],
                             {"id": call, "service": "ctax_payment_difficulty", "waited_seconds": 42})
            self.wait_taken(t, call)

    def test_a_pop_while_typing_keeps_the_words_and_answers_the_caller(self):
        """The advisor is typing a search when the call comes: the notice
        stays up while they type on, and F6 answers it with the one
        customer the number is, wherever the cursor is."""
        digits, spaced = self.number()
        family = self.customer_with(spaced)
        self.end_waiting_calls()
        with self.client() as t:
            login(t)
            t.type("Quin")
            t.wait_for("Find a customer: +Quin")
            call = self.offer(spaced)
            t.wait_for("Call from %s: Callum %s" % (spaced, family))
            t.type("cy")                       # typing on: the notice stays
            t.settle(0.3)
            self.assertIn("Call from %s: Callum %s" % (spaced, family), t.text())
            t.key("F6")                        # from the search box, not the row
            t.wait_for("Contact started \\(Phone\\) with Callum %s" % family)
            self.wait_taken(t, call)
            t.wait_gone("call waiting")        # answered: not counted as waiting
            cid = self.wrap_up(t)
        got = self.contact(cid)
        self.assertIsNotNone(got["customer_id"])
        self.assertEqual(got["call"]["id"], call)

    def test_on_a_break_a_call_waits(self):
        digits, spaced = self.number()
        self.end_waiting_calls()
        with self.client() as t:
            login(t)
            t.key("F3")
            t.wait_for("Break: 1 ")
            t.type("1")
            t.wait_for("On break")
            call = self.offer(digits)
            self.addCleanup(self.phone, "/api/v1/calls/%s/end" % call)
            t.wait_for("Call waiting in my work")
            self.assertNotIn("Unknown number", t.text())

    def test_no_match_says_unknown_number(self):
        digits, spaced = self.number()
        with self.client() as t:
            login(t)
            self.offer(digits)
            t.wait_for("Unknown number %s \u2014 search or add a caller" % spaced)
            t.wait_for("No customers match")

    def test_withheld_gives_an_empty_search(self):
        with self.client() as t:
            login(t)
            self.offer("withheld")
            t.wait_for("Call from a withheld number")
            t.wait_for("Find a customer:")
            self.assertNotIn("customers loaded", t.text())
            self.assertNotIn("No customers match", t.text())

    def test_busy_advisor_is_told_and_the_call_waits_in_my_work(self):
        digits, spaced = self.number()
        with self.client() as t:
            login(t)
            t.key("F6")
            t.wait_for("Channel: 1 phone")
            t.key("Enter")
            t.wait_for("Contact started")
            self.offer(digits)
            t.wait_for("Call waiting in my work \\(<F12>/<M-i>\\): %s" % spaced)
            t.wait_for("1 call waiting")
            t.key("F12")
            t.wait_for("Call waiting +%s" % spaced)
            t.key("Home", "Enter")             # still on the contact: it waits
            t.wait_for("Finish what you are doing first")
            t.key("F8")                        # the contact ends, its wrap-up sent
            t.wait_for("Wrap-up")
            t.wait_gone("loading the wrap codes")
            t.type("missed bin reported")
            t.key("Enter")
            t.type("1")
            t.key("F2")
            t.wait_for("My work: 1 call waiting")
            t.key("F12")                       # the wrap-up went back to the search
            t.wait_for("Call waiting +%s" % spaced)
            t.key("Home", "Enter")             # free now: the waiting call pops
            t.wait_for("Unknown number %s" % spaced)
            t.wait_for("No customers match")
            t.wait_gone("call waiting")

    def test_hung_up_before_taken_closes_the_pop(self):
        digits, spaced = self.number()
        with self.client() as t:
            login(t)
            call = self.offer(digits)
            t.wait_for("Unknown number %s" % spaced)
            self.phone("/api/v1/calls/%s/end" % call)
            t.wait_for("Caller %s hung up before you answered: the call is closed" % spaced)
            t.wait_for("No customers match")   # the search stays
            t.key("F6")                         # a contact now asks its channel as ever
            t.wait_for("Channel: 1 phone")
            t.key("Escape")
            self.assertEqual(self.call_state(call), "ended")

    def wrap_up(self, t, without_call=False):
        """Ends the live contact and sends its wrap-up (as the busy test);
        the contact's id from the message line, which says when it was
        recorded without its call."""
        t.key("F8")
        t.wait_for("Wrap-up")
        t.wait_gone("loading the wrap codes")
        t.type("missed bin reported")
        t.key("Enter")
        t.type("1")
        t.key("F2")
        said = " without the call's details" if without_call else ""
        t.wait_for("recorded%s \\(contact no\\. [0-9]+\\)" % said)
        return re.search(r"recorded%s \(contact no\. ([0-9]+)\)" % said, t.text()).group(1)

    def answer_unknown(self, t, queued):
        """A call from an unknown number popped and answered (F6): its id,
        once the server has it taken."""
        digits, spaced = self.number()
        call = self.offer(digits, queued=queued)
        t.wait_for("Unknown number %s" % spaced)
        t.wait_for("No customers match")
        t.key("F6")
        t.wait_for("Contact started \\(Phone\\)")
        self.wait_taken(t, call)
        return call

    def wait_taken(self, t, call):
        """The server has the call taken (the client's /take has landed)."""
        for _ in range(100):
            if self.call_state(call) == "taken":
                break
            t.settle(0.1)
        self.assertEqual(self.call_state(call), "taken")

    def contact(self, contact_id):
        status, _, got = self.srv.request("GET", "/api/v1/contacts/%s" % contact_id,
                                          token=self.srv.login("supervisor"))
        self.assertEqual(status, 200, got)
        return got

    def test_a_contact_answered_from_a_pop_records_its_call(self):
        with self.client() as t:
            login(t)
            call = self.answer_unknown(t, queued=63)
            contact_id = self.wrap_up(t)
        got = self.contact(contact_id)["call"]
        self.assertEqual(got["id"], call)
        self.assertEqual(got["queued_seconds"], 63)
        self.assertEqual(got["service"]["code"], "ctax_payment_difficulty")

    def test_a_contact_refused_for_its_call_alone_is_recorded_without_it(self):
        with self.client() as t:
            login(t)
            call = self.answer_unknown(t, queued=12)
            # the call lands on another contact first: the client's is refused for call_id
            now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            status, _, got = self.srv.request("POST", "/api/v1/contacts", {
                "channel": "phone", "started_at": now, "ended_at": now,
                "wrap_code": "missed_bin_reported", "outcome": "resolved", "call_id": call},
                token=self.srv.login("advisor"),
                headers={"Idempotency-Key": str(uuid.uuid4())})
            self.assertEqual(status, 201, got)
            contact_id = self.wrap_up(t, without_call=True)
            self.assertNotIn("needs attention", t.text())
        self.assertNotEqual(contact_id, got["id"])
        self.assertIsNone(self.contact(contact_id)["call"])

    def wait_stored_event_id(self, seconds=15):
        """The client has kept its live channel's last id (state_dir/live)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            for top, _, files in os.walk(self.home.path):
                if any(f.endswith(".last_id") for f in files):
                    return
            time.sleep(0.1)
        self.fail("the client stored no event id")

    def end_waiting_calls(self):
        """Calls other tests left ringing for the advisor are ended (the
        phone system's hang-up), so my work holds only this test's."""
        status, _, work = self.srv.request("GET", "/api/v1/me/work", token=self.srv.login("advisor"))
        self.assertEqual(status, 200, work)
        for c in work["calls"]["items"]:
            self.phone("/api/v1/calls/%s/end" % c["id"])

    def test_a_call_offered_while_signed_out_waits_in_my_work(self):
        self.end_waiting_calls()
        digits, spaced = self.number()
        call = self.offer(digits, queued=77)
        self.addCleanup(self.phone, "/api/v1/calls/%s/end" % call)   # it rings on for no later test
        with self.client() as t:
            login(t)
            t.wait_for("My work: 1 call waiting")
            t.key("F12")
            t.wait_for("Call waiting +Council tax payment difficulty, waited 1:17, number on Enter")
            self.assertEqual(t.text().count("Call waiting"), 1)
            t.key("Home", "Enter")             # read by id: its number, and it pops
            t.wait_for("Unknown number %s" % spaced)
            t.wait_for("No customers match")
            t.wait_gone("call waiting")

    def offer_while_signed_out(self):
        """Signs in once (so the client stores its event id) and out; then a
        call is offered. The call's id and its number as shown."""
        self.end_waiting_calls()
        with self.client() as t:
            login(t)
            t.wait_for("Find a customer:")
            self.wait_stored_event_id()
        digits, spaced = self.number()
        call = self.offer(digits)
        self.addCleanup(self.phone, "/api/v1/calls/%s/end" % call)
        return call, spaced

    def test_a_call_offered_while_signed_out_never_pops_at_sign_in(self):
        """The client resumes its channel from the id it stored, so it hears
        the call offered while it was away, minutes old or not: it waits in
        my work, the screen is not taken over at sign-in."""
        call, spaced = self.offer_while_signed_out()
        with self.client() as t:
            login(t)
            self.assertTrue(wait_client_log(self.home, "kind=call.offered"), "the event came")
            t.wait_for("My work: 1 call waiting")
            t.settle(1.0)
            self.assertNotIn("Unknown number", t.text())

    def test_a_call_heard_late_waits_instead_of_popping(self):
        """A call.offered heard long after it was made, by a client that
        resumes its channel, does not take the screen over (here both
        rules say late: before this sign-in, and ten minutes old)."""
        call, spaced = self.offer_while_signed_out()
        with sqlite3.connect(self.srv.db_path, timeout=10) as con:
            con.execute("UPDATE events SET at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now',"
                        " '-10 minutes') WHERE kind = 'call.offered' AND facts LIKE ?",
                        ("%" + call + "%",))
        with self.client() as t:
            login(t)
            self.assertTrue(wait_client_log(self.home, "kind=call.offered"), "the late event came")
            t.wait_for("My work: 1 call waiting")
            t.settle(1.0)   # time enough for a pop, were it to come
            self.assertNotIn("Unknown number", t.text())
            self.assertRegex(t.text(), r"Find a customer: *\n")


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
