#!/usr/bin/env python3
"""GET /api/v1/customers/{id}: the single view, role-restricted flag
detail, the audit row written for every read, and GET /api/v1/audit."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import runner  # noqa: E402
from apitest import RFC3339_UTC, ApiTestCase, FdServer, db_rows, db_scalar  # noqa: E402

CAUTION = "Verbal abuse towards staff, March 2025"


class CustomerTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = FdServer(customers=500).start()
        cls.tokens = {u: cls.srv.login(u) for u in ("advisor", "backoffice", "trainer", "supervisor", "admin")}

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()

    def get(self, cid, user="advisor", query=""):
        return self.srv.request("GET", "/api/v1/customers/%s%s" % (cid, query), token=self.tokens[user])

    def flag(self, body, code):
        found = [f for f in body.get("flags", []) if f.get("code") == code]
        self.assertEqual(len(found), 1, "one %s flag expected in %r" % (code, body.get("flags")))
        return found[0]

    # ---- the single view -------------------------------------------------------

    def test_single_view_of_the_first_fixture(self):
        c = self.assertJson(self.get(1))
        expect = {"id": "1", "customer_ref": "CUS0000001", "title": "Ms", "given_name": "Zoë",
                  "family_name": "O'Brien", "date_of_birth": "1961-04-09", "mobile": "07700 900123",
                  "email": "zoe.obrien@example.org", "preferred_channel": "email", "language": "English"}
        for key, value in expect.items():
            self.assertEqual(c.get(key), value, "field %s" % key)
        self.assertEqual(len(c["addresses"]), 1, c["addresses"])
        addr = c["addresses"][0]
        self.assertEqual(addr.get("kind"), "home")
        self.assertEqual(addr.get("line1"), "1 Example Street")
        self.assertEqual(addr.get("postcode"), "SW1A 1AA")
        self.assertIsInstance(addr.get("town"), str)
        self.assertEqual(c["service_accounts"][0].get("type"), "council_tax")
        self.assertEqual(c["service_accounts"][0].get("reference"), "CT00000001")
        self.assertEqual(c["service_accounts"][0].get("status"), "active")
        self.assertEqual(c["open_cases"], [])
        self.assertEqual(c["recent_contacts"], [])

    def test_flags_have_label_detail_restricted(self):
        c = self.assertJson(self.get(1))
        f = self.flag(c, "cautionary_contact")
        self.assertIsInstance(f.get("label"), str)
        self.assertTrue(f["label"])
        self.assertEqual(f.get("detail"), CAUTION)
        self.assertIs(f.get("restricted"), False)
        self.assertEqual(f.get("since"), "2025-03-01")

    def test_digitally_excluded_vulnerable_customer(self):
        c = self.assertJson(self.get(2))
        self.assertIsNone(c.get("email"), "no e-mail is null (or absent)")
        self.assertEqual(c.get("phone"), "01632 960001")
        self.assertEqual(c.get("given_name"), "Seán")
        self.assertEqual(c.get("family_name"), "Smith-Jones")
        self.assertEqual(self.flag(c, "vulnerable_adult").get("detail"), "Lives alone; memory problems")
        self.assertEqual([a["reference"] for a in c["service_accounts"]], ["CT00000002", "WS0000002"])

    def test_language_and_accessibility(self):
        c = self.assertJson(self.get(3))
        self.assertEqual(c.get("language"), "Welsh")
        self.assertEqual(c.get("accessibility_needs"), "Uses a hearing loop")
        self.assertEqual(c["addresses"][0].get("postcode"), "FD2 3CD")
        self.assertEqual(self.flag(c, "hearing_impaired").get("detail"), "Uses a hearing loop")

    def test_generated_customer_matches_the_database(self):
        row = db_rows(self.srv.db_path, "SELECT id, customer_ref, given_name, family_name, date_of_birth,"
                      " email FROM customers WHERE id = 250")[0]
        c = self.assertJson(self.get(250))
        self.assertEqual((c["id"], c["customer_ref"], c["given_name"], c["family_name"],
                          c["date_of_birth"], c.get("email")), (str(row[0]),) + tuple(row[1:]))
        naccounts = db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM service_accounts WHERE customer_id = 250")
        self.assertEqual(len(c["service_accounts"]), naccounts)

    # ---- who sees a cautionary-contact reason -------------------------------------

    def test_trainer_is_refused_the_record_and_so_the_caution(self):
        # Until the training sandbox exists the trainer reads no live
        # record at all (9.6); before, it saw the record with the reason hidden.
        status, _, body = self.get(1, "trainer")
        self.assertEqual(status, 403, body)
        self.assertNotIn(CAUTION, str(body), "the reason must not appear anywhere in the reply")

    def test_staff_who_deal_with_the_customer_see_the_reason(self):
        for user in ("advisor", "backoffice", "supervisor", "admin"):
            with self.subTest(user=user):
                f = self.flag(self.assertJson(self.get(1, user)), "cautionary_contact")
                self.assertEqual(f.get("detail"), CAUTION)
                self.assertIs(f.get("restricted"), False)

    # ---- not found -------------------------------------------------------------------

    def test_unknown_and_malformed_ids_are_404(self):
        for cid in ("999999", "0", "-1", "abc", "1x", "1.0", "%20", "99999999999999999999999"):
            with self.subTest(id=cid):
                self.assertProblem(self.get(cid), 404)

    def test_needs_a_token(self):
        self.assertProblem(self.srv.request("GET", "/api/v1/customers/1"), 401)

    # ---- the audit trail ---------------------------------------------------------------

    def audit_since(self, last_id):
        return db_rows(self.srv.db_path,
                       "SELECT id, at, user_id, username, action, customer_id, reason, request_id"
                       " FROM audit WHERE id > ? ORDER BY id", last_id)

    def last_audit_id(self):
        return db_scalar(self.srv.db_path, "SELECT COALESCE(MAX(id), 0) FROM audit")

    def test_direct_read_writes_an_audit_row(self):
        last = self.last_audit_id()
        self.assertJson(self.get(2))
        rows = self.audit_since(last)
        self.assertEqual(len(rows), 1, rows)
        _, at, user_id, username, action, customer_id, reason, request_id = rows[0]
        advisor_id = db_scalar(self.srv.db_path, "SELECT id FROM users WHERE username = 'advisor'")
        self.assertEqual((user_id, username, action, customer_id, reason),
                         (advisor_id, "advisor", "customer.read", 2, "direct"))
        self.assertRegex(at, RFC3339_UTC)
        self.assertTrue(request_id, "the audit row carries the request id")

    def test_read_from_search_says_search(self):
        last = self.last_audit_id()
        self.assertJson(self.get(3, "backoffice", "?via=search"))
        rows = self.audit_since(last)
        self.assertEqual([(r[3], r[4], r[5], r[6]) for r in rows],
                         [("backoffice", "customer.read", 3, "search")])

    def test_via_is_search_or_direct(self):
        # A typo must not quietly read as "direct" (issue 11); nothing was read.
        last = self.last_audit_id()
        self.assertProblem(self.get(3, "backoffice", "?via=elsewhere"), 400, "via")
        self.assertEqual(self.audit_since(last), [])
        self.assertJson(self.get(3, "backoffice", "?via=direct"))

    def test_trainer_refused_read_writes_no_customer_row(self):
        # the trainer may no longer read a record (9.6), so nothing was read
        last = self.last_audit_id()
        self.assertProblem(self.get(1, "trainer"), 403)
        self.assertEqual([r for r in self.audit_since(last) if r[4] == "customer.read"], [])

    def test_failed_read_writes_no_customer_row(self):
        last = self.last_audit_id()
        self.get(999999)
        self.srv.request("GET", "/api/v1/customers/1")  # no token
        self.assertEqual([r for r in self.audit_since(last) if r[5] is not None and r[4] == "customer.read"], [])

    def test_audit_list_is_for_supervisors_and_admins(self):
        self.assertJson(self.get(1))
        for user in ("advisor", "backoffice", "trainer"):
            with self.subTest(user=user):
                self.assertProblem(self.srv.request("GET", "/api/v1/audit?customer_id=1",
                                                    token=self.tokens[user]), 403)
        for user in ("supervisor", "admin"):
            with self.subTest(user=user):
                body = self.assertJson(self.srv.request("GET", "/api/v1/audit?customer_id=1",
                                                        token=self.tokens[user]))
                self.assertIsInstance(body.get("items"), list)
                self.assertIn("next_cursor", body)
                self.assertTrue(body["items"], "customer 1 has been read")
                for item in body["items"]:
                    self.assertEqual(item.get("customer_id"), "1")
                self.assertIn("customer.read", [i.get("action") for i in body["items"]])
                self.assertIn("advisor", [i.get("username") for i in body["items"]])

    def test_audit_list_newest_first(self):
        self.assertJson(self.get(1, "admin"))
        body = self.assertJson(self.srv.request("GET", "/api/v1/audit?customer_id=1&limit=1",
                                                token=self.tokens["supervisor"]))
        self.assertEqual(len(body["items"]), 1)
        self.assertEqual(body["items"][0].get("username"), "admin")


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
