#!/usr/bin/env python3
"""Safeguarding on the server (issue 9.1): a contact whose triage response
ended in a safeguarding outcome is refused (422, naming wrap_code) with any
but a safeguarding wrap code; the case raised from such a response is urgent
in the duty team's queue whatever was asked for, and "duty team did not
answer" puts it at the head of that queue, before cases past their SLA."""
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from casekit import (CaseApi, RolesServer, backdate, contact_body, db_scalar,  # noqa: E402
                     now_utc, runner)

DUTY_TEAM = "adult_safeguarding_duty"


def response(action="transferred", words="Transferred to the duty team"):
    """What the client sends after an adult social care triage that reached
    the abuse-concern outcome and the action taken was confirmed."""
    qr = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": "urn:frontdoor:script:adult-social-care-referral|1",
        "status": "completed",
        "extension": [
            {"url": "urn:frontdoor:outcome",
             "valueCoding": {"system": "urn:frontdoor:outcome", "code": "safeguarding"}},
            {"url": "urn:frontdoor:outcome-item", "valueString": "outcome-abuse-concern"},
        ],
        "item": [{"linkId": "abuse-signs", "text": "Is anyone hurting, frightening or neglecting "
                  "the person?", "answer": [{"valueBoolean": True}]}],
    }
    if action:
        qr["extension"] += [
            {"url": "urn:frontdoor:safeguarding-confirmation", "valueString": words},
            {"url": "urn:frontdoor:safeguarding-action", "valueCode": action}]
    return qr


def resolved_response():
    qr = response(action=None)
    qr["extension"][0]["valueCoding"]["code"] = "resolve"
    return qr


class SafeguardingTest(RolesServer, CaseApi):
    customers = 20

    def post_contact(self, **over):
        return self.req("POST", "/api/v1/contacts", contact_body(**over))

    # ---- the wrap code -------------------------------------------------------

    def test_safeguarding_contact_needs_a_safeguarding_wrap_code(self):
        before = db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM contacts")
        for code in ("missed_bin_reported", "asc_referral_raised"):
            with self.subTest(code):
                body = self.problem(self.post_contact(wrap_code=code, triage_response=response(),
                                                      script_id="adult-social-care-referral",
                                                      script_version="1"), 422, "wrap_code")
                self.assertEqual([e["field"] for e in body["errors"]], ["wrap_code"])
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM contacts"), before,
                         "a refused contact was stored")
        for code in ("asc_safeguarding_concern", "asc_safeguarding_immediate",
                     "customer_in_crisis", "childrens_safeguarding_concern"):
            with self.subTest(code):
                self.ok(self.post_contact(wrap_code=code, triage_response=response()), 201)

    def test_other_outcomes_take_any_wrap_code(self):
        self.ok(self.post_contact(wrap_code="missed_bin_reported",
                                  triage_response=resolved_response()), 201)
        self.ok(self.post_contact(wrap_code="missed_bin_reported"), 201)

    def test_safeguarding_wrap_code_needs_a_safeguarding_outcome(self):
        """A triage that ended otherwise recorded with a safeguarding code
        said safeguarding with no duty case raised (issue 9)."""
        before = db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM contacts")
        body = self.problem(self.post_contact(wrap_code="asc_safeguarding_immediate",
                                              triage_response=resolved_response()), 422, "wrap_code")
        self.assertEqual([e["field"] for e in body["errors"]], ["wrap_code"])
        self.assertIn("safeguarding outcome", body["errors"][0]["message"])
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM contacts"), before)
        # With no triage at all (a call-back completed) it is the advisor's word.
        self.ok(self.post_contact(wrap_code="asc_safeguarding_concern"), 201)

    def test_safeguarding_wrap_codes_have_their_own_topic(self):
        topics = self.ok(self.req("GET", "/api/v1/wrapcodes"))["items"]
        sg = [t for t in topics if t["code"] == "safeguarding"]
        self.assertEqual(len(sg), 1, [t["code"] for t in topics])
        codes = {r["code"] for r in sg[0]["reasons"]}
        self.assertLessEqual({"asc_safeguarding_concern", "asc_safeguarding_immediate",
                              "customer_in_crisis", "childrens_safeguarding_concern"}, codes)

    # ---- the urgent duty case ------------------------------------------------

    def raise_case(self, action, priority="low"):
        return self.create(service_code="adult_safeguarding", priority=priority,
                           summary="Safeguarding concern: %s" % action,
                           triage_response=response(action))

    def test_duty_teams_are_in_the_catalogue(self):
        teams = {r["team"]["code"] for r in self.ok(self.req("GET", "/api/v1/queues"))["items"]}
        self.assertLessEqual({"adult_safeguarding_duty", "children_safeguarding_duty"}, teams)

    def test_case_is_urgent_in_the_duty_queue_whatever_was_asked(self):
        c = self.raise_case("transferred", priority="low")
        self.assertEqual(c["priority"], "urgent")
        self.assertEqual(c["team"]["code"], DUTY_TEAM)
        self.assertIn("Transferred to the duty team", json.dumps(c), "the action taken goes with it")
        refs = [i["ref"] for i in self.queue(DUTY_TEAM)]
        self.assertIn(c["ref"], refs)
        # an ordinary response keeps the priority asked for
        plain = self.create(service_code="adult_safeguarding", priority="low",
                            triage_response=resolved_response())
        self.assertEqual(plain["priority"], "low")

    def test_no_answer_goes_to_the_head_of_the_queue(self):
        team = "children_safeguarding_duty"
        now = now_utc()
        late = self.create(service_code="children_safeguarding", priority="urgent",
                           summary="Older urgent case, past its SLA")
        backdate(self.srv.db_path, late["ref"], due=now - datetime.timedelta(hours=3),
                 created=now - datetime.timedelta(hours=9))
        transferred = self.create(service_code="children_safeguarding", summary="Transferred",
                                  triage_response=response("transferred"))
        nobody = self.create(service_code="children_safeguarding", summary="Nobody answered",
                             triage_response=response("duty_no_answer", "Duty team did not answer, "
                                                      "referral raised"))
        refs = [i["ref"] for i in self.queue(team)]
        self.assertEqual(refs[:3], [nobody["ref"], late["ref"], transferred["ref"]])
        self.join("backoffice", team)   # claims: the duty team's members only
        claimed = self.ok(self.claim(team, user="backoffice"))
        self.assertEqual(claimed["ref"], nobody["ref"])


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
