#!/usr/bin/env python3
"""Issue 9.6: until the training sandbox exists, the trainer role reads
nothing that carries a customer's personal details and starts no contact.
Each such route answers 403 with plain words saying why; the catalogue,
scripts, KB and queue depths stay open, so scripts can still be practised."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from apitest import ApiTestCase, RolesServer  # noqa: E402
import runner  # noqa: E402

PERSONAL = [
    ("GET", "/api/v1/customers?q=taylor", None),
    ("GET", "/api/v1/customers/1", None),
    ("POST", "/api/v1/customers/1/reveal", {"field": "phone"}),
    ("GET", "/api/v1/customers/1/contacts", None),
    ("GET", "/api/v1/customers/matches?name=taylor", None),
    ("GET", "/api/v1/contacts/1", None),
    ("GET", "/api/v1/cases", None),
    ("GET", "/api/v1/cases/FD-26-000001", None),
    ("GET", "/api/v1/cases/FD-26-000001/events", None),
    ("GET", "/api/v1/queues/parking/items", None),
    ("GET", "/api/v1/callbacks", None),
    ("POST", "/api/v1/contacts", {"channel": "phone"}),
]
OPEN = ["/api/v1/me", "/api/v1/services", "/api/v1/scripts", "/api/v1/kb?q=bin",
        "/api/v1/wrapcodes", "/api/v1/queues"]


class TrainerTest(RolesServer, ApiTestCase):
    customers = 20

    def call(self, method, path, body, user):
        return self.srv.request(method, path, body, token=self.tokens[user])

    def test_trainer_refused_personal_data_in_plain_words(self):
        for method, path, body in PERSONAL:
            with self.subTest(route=path, method=method):
                p = self.assertProblem(self.call(method, path, body, "trainer"), 403)
                self.assertEqual(p["detail"], "Trainers may not open live records or start "
                                 "contacts: no training sandbox yet.")
                self.assertNotIn("Taylor", str(p))

    def test_trainer_keeps_catalogue_scripts_and_kb(self):
        for path in OPEN:
            with self.subTest(route=path):
                self.assertJson(self.get(path, "trainer"))

    def test_other_roles_still_read_records(self):
        for user in ("advisor", "backoffice", "supervisor", "admin"):
            with self.subTest(user=user):
                self.assertJson(self.get("/api/v1/customers/1", user))
                self.assertJson(self.get("/api/v1/callbacks", user))

    def test_other_refusals_keep_their_words(self):
        p = self.assertProblem(self.get("/api/v1/audit", "advisor"), 403)
        self.assertNotIn("Trainers", p["detail"])


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
