#!/usr/bin/env python3
"""GET /api/v1/services (the catalogue shipped in config/services.csv) and
the triage scripts: GET /api/v1/scripts, GET /api/v1/scripts/{id}[?version=N],
PUT /api/v1/scripts/{id} (trainer and admin only): a changed script is a
new version, an unchanged one is not, and a script the engine would refuse
is refused with a 400 that names the item."""
import copy
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from apitest import ApiTestCase, RolesServer  # noqa: E402
import runner  # noqa: E402

ROOT = os.path.join(HERE, "..", "..")
EXT_ENABLE_WHEN_EXPRESSION = \
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"


def shipped_services():
    with open(os.path.join(ROOT, "config", "services.csv"), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def shipped_script(name):
    with open(os.path.join(ROOT, "config", "scripts", name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def find_item(items, link_id):
    for it in items:
        if it["linkId"] == link_id:
            return it
        found = find_item(it.get("item", []), link_id)
        if found:
            return found
    return None


class CatalogueTest(RolesServer, ApiTestCase):
    customers = 50

    def put(self, script_id, body, user="trainer"):
        return self.srv.request("PUT", "/api/v1/scripts/" + script_id, body, token=self.tokens[user])

    # ---- services ----------------------------------------------------------------

    def test_services_match_the_shipped_catalogue(self):
        body = self.assertJson(self.get("/api/v1/services"))
        self.assertEqual(set(body), {"items", "next_cursor"})
        self.assertIsNone(body["next_cursor"])
        rows = shipped_services()
        self.assertGreaterEqual(len(rows), 12)
        self.assertEqual([s["code"] for s in body["items"]], [r["code"] for r in rows])
        for got, want in zip(body["items"], rows):
            self.assertEqual(set(got), {"code", "name", "tier", "team", "sla_hours", "self_service_url",
                                        "script_id", "keywords"})
            self.assertEqual(got["name"], want["name"])
            self.assertIn(got["tier"], ("simple", "assisted", "complex"))
            self.assertEqual(got["tier"], want["tier"])
            self.assertEqual(got["team"]["code"], want["team"])
            self.assertTrue(got["team"]["name"])
            self.assertEqual(got["sla_hours"], int(want["sla_hours"]))
            self.assertTrue(got["self_service_url"].startswith("https://"))
            # no script: a duty team's service, reached from other scripts' outcomes
            self.assertEqual(got["script_id"], want["script"] or None)
            self.assertEqual(got["keywords"], want["keywords"])

    def test_every_service_has_a_loadable_script(self):
        for svc in self.assertJson(self.get("/api/v1/services"))["items"]:
            if svc["script_id"] is None:
                self.assertIn("safeguarding", svc["code"], "only duty services go without a script")
                continue
            status, headers, q = self.get("/api/v1/scripts/" + svc["script_id"])
            self.assertEqual(status, 200, svc["code"])
            self.assertTrue(headers["content-type"].startswith("application/fhir+json"))
            self.assertEqual(q["resourceType"], "Questionnaire")
            self.assertEqual(q["id"], svc["script_id"])
            self.assertIsInstance(q["version"], str)

    def test_the_issue_reasons_are_all_there(self):
        names = " | ".join(s["name"].lower() for s in self.assertJson(self.get("/api/v1/services"))["items"])
        for reason in ("missed bin", "bulky waste", "council tax change of address",
                       "council tax payment difficulty", "blue badge", "pothole", "bus pass",
                       "parking permit", "adult social care", "school admissions", "noise",
                       "general"):
            self.assertIn(reason, names)

    def test_one_service_and_unknown(self):
        body = self.assertJson(self.get("/api/v1/services/missed_bin"))
        self.assertEqual(body["code"], "missed_bin")
        self.assertEqual(body["team"]["code"], "waste_services")
        self.assertProblem(self.get("/api/v1/services/no_such_service"), 404)

    def test_needs_a_token(self):
        self.assertProblem(self.srv.request("GET", "/api/v1/services"), 401)
        self.assertProblem(self.srv.request("GET", "/api/v1/scripts/missed-bin"), 401)

    # ---- scripts: reading ----------------------------------------------------------

    def test_scripts_list(self):
        body = self.assertJson(self.get("/api/v1/scripts"))
        ids = [s["id"] for s in body["items"]]
        self.assertEqual(ids, sorted(ids))
        self.assertIn("missed-bin", ids)
        self.assertIn("adult-social-care-referral", ids)
        mb = [s for s in body["items"] if s["id"] == "missed-bin"][0]
        self.assertEqual(mb["title"], "Missed bin collection")
        self.assertIn("missed_bin", mb["services"])

    def test_unknown_script_and_version(self):
        self.assertProblem(self.get("/api/v1/scripts/no-such-script"), 404)
        self.assertProblem(self.get("/api/v1/scripts/missed-bin?version=999"), 404)
        self.assertProblem(self.get("/api/v1/scripts/missed-bin?version=zero"), 400)

    # ---- scripts: versions and roles -------------------------------------------------

    def test_put_twice_with_a_change_then_unchanged(self):
        q = shipped_script("bulky-waste")
        q["id"] = "bulky-waste"
        first = self.get("/api/v1/scripts/bulky-waste")[2]
        changed = copy.deepcopy(q)
        changed["title"] = "Bulky waste collection (revised)"
        status, _, body = self.put("bulky-waste", changed)
        self.assertEqual(status, 201, "a new version is created")
        v2 = body["version"]
        self.assertEqual(int(v2), int(first["version"]) + 1)
        self.assertEqual(body["title"], "Bulky waste collection (revised)")
        # The same script again: no new version, whatever "version" it carries.
        again = copy.deepcopy(changed)
        again["version"] = "77"
        status, _, body = self.put("bulky-waste", again)
        self.assertEqual(status, 200, "nothing new: no version created")
        self.assertEqual(body["version"], v2)
        # Both versions stay readable: a contact records the one it used.
        self.assertEqual(self.get("/api/v1/scripts/bulky-waste")[2]["version"], v2)
        old = self.get("/api/v1/scripts/bulky-waste?version=%s" % first["version"])[2]
        self.assertEqual(old["title"], first["title"])
        self.assertEqual(old["version"], first["version"])
        listed = [s for s in self.get("/api/v1/scripts")[2]["items"] if s["id"] == "bulky-waste"][0]
        self.assertEqual(listed["version"], v2)

    def test_put_a_new_script_is_version_1(self):
        q = shipped_script("pothole")
        q["id"] = "pothole-trial"
        q["url"] = "urn:frontdoor:script:pothole-trial"
        status, _, body = self.put("pothole-trial", q, user="admin")
        self.assertEqual(status, 201, body)
        self.assertEqual(body["version"], "1")
        self.assertEqual(self.get("/api/v1/scripts/pothole-trial")[2]["title"], q["title"])

    def test_roles(self):
        q = shipped_script("parking-permit")
        for user in ("advisor", "backoffice", "supervisor"):
            self.assertProblem(self.put("parking-permit", q, user=user), 403, msg=user)
        self.assertProblem(self.srv.request("PUT", "/api/v1/scripts/parking-permit", q), 401)
        for user in ("trainer", "admin"):
            status, _, body = self.put("parking-permit", q, user=user)
            self.assertIn(status, (200, 201), "%s: %r" % (user, body))
            self.assertEqual(body["id"], "parking-permit")

    # ---- scripts: refusals naming the item ---------------------------------------------

    def refused(self, q, item, words):
        body = self.assertProblem(self.put("missed-bin", q), 400, field="item")
        messages = [e["message"] for e in body["errors"]]
        self.assertTrue(any("item '%s'" % item in m and words in m for m in messages),
                        "no message names item %r with %r: %r" % (item, words, messages))
        self.assertIn("item '%s'" % item, body["detail"] + " ".join(messages))

    def test_refuses_enable_when_expression(self):
        q = shipped_script("missed-bin")
        find_item(q["item"], "bin-type")["extension"] = [{
            "url": EXT_ENABLE_WHEN_EXPRESSION,
            "valueExpression": {"language": "text/fhirpath", "expression": "true"}}]
        self.refused(q, "bin-type", "enableWhenExpression")

    def test_refuses_dangling_enable_when(self):
        q = shipped_script("missed-bin")
        find_item(q["item"], "garden-subscription")["enableWhen"][0]["question"] = "no-such-item"
        self.refused(q, "garden-subscription", "'no-such-item', which is not in this questionnaire")

    def test_refuses_a_path_without_an_outcome(self):
        """Issue 9.2: the server walks every path with the same engine as
        `frontdoor script check`; a script that can end with nothing said
        about what happens next is not stored."""
        q = shipped_script("missed-bin")
        q["item"] = [it for it in q["item"] if it["linkId"] != "outcome-too-late"]
        before = self.get("/api/v1/scripts/missed-bin")[2]["version"]
        body = self.assertProblem(self.put("missed-bin", q), 400)
        text = body["detail"] + " ".join(e["message"] for e in body.get("errors") or [])
        self.assertIn("a path ends without an outcome", text)
        self.assertEqual(self.get("/api/v1/scripts/missed-bin")[2]["version"], before)

    def test_refuses_duplicate_link_id(self):
        q = shipped_script("missed-bin")
        find_item(q["item"], "garden-subscription")["linkId"] = "bin-type"
        self.refused(q, "bin-type", "duplicate linkId")

    def test_refuses_cycle_value_set_and_outcome_without_next_step(self):
        q = shipped_script("missed-bin")
        find_item(q["item"], "bin-type")["enableWhen"] = [
            {"question": "garden-subscription", "operator": "exists", "answerBoolean": True}]
        self.refused(q, "bin-type", "cycle")
        q = shipped_script("missed-bin")
        item = find_item(q["item"], "bin-type")
        del item["answerOption"]
        item["answerValueSet"] = "http://example.org/ValueSet/bins"
        self.refused(q, "bin-type", "answerValueSet")
        q = shipped_script("missed-bin")
        out = find_item(q["item"], "outcome-garden-subscribe")
        out["code"] = [c for c in out["code"] if c["system"] != "urn:frontdoor:wrap"]
        self.refused(q, "outcome-garden-subscribe", "no next step")

    def test_refused_script_leaves_the_stored_version(self):
        before = self.get("/api/v1/scripts/missed-bin")[2]
        q = shipped_script("missed-bin")
        find_item(q["item"], "garden-subscription")["linkId"] = "bin-type"
        self.assertProblem(self.put("missed-bin", q), 400)
        self.assertEqual(self.get("/api/v1/scripts/missed-bin")[2], before)

    def test_refuses_bad_bodies_and_ids(self):
        status, _, body = self.srv.request("PUT", "/api/v1/scripts/missed-bin", raw=b"{not json",
                                           token=self.tokens["trainer"])
        self.assertEqual(status, 400, body)
        self.assertProblem(self.put("Bad%20Id%21", shipped_script("missed-bin")), 400)
        self.assertProblem(self.put("missed-bin", {"resourceType": "Patient"}), 400)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
