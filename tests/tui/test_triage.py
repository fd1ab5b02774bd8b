#!/usr/bin/env python3
"""Scripted triage and the knowledge base in the real client, in tmux,
against a real seeded frontdoord: a full missed-bin triage and an adult
social care triage that reaches the safeguarding outcome, at 80x24 (the
knowledge base over the triage) and 160x48 (beside it); an information
call from the search screen; and the trainers' `frontdoor script check`
and `frontdoor script try` with no server."""
import copy
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tuilib  # noqa: E402
from tuilib import CLIENT, Home, Tui, TuiCase, login, runner, search  # noqa: E402

ROOT = tuilib.ROOT
SCRIPTS = os.path.join(ROOT, "config", "scripts")


def open_zoe(t):
    search(t, "zoe o'brien")
    t.wait_for("customer.* loaded")
    t.key("Enter")
    t.wait_for("!! CAUTIONARY CONTACT")


def pick_reason(t, words, name):
    t.key("t")
    t.wait_for("Reason for the call:")
    t.type(words)
    t.wait_for("> " + re.escape(name))
    t.key("Enter")


def answer_missed_bin(t):
    """Missed grey bin, reported in time, nothing in the crew notes."""
    t.wait_for("Say: I'm sorry your bin wasn't emptied")
    t.key("Enter")
    t.wait_for("Which bin was missed\\?")
    t.key("1")
    t.wait_for("Which day was the bin due to be collected\\?")
    t.type("16/11/2026")                       # a British date into the answer box
    t.key("Enter")
    t.wait_for("Check: is today no more than 2 working days")
    t.key("y")
    t.wait_for("assisted collection list")
    t.key("n")
    t.wait_for("kerbside by 7am")
    t.key("y")
    t.wait_for("open the crew app notes")
    t.key("Enter")
    t.wait_for("What do the crew app notes say")
    t.key("1")
    t.wait_for("how many times has this bin been reported missed")
    t.type("0")
    t.key("Enter")
    t.wait_for("How many bins or containers")
    t.type("1")
    t.key("Enter")
    t.wait_for("anything the crew should know")


class TriageTest(TuiCase):
    customers = 500

    # ---- missed bin ------------------------------------------------------------

    def missed_bin(self, t, wide):
        login(t)
        open_zoe(t)
        pick_reason(t, "wheelie", "Missed bin collection")
        screen = t.wait_for("Missed bin collection \\(simple\\)")
        self.assertIn("!! CAUTIONARY CONTACT", screen, "the flag stays on screen in the triage")
        self.assertIn("for Ms Zoë O'Brien", screen)
        answer_missed_bin(t)
        screen = t.text()
        self.assertIn("(optional: it can be skipped)", screen)
        if not wide:
            self.assertIn("(5 earlier answers)", screen, "the breadcrumb keeps the latest answers")
        self.assertRegex(screen, r"✓ How many bins or containers of this type .*→ 1")
        # Back, and a changed answer drops what no longer applies.
        t.key("BSpace")
        t.wait_for("How many bins or containers")
        t.key("M-b", "BSpace", "BSpace", "BSpace", "BSpace")
        t.wait_for("assisted collection list")
        t.key("BSpace", "BSpace", "BSpace")
        t.wait_for("Which bin was missed\\?")
        t.key("3")                                 # green: asks about the subscription
        t.wait_for("active garden waste subscription")
        t.key("BSpace")
        # (the question is in the breadcrumb already: wait for the offer itself)
        screen = t.wait_for("Enter keeps this")       # the earlier answer is offered again
        self.assertRegex(screen, "Which bin was missed\\?")
        t.key("1")
        screen = t.wait_for("Which day was the bin due to be collected\\?")
        self.assertNotIn("Enter keeps", screen, "the date was dropped when green disabled it")
        self.assertRegex(screen, r"✓ Which bin was missed\? → Grey bin")
        t.type("16/11/2026")
        t.key("Enter")
        t.wait_for("Check: is today no more than 2 working days")
        t.key("BSpace")
        t.wait_for("Enter keeps: 16/11/2026")
        t.key("Enter")                             # the kept date, in the box
        t.wait_for("Answer: 16/11/2026")
        t.key("Enter")
        t.wait_for("Check: is today no more than 2 working days")
        self.assertNotIn("garden waste subscription →", t.text())
        for k in ("y", "n", "y"):
            t.key(k)
            t.settle(0.1)
        t.wait_for("open the crew app notes")
        t.key("Enter")
        t.wait_for("What do the crew app notes say")
        t.key("1")
        t.wait_for("reported missed")
        t.type("0")
        t.key("Enter")
        t.wait_for("How many bins")
        t.type("1")
        t.key("Enter")
        t.wait_for("anything the crew should know")
        self.kb_search(t, wide)
        t.wait_for("anything the crew should know")
        t.type("Bin behind the side gate")
        t.key("Enter")
        screen = t.wait_for("OUTCOME: RAISE A CASE")
        self.assertIn("Enter raises this case:", screen)
        self.assertRegex(screen, r"Service:\s+Missed bin collection \(missed_bin\)")
        self.assertRegex(screen, r"Team:\s+Waste Services")
        self.assertRegex(screen, r"SLA:\s+48 hours")
        self.assertIn("Wrap code: missed_bin_reported", screen)
        self.assertIn("Answers given:", screen)
        t.key("Enter")
        # The outcome does what it told the customer: the case is raised
        # (through the outbox) and its reference is on screen to read out.
        screen = t.wait_for(r"Case for Waste Services \(Missed bin collection\): reference FD-\d\d-\d{6}")
        self.assertIn("Created:", screen)
        t.key("Enter")                                  # closes the finished triage
        t.wait_for("!! CAUTIONARY CONTACT")            # back on the customer's record
        t.wait_gone("OUTCOME: RAISE A CASE")

    def kb_search(self, t, wide):
        """KB search as you type, beside (wide) or over (narrow) the triage."""
        if wide:
            screen = t.wait_for("Bin collection day rules")   # the service's articles, unasked
            self.assertIn("│", screen)
            t.key("Tab")
        else:
            t.key("Escape")          # out of the answer box
            t.key("M-k")             # k would be typed: letters are the answer
            t.wait_for("Knowledge base:")
        t.type("garden")
        screen = t.wait_for("articles? found")
        self.assertIn("Garden waste subscription", screen)
        lines = screen.split("\n")
        first = [l for l in lines if "Garden waste" in l or "What goes" in l][0]
        self.assertIn("Garden waste subscription", first, "title matches first")
        t.key("Enter")                # to the list
        t.key("Enter")                # read the first
        screen = t.wait_for("═══")
        self.assertIn("Garden waste subscription", screen)
        if wide:
            self.assertIn("anything the crew should know", screen, "the triage stays beside")
            t.key("Tab")
        else:
            self.assertNotIn("anything the crew should know", screen)
            t.key("k")
        t.wait_for("anything the crew should know")

    def test_typed_answer_is_never_taken_for_commands(self):
        """Issue 9 item 3: on a question taking words, letters are the answer.
        Answers starting b (step back), k (knowledge base), q (leave) and s
        (split) arrive whole in the answer, at 80x24."""
        with self.client() as t:
            login(t)
            open_zoe(t)
            pick_reason(t, "wheelie", "Missed bin collection")
            answer_missed_bin(t)
            # The help screen follows: no letter is a triage command.
            t.key("F1")
            screen = t.wait_for("Help: keys for Triage")
            self.assertNotRegex(screen, r"(?m)^\s*[a-zA-Z0-9]\s{2,}\S")
            self.assertRegex(screen, r"(?m)^\s*<?Backspace>?.*\S")
            t.key("q")
            for words in ("bins by the back gate", "key safe by the door", "quiet dog in the yard",
                          "side gate sticks"):
                t.wait_for("anything the crew should know")
                t.type(words)
                t.wait_for("Answer: " + words)
                t.key("Enter")
                t.wait_for("OUTCOME: RAISE A CASE")
                t.key("BSpace")                        # back to the question: the answer kept
                t.wait_for("Enter keeps: " + words)

    def test_missed_bin_80x24(self):
        with self.client() as t:
            self.missed_bin(t, wide=False)

    def test_missed_bin_split_160x48(self):
        with self.client(160, 48) as t:
            self.missed_bin(t, wide=True)

    # ---- safeguarding ----------------------------------------------------------

    def safeguarding(self, t, wide):
        login(t)
        open_zoe(t)
        pick_reason(t, "adult care", "Adult social care referral")
        t.wait_for("about safety - we ask everyone")
        t.key("Enter")
        t.wait_for("Who is calling\\?")
        t.key("2")
        t.wait_for("at risk of serious harm right now")
        t.key("n")
        t.wait_for("Is anyone hurting, frightening")
        t.key("y")
        screen = t.wait_for("!! SAFEGUARDING: FOLLOW THIS PROCEDURE NOW !!")
        self.assertIn("!! Choose the action taken before you finish", screen)
        self.assertIn("!! CAUTIONARY CONTACT", screen)
        self.assertIn("Safeguarding duty team", screen)
        # The action taken is chosen from a list.
        for line in ("1  Transferred to the duty team", "2  Duty team did not answer, referral raised",
                     "3  999 called", "4  Other (type what you did)"):
            self.assertIn(line, screen)
        # It cannot be dismissed: not by leaving, quitting or stepping back.
        t.key("q")
        t.wait_for("Safeguarding: choose the action taken first")
        t.key("F10")
        t.wait_for("Safeguarding: choose the action taken first")
        t.key("BSpace")
        t.wait_for("cannot be undone")
        self.assertIn("!! SAFEGUARDING", t.text())
        t.key("Enter")
        t.wait_for("choose the action taken first \\(1-4\\)")
        t.key("4")                    # other, with words
        t.wait_for("Other action taken:")
        t.key("Enter")                # blank is refused
        t.wait_for("Describe the action taken")
        t.type("Transferred to the duty team, 999 not needed")
        t.key("Enter")
        t.wait_for("!! Action taken recorded: Transferred to the duty team")
        # The procedure article, from the outcome's kb code.
        t.key("1")
        t.wait_for("Adult safeguarding procedure for advisors")
        if wide:
            self.assertIn("!! SAFEGUARDING", t.text(), "the banner stays beside the article")
            t.key("Tab")
        else:
            t.key("q")                # article -> list
            t.key("Escape")           # list -> the triage (q is typed there)
        t.wait_for("Enter: finish")
        t.key("Enter")
        t.wait_for("Urgent case in the Adult Safeguarding Duty Team queue: reference FD-")

    def test_safeguarding_80x24(self):
        with self.client() as t:
            self.safeguarding(t, wide=False)

    def test_safeguarding_split_160x48(self):
        with self.client(160, 48) as t:
            self.safeguarding(t, wide=True)

    def test_triage_goes_on_the_live_contact(self):
        """During a contact, the finished triage (response, script version)
        goes with the contact record and its wrap code is preselected."""
        from contactkit import db_rows, wait_count
        with self.client() as t:
            login(t)
            open_zoe(t)
            t.key("c")
            t.wait_for("Channel: 1 phone")
            t.key("Enter")
            t.wait_for(r"In contact 00:")
            pick_reason(t, "adult care", "Adult social care referral")
            t.wait_for("about safety - we ask everyone")
            t.key("Enter", "2", "n", "y")
            t.wait_for("!! SAFEGUARDING")
            t.key("1")
            t.wait_for("Action taken recorded")
            t.key("Enter")
            t.wait_for("Urgent case in the Adult Safeguarding Duty Team queue: reference FD-")
            t.key("F8")
            t.wait_for("Safeguarding concern raised")
            t.key("F2")
            t.wait_for("Choose an outcome before sending")
            t.type("1")
            t.key("F2")
            t.wait_for(r"recorded \(contact no\. \d+\)")
        wait_count(self.srv, 1, "wrap_code = 'asc_safeguarding_concern'")
        row = db_rows(self.srv, "SELECT wrap_code, script_id, script_version, triage_response FROM contacts"
                                " WHERE wrap_code = 'asc_safeguarding_concern' ORDER BY id DESC LIMIT 1")[0]
        self.assertEqual(row[:3], ("asc_safeguarding_concern", "adult-social-care-referral", "1"))
        qr = json.loads(row[3])
        self.assertEqual(qr["resourceType"], "QuestionnaireResponse")
        self.assertEqual(qr["status"], "completed")
        self.assertIn("Transferred to the duty team", row[3], "the confirmation is in the response")
        self.assertEqual(qr["extension"][-1], {"url": "urn:frontdoor:safeguarding-action",
                                               "valueCode": "transferred"})

    def test_vt100_monochrome_ascii(self):
        """Words and ASCII, not colour or line drawing, carry the meaning."""
        with Tui(80, 24, ["--server", self.srv.url], self.home, term="vt100",
                 env={"NO_COLOR": "1", "LANG": "C", "LC_ALL": "C"}) as t:
            login(t)
            t.key("M-t")
            t.wait_for("Reason for the call:")
            t.type("adult care")
            t.wait_for("> Adult social care")
            t.key("Enter")
            t.wait_for("about safety - we ask everyone")
            t.key("Enter", "2")
            screen = t.wait_for("at risk of serious harm")
            self.assertIn("+ Who is calling? -> A family member", screen)
            self.assertIn("-----", screen)
            t.key("y")
            screen = t.wait_for("!! SAFEGUARDING: FOLLOW THIS PROCEDURE NOW !!")
            self.assertIn("!! Choose the action taken before you finish", screen)
            t.key("3")                # 999 called; then 1 is the article
            t.wait_for("Action taken recorded: 999 called")
            t.key("1")
            # wait for the list item itself: a loaded machine can be caught
            # between the article's heading and its body
            screen = t.wait_for(r"\n   1\. If anyone is in immediate danger")
            self.assertIn("=====", screen)
            self.assertIn("Adult safeguarding procedure for advisors", screen)

    # ---- an information call, and articles that start a triage -------------------

    def test_information_call_from_search_and_article_to_triage(self):
        with self.client() as t:
            login(t)
            t.key("M-t")
            t.wait_for("Triage for an information call")
            t.type("council tax move")
            t.wait_for("> Council tax change of address")
            t.key("Escape", "Escape")             # clears, then leaves the picker
            t.wait_for("Find a customer:")
            t.key("M-k")
            t.wait_for("Knowledge base:")
            t.type("pothole")
            t.wait_for("articles? found")
            t.key("Enter", "Enter")
            t.wait_for("Services: pothole")
            t.key("t")                             # start triage for this service
            screen = t.wait_for("information call \\(no customer\\)")
            self.assertIn("Pothole", screen)
            t.key("Escape")
            t.wait_for("Find a customer:")
            t.type("smith")                        # the search box has the keyboard again
            t.wait_for("Find a customer:  smith")


class ScriptCommandTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="fdscripts-")
        with open(os.path.join(SCRIPTS, "missed-bin.json")) as f:
            self.good = json.load(f)

    def tearDown(self):
        subprocess.run(["rm", "-rf", self.dir])

    def write(self, name, obj):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(obj if isinstance(obj, str) else json.dumps(obj))
        return path

    def check(self, *paths):
        return subprocess.run([CLIENT, "script", "check"] + list(paths), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=self.dir)

    def test_check_shipped_scripts(self):
        files = sorted(os.path.join(SCRIPTS, f) for f in os.listdir(SCRIPTS) if f.endswith(".json"))
        p = self.check(*files)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, "")
        self.assertEqual(len(p.stdout.splitlines()), len(files))
        self.assertIn("missed-bin.json: ok (21 items, 57 paths)", p.stdout)
        # and against the shipped content: every wrap, service, team and article exists
        p = self.check("--content", os.path.join(ROOT, "config"), *files)
        self.assertEqual((p.returncode, p.stderr), (0, ""))

    def test_check_bad_scripts(self):
        dup = copy.deepcopy(self.good)
        dup["item"][2]["linkId"] = "bin-type"
        expr = copy.deepcopy(self.good)
        expr["item"][1]["extension"] = [{
            "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression",
            "valueExpression": {"language": "text/fhirpath", "expression": "true"}}]
        dangling = copy.deepcopy(self.good)
        dangling["item"][2]["enableWhen"][0]["question"] = "no-such-item"
        self.write("dup.json", dup)
        self.write("expr.json", expr)
        self.write("dangling.json", dangling)
        self.write("broken.json", '{"resourceType": "Questionnaire", ')
        self.write("good.json", self.good)
        p = self.check("dup.json", "expr.json", "dangling.json", "broken.json", "missing.json", "good.json")
        self.assertEqual(p.returncode, 1)
        err = p.stderr.splitlines()
        self.assertIn("dup.json: item 'bin-type': duplicate linkId (also used at item[1])", err)
        self.assertIn("expr.json: item 'bin-type': extension 'sdc-questionnaire-enableWhenExpression' is "
                      "not supported: it is a FHIRPath expression, which the engine does not evaluate; use "
                      "enableWhen and answerOption instead", err)
        self.assertIn("dangling.json: item 'garden-subscription': enableWhen[0] refers to 'no-such-item', "
                      "which is not in this questionnaire", err)
        self.assertIn("broken.json:1: not valid JSON: string or '}' expected near end of file", err)
        self.assertIn("missing.json: cannot read the file: No such file or directory", err)
        self.assertEqual(err[-1], "5 of 6 scripts rejected")
        self.assertEqual(p.stdout, "good.json: ok (21 items, 57 paths)\n")

    def test_check_refuses_a_path_without_an_outcome(self):
        """Issue 9.2: a script that can end without an outcome used to pass as "ok"."""
        dead = copy.deepcopy(self.good)
        dead["item"] = [it for it in dead["item"] if it["linkId"] != "outcome-too-late"]
        self.write("dead.json", dead)
        p = self.check("dead.json")
        self.assertEqual(p.returncode, 1, p.stdout)
        self.assertIn("dead.json: a path ends without an outcome: ", p.stderr)
        self.assertEqual(p.stdout, "")
        # try will not hand back a "completed" response for it either
        p = subprocess.run([CLIENT, "script", "try", "dead.json"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, cwd=self.dir)
        self.assertEqual(p.returncode, 1)
        self.assertIn("a path ends without an outcome", p.stderr)

    def test_check_content_refuses_unknown_codes(self):
        bad = copy.deepcopy(self.good)
        outcome = next(it for it in bad["item"] if it["linkId"] == "outcome-case")
        for c in outcome["code"]:
            c["code"] = {"urn:frontdoor:wrap": "no_such_wrap", "urn:frontdoor:service": "no_such_service",
                         "urn:frontdoor:kb": "no-such-article"}.get(c["system"], c["code"])
        outcome["code"].append({"system": "urn:frontdoor:kb", "code": "no-such-article"})
        self.write("missed-bin.json", bad)
        p = self.check("--content", os.path.join(ROOT, "config"), "missed-bin.json")
        self.assertEqual(p.returncode, 1)
        for want in ("unknown wrap code 'no_such_wrap'", "unknown service 'no_such_service'",
                     "unknown KB article 'no-such-article'"):
            self.assertIn("missed-bin.json: item 'outcome-case': " + want, p.stderr)
        self.assertEqual(self.check("missed-bin.json").returncode, 0, "the engine alone cannot know")

    def test_check_usage(self):
        p = subprocess.run([CLIENT, "script", "check"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
        self.assertEqual(p.returncode, 2)
        self.assertIn("usage: frontdoor script check [--content DIR] FILE...", p.stderr)
        p = subprocess.run([CLIENT, "script", "frobnicate"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
        self.assertEqual(p.returncode, 2)

    def test_try_prints_the_questionnaire_response(self):
        """The real triage view with no server; stdout redirected to a file
        keeps the screen on the terminal and the JSON in the file."""
        home = Home()
        out = os.path.join(home.path, "response.json")
        wrapper = os.path.join(home.path, "try.sh")
        with open(wrapper, "w") as f:
            f.write("#!/bin/sh\nexec %s \"$@\" > %s\n" % (CLIENT, out))
        os.chmod(wrapper, 0o755)
        saved = tuilib.CLIENT
        tuilib.CLIENT = wrapper
        try:
            with Tui(80, 24, ["script", "try", os.path.join(SCRIPTS, "adult-social-care-referral.json")],
                     home) as t:
                t.wait_for("trying a script: no server, nothing is saved")
                t.key("Enter")
                t.key("1")
                t.wait_for("at risk of serious harm")
                t.key("n")
                t.wait_for("Is anyone hurting")
                t.key("n")
                t.wait_for("Does the person know about this call")
                t.key("1")
                t.wait_for("What is the main help needed")
                t.key("1")
                t.wait_for("unable to manage two or more")
                t.key("y")
                t.wait_for("date of birth")
                t.type("09/04/1941")
                t.key("Enter")
                t.wait_for("live alone")
                t.key("y")
                t.wait_for("In the caller's words")
                t.type("Falls at home, daughter helps twice a week")
                t.key("Enter")
                t.wait_for("Best phone number")
                t.type("07700 900123")
                t.key("Enter")
                t.wait_for("OUTCOME: RAISE A CASE")
                t.key("Enter")
                t.wait_dead()
            reports = home.sanitizer_reports()
            self.assertEqual(reports, "", "sanitizer reports from the client")
            with open(out) as f:
                qr = json.load(f)
        finally:
            tuilib.CLIENT = saved
            home.cleanup()
        self.assertEqual(qr["resourceType"], "QuestionnaireResponse")
        self.assertEqual(qr["status"], "completed")
        self.assertEqual(qr["questionnaire"], "urn:frontdoor:script:adult-social-care-referral|1")
        text = json.dumps(qr)
        self.assertIn('"valueDate": "1941-04-09"', text)
        self.assertIn("Falls at home, daughter helps twice a week", text)
        self.assertIn("outcome-referral", text)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
