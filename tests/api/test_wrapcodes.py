#!/usr/bin/env python3
"""GET /api/v1/wrapcodes (the topic -> reason tree shipped in
config/wrapcodes.csv) and PUT /api/v1/wrapcodes/{code} (admin only):
new codes appear, deactivated codes leave the list and can no longer be
used for new contacts, old contacts keep them."""
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from contactkit import (ROLES, ApiCase, RolesServer, contact_body, db_rows, runner)  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def shipped():
    with open(os.path.join(ROOT, "config", "wrapcodes.csv"), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class WrapcodesTest(RolesServer, ApiCase):
    customers = 50

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # as seeded, before any test changes it
        cls.initial = cls.srv.request("GET", "/api/v1/wrapcodes", token=cls.tokens["advisor"])


    def tree(self, query="", user="advisor"):
        return self.ok(self.srv.request("GET", "/api/v1/wrapcodes" + query, token=self.tokens[user]))

    def reasons(self, query=""):
        return {r["code"]: dict(r, topic=t["code"], topic_label=t["label"])
                for t in self.tree(query)["items"] for r in t["reasons"]}

    def put(self, code, body, user="admin"):
        return self.srv.request("PUT", "/api/v1/wrapcodes/" + code, body, token=self.tokens[user])

    def test_tree_matches_the_shipped_csv(self):
        body = self.ok(self.initial)
        self.assertEqual(set(body), {"items", "next_cursor"})
        self.assertIsNone(body["next_cursor"])
        rows = shipped()
        # topics in file order, reasons in file order within each topic
        topics = []
        for r in rows:
            if r["topic_code"] not in topics:
                topics.append(r["topic_code"])
        self.assertEqual([t["code"] for t in body["items"]], topics)
        for t in body["items"]:
            self.assertEqual(set(t), {"code", "label", "reasons"})
            want = [r for r in rows if r["topic_code"] == t["code"]]
            self.assertEqual(t["label"], want[0]["topic_label"])
            self.assertEqual([r["code"] for r in t["reasons"]], [w["reason_code"] for w in want])
            for got, w in zip(t["reasons"], want):
                self.assertEqual(got, {"code": w["reason_code"], "label": w["reason_label"],
                                       "avoidable": w["avoidable"] == "yes",
                                       "progress_chasing": w["progress_chasing"] == "yes",
                                       "active": True})

    def test_every_staff_role_may_read(self):
        first = self.tree()
        for user in ROLES:
            self.assertEqual(self.tree(user=user), first, user)
        self.problem(self.srv.request("GET", "/api/v1/wrapcodes"), 401)

    def test_only_admin_may_change(self):
        body = {"topic_code": "waste", "label": "Sneaky", "avoidable": False}
        for user in ("advisor", "backoffice", "trainer", "supervisor"):
            self.problem(self.put("sneaky_code", body, user=user), 403, msg=user)
        self.problem(self.srv.request("PUT", "/api/v1/wrapcodes/sneaky_code", body), 401)
        self.assertNotIn("sneaky_code", self.reasons("?include_inactive=true"))

    def test_add_a_code_and_use_it(self):
        body = {"topic_code": "council_tax", "label": "Single person discount (could apply online)",
                "avoidable": True, "progress_chasing": False, "active": True}
        got = self.ok(self.put("ctax_spd_online", body))
        self.assertEqual(got, dict(body, code="ctax_spd_online"))
        listed = self.reasons()["ctax_spd_online"]
        self.assertEqual(listed["topic"], "council_tax")
        self.assertEqual((listed["label"], listed["avoidable"], listed["progress_chasing"],
                          listed["active"]), (body["label"], True, False, True))
        # it is avoidable by default, so a contact with it needs a reason
        self.problem(self.srv.request("POST", "/api/v1/contacts",
                                      contact_body(wrap_code="ctax_spd_online"),
                                      token=self.tokens["advisor"]), 400, "avoidable_reason")
        c = self.ok(self.srv.request("POST", "/api/v1/contacts",
                                     contact_body(wrap_code="ctax_spd_online",
                                                  avoidable_reason="could_self_serve"),
                                     token=self.tokens["advisor"]), 201)
        self.assertEqual((c["wrap_code"], c["wrap_label"], c["wrap_topic"], c["avoidable"]),
                         ("ctax_spd_online", body["label"], "council_tax", True))
        audit = db_rows(self.srv.db_path, "SELECT username, reason FROM audit"
                        " WHERE action = 'wrapcode.put'")
        self.assertIn(("admin", "ctax_spd_online"), audit)

    def test_defaults_when_flags_are_left_out(self):
        got = self.ok(self.put("waste_other", {"topic_code": "waste", "label": "Other waste query"}))
        self.assertEqual((got["avoidable"], got["progress_chasing"], got["active"]),
                         (False, False, True))

    def test_deactivate_and_reactivate(self):
        tok = self.tokens["advisor"]
        old = self.ok(self.srv.request("POST", "/api/v1/contacts",
                                       contact_body(wrap_code="pothole_reported"), token=tok), 201)
        body = {"topic_code": "highways", "label": "Highway defect reported for inspection",
                "avoidable": False, "progress_chasing": False, "active": False}
        self.assertIs(self.ok(self.put("pothole_reported", body))["active"], False)
        self.assertNotIn("pothole_reported", self.reasons())
        for q in ("", "?include_inactive=false"):
            self.assertNotIn("pothole_reported", self.reasons(q), q)
        every = self.reasons("?include_inactive=true")
        self.assertIs(every["pothole_reported"]["active"], False)
        self.assertIs(every["pothole_below_intervention"]["active"], True)
        # it can no longer be used ...
        self.problem(self.srv.request("POST", "/api/v1/contacts",
                                      contact_body(wrap_code="pothole_reported"), token=tok),
                     400, "wrap_code")
        # ... but contacts recorded with it keep it
        again = self.ok(self.srv.request("GET", "/api/v1/contacts/" + old["id"], token=tok))
        self.assertEqual((again["wrap_code"], again["wrap_label"]),
                         ("pothole_reported", "Highway defect reported for inspection"))
        # active again: usable again, and back in its place in the list
        self.ok(self.put("pothole_reported", dict(body, active=True)))
        highways = [t for t in self.tree()["items"] if t["code"] == "highways"][0]
        self.assertEqual(highways["reasons"][0]["code"], "pothole_reported")
        self.ok(self.srv.request("POST", "/api/v1/contacts",
                                 contact_body(wrap_code="pothole_reported"), token=tok), 201)

    def test_include_inactive_is_true_or_false(self):
        # A typo must not quietly read as the default (issue 11).
        for value in ("maybe", "1", "TRUE", ""):
            with self.subTest(value=value):
                self.problem(self.srv.request("GET", "/api/v1/wrapcodes?include_inactive=" + value,
                                              token=self.tokens["advisor"]),
                             400, "include_inactive")

    def test_change_flags_of_an_existing_code(self):
        body = {"topic_code": "parking", "label": "Address not in a permit zone (web checker)",
                "avoidable": True, "progress_chasing": True}
        self.ok(self.put("parking_no_zone", body))
        r = self.reasons()["parking_no_zone"]
        self.assertEqual((r["label"], r["avoidable"], r["progress_chasing"]),
                         (body["label"], True, True))
        c = self.ok(self.srv.request("POST", "/api/v1/contacts",
                                     contact_body(wrap_code="parking_no_zone", avoidable=False),
                                     token=self.tokens["advisor"]), 201)
        self.assertIs(c["avoidable"], False)

    def test_put_validation(self):
        before = self.tree("?include_inactive=true")
        self.problem(self.put("new_code", {"topic_code": "no_such_topic", "label": "X"}), 400,
                     "topic_code")
        self.problem(self.put("new_code", {"label": "X"}), 400, "topic_code")
        self.problem(self.put("new_code", {"topic_code": "waste"}), 400, "label")
        self.problem(self.put("new_code", {"topic_code": "waste", "label": "X", "colour": "red"}),
                     400, "colour")
        self.problem(self.put("new_code", {"topic_code": "waste", "label": "X", "avoidable": "yes"}),
                     400, "avoidable")
        self.problem(self.put("new_code", {"topic_code": "waste", "label": "x" * 121}), 400, "label")
        for bad in ("Bad-Code", "UPPER", "has%20space", "x" * 65):
            self.problem(self.put(bad, {"topic_code": "waste", "label": "X"}), 400, "code", msg=bad)
        self.problem(self.srv.request("PUT", "/api/v1/wrapcodes/new_code", raw=b"{",
                                      token=self.tokens["admin"]), 400)
        self.assertEqual(self.tree("?include_inactive=true"), before)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
