#!/usr/bin/env python3
"""Issue 9.6: a contact records whether and how the caller's identity was
checked ("identity_check": status passed / failed / not_checked and the
methods used: date_of_birth, postcode, reference). Absent means not
checked; nonsense is refused (400 naming the field)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from contactkit import ApiCase, RolesServer, contact_body, db_rows, runner  # noqa: E402

NOT_CHECKED = {"status": "not_checked", "methods": []}


class IdentityCheckTest(RolesServer, ApiCase):
    customers = 20

    def post(self, body):
        return self.srv.request("POST", "/api/v1/contacts", body, token=self.tokens["advisor"])

    def stored(self, cid):
        return db_rows(self.srv.db_path, "SELECT identity_check FROM contacts WHERE id = ?",
                       int(cid))[0][0]

    def test_passed_check_is_kept_and_read_back(self):
        check = {"status": "passed", "methods": ["date_of_birth", "postcode"]}
        c = self.ok(self.post(contact_body(identity_check=check)), 201)
        self.assertEqual(c["identity_check"], check)
        got = self.ok(self.get("/api/v1/contacts/" + c["id"]))
        self.assertEqual(got["identity_check"], check)
        self.assertIn("postcode", self.stored(c["id"]))

    def test_failed_check_names_what_was_tried(self):
        check = {"status": "failed", "methods": ["reference"]}
        c = self.ok(self.post(contact_body(identity_check=check)), 201)
        self.assertEqual(c["identity_check"], check)

    def test_absent_means_not_checked(self):
        c = self.ok(self.post(contact_body()), 201)
        self.assertEqual(c["identity_check"], NOT_CHECKED)
        c = self.ok(self.post(contact_body(identity_check=None)), 201)
        self.assertEqual(c["identity_check"], NOT_CHECKED)

    def test_nonsense_refused(self):
        bad = [
            ("yes", "identity_check"),
            ({"status": "maybe", "methods": []}, "identity_check"),
            ({"methods": ["postcode"]}, "identity_check"),
            ({"status": "passed", "methods": []}, "identity_check.methods"),
            ({"status": "passed", "methods": ["shoe_size"]}, "identity_check.methods"),
            ({"status": "passed", "methods": ["postcode", "postcode"]}, "identity_check.methods"),
            ({"status": "passed", "methods": "postcode"}, "identity_check.methods"),
            ({"status": "not_checked", "methods": ["postcode"]}, "identity_check.methods"),
            ({"status": "passed", "methods": ["postcode"], "by": "x"}, "identity_check"),
        ]
        for value, field in bad:
            with self.subTest(value=value):
                self.problem(self.post(contact_body(identity_check=value)), 400, field)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
