#!/usr/bin/env python3
"""Revealing a masked field: POST /api/v1/customers/{id}/reveal is audited
(customer.reveal, naming the field, never its value) and keeps the
cautionary-contact reason from the roles that may not see it."""
import os
import sqlite3
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import runner  # noqa: E402
from fdserver import FdServer  # noqa: E402


class RevealTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = FdServer(customers=50).__enter__()
        cls.advisor = cls.srv.login("advisor")
        cls.trainer = cls.srv.login("trainer")

    @classmethod
    def tearDownClass(cls):
        cls.srv.__exit__(None, None, None)

    def reveal(self, field, token=None, cid="1"):
        return self.srv.request("POST", "/api/v1/customers/%s/reveal" % cid,
                                body={"field": field}, token=token or self.advisor)

    def audit_rows(self):
        con = sqlite3.connect(self.srv.db_path)
        try:
            return con.execute("SELECT username, action, customer_id, reason FROM audit"
                               " WHERE action = 'customer.reveal' ORDER BY id").fetchall()
        finally:
            con.close()

    def test_reveal_returns_the_value_and_audits_the_field_name(self):
        before = len(self.audit_rows())
        status, _, body = self.reveal("date_of_birth")
        self.assertEqual(status, 200, body)
        self.assertEqual(body, {"field": "date_of_birth", "value": "1961-04-09"})
        rows = self.audit_rows()
        self.assertEqual(len(rows), before + 1)
        self.assertEqual(rows[-1], ("advisor", "customer.reveal", 1, "date_of_birth"))
        self.assertNotIn("1961", " ".join(str(c) for c in rows[-1]))

    def test_caution_reason_only_for_allowed_roles(self):
        status, _, body = self.reveal("flags", token=self.trainer)
        self.assertEqual(status, 403, body)
        status, _, body = self.reveal("flags")
        self.assertEqual(status, 200, body)
        self.assertEqual(body["value"][0]["code"], "cautionary_contact")
        self.assertTrue(body["value"][0]["detail"])

    def test_unknown_field_and_customer(self):
        status, _, body = self.reveal("password_hash")
        self.assertEqual(status, 400, body)
        self.assertEqual(body["errors"][0]["field"], "field")
        status, _, _ = self.reveal("phone", cid="999999")
        self.assertEqual(status, 404)

    def test_needs_login(self):
        status, _, _ = self.srv.request("POST", "/api/v1/customers/1/reveal",
                                        body={"field": "phone"})
        self.assertEqual(status, 401)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
