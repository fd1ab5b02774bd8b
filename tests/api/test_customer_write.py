#!/usr/bin/env python3
"""Tell us once: POST /api/v1/customers (with the duplicate check and
confirmed_new), GET /api/v1/customers/matches, and PATCH
/api/v1/customers/{id} with If-Match (428 / 412 with the current record /
200 with a new ETag), audited by field name only, with the search index
following the change."""
import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from contactkit import (ApiCase, RolesServer, contact_body, db_rows, db_scalar,  # noqa: E402
                        qs, runner)


def new_person(**over):
    body = {"given_name": "Gwenllian", "family_name": "Ap-Rhys",
            "address": {"line1": "3 Sample Close", "town": "Testbury", "postcode": "fd1 9zz"}}
    body.update(over)
    return body


def unique_surname():
    return "Testperson" + uuid.uuid4().hex[:8]


class CustomerWriteTest(RolesServer, ApiCase):
    customers = 200

    def create(self, body, user="advisor", headers=None):
        return self.srv.request("POST", "/api/v1/customers", body, token=self.tokens[user],
                                headers=headers)

    def patch(self, cid, body, etag, user="advisor"):
        hdrs = {"If-Match": etag} if etag is not None else {}
        return self.srv.request("PATCH", "/api/v1/customers/%s" % cid, body,
                                token=self.tokens[user], headers=hdrs)

    def search_ids(self, q):
        status, _, body = self.get("/api/v1/customers?" + qs(q=q, limit=100))
        self.assertEqual(status, 200, body)
        return [i["id"] for i in body["items"]]

    def fresh_customer(self, **over):
        """A new customer with a unique name and postcode; returns (record, etag)."""
        n = uuid.uuid4().int
        body = new_person(family_name=unique_surname(), confirmed_new=True,
                          address={"line1": "%d Fresh Street" % (n % 900 + 1), "town": "Testbury",
                                   "postcode": "FD%d %d%s" % (n % 9 + 1, n % 10, "XY")})
        body.update(over)
        status, headers, rec = self.create(body)
        self.assertEqual(status, 201, rec)
        return rec, headers["etag"]

    # ---- create ---------------------------------------------------------------

    def test_create_minimal(self):
        family = unique_surname()
        status, headers, c = self.create(new_person(family_name=family))
        self.assertEqual(status, 201, c)
        self.assertRegex(c["id"], r"^[0-9]+$")
        self.assertEqual(headers.get("location"), "/api/v1/customers/" + c["id"])
        self.assertEqual(headers.get("etag"), '"%d"' % c["version"])
        self.assertEqual((c["given_name"], c["family_name"]), ("Gwenllian", family))
        self.assertEqual(len(c["addresses"]), 1)
        addr = c["addresses"][0]
        self.assertEqual((addr["kind"], addr["line1"], addr["town"], addr["postcode"]),
                         ("home", "3 Sample Close", "Testbury", "FD1 9ZZ"))
        self.assertEqual(c["recent_contacts"], [])
        self.assertEqual(c["contacts_last_7_days"], 0)
        self.assertRegex(c.get("customer_ref", ""), r"^CUS[0-9]+$")
        # the Location serves the same record
        status, h2, again = self.get(headers["location"])
        self.assertEqual(status, 200)
        self.assertEqual(again["id"], c["id"])
        self.assertEqual(h2.get("etag"), headers["etag"])
        audit = db_rows(self.srv.db_path, "SELECT action, username FROM audit WHERE"
                        " customer_id = ? AND action = 'customer.create'", int(c["id"]))
        self.assertEqual(audit, [("customer.create", "advisor")])

    def test_create_everything_and_find_it(self):
        family = unique_surname()
        body = new_person(family_name=family, title="Dr", date_of_birth="1980-02-29",
                          phone="01632 960555", mobile="07700 900555",
                          email="Gwen.%s@Example.org" % family, preferred_channel="letter",
                          accessibility_needs="Large print",
                          address={"line1": "Flat 2", "line2": "9 Sample Road", "town": "Testbury",
                                   "postcode": "fd3 7qq"})
        c = self.ok(self.create(body), 201)
        for key in ("title", "date_of_birth", "phone", "mobile", "preferred_channel",
                    "accessibility_needs"):
            self.assertEqual(c.get(key), body[key], key)
        self.assertEqual(c["email"].lower(), body["email"].lower())
        self.assertEqual(c["addresses"][0]["line2"], "9 Sample Road")
        self.assertEqual(c["addresses"][0]["postcode"], "FD3 7QQ")
        for q in (family, "gwen " + family.lower(), "FD37QQ", "fd3 7qq", "01632960555",
                  "+44 7700 900555", body["email"].lower()):
            self.assertIn(c["id"], self.search_ids(q), "search %r" % q)

    def test_create_validation_lists_every_field(self):
        before = db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM customers")
        resp = self.create({"title": "Mx", "date_of_birth": "1990-13-01", "email": "not-an-email",
                            "phone": "12", "preferred_channel": "pigeon", "nickname": "x"})
        self.problem(resp, 400, "given_name", "family_name", "address", "date_of_birth", "email",
                     "phone", "preferred_channel", "nickname")
        self.problem(self.create(new_person(address="1 A Street")), 400, "address")
        self.problem(self.create(new_person(date_of_birth="29/02/1980")), 400, "date_of_birth")
        self.problem(self.create(new_person(given_name="  ")), 400, "given_name")
        self.problem(self.create(new_person(confirmed_new="yes")), 400, "confirmed_new")
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM customers"), before)

    def test_postcode_must_look_like_a_uk_postcode(self):
        # "Enter a UK postcode such as FD1 2AB": five to seven letters and
        # digits are not enough (outward code, then digit + two letters)
        for bad in ("NOT A PC", "12345", "ABCDEFG", "SW1A AAA"):
            resp = self.create(new_person(family_name=unique_surname(),
                                          address={"line1": "1 A St", "town": "Testbury",
                                                   "postcode": bad}))
            self.problem(resp, 400, "address.postcode", msg=bad)
        for good in ("M1 1AA", "b33 8th", "CR26XH", "dn551pt", "W1A 0AX", "EC1A 1BB"):
            c = self.ok(self.create(new_person(family_name=unique_surname(),
                                               address={"line1": "1 A St", "town": "Testbury",
                                                        "postcode": good})), 201, good)
            self.assertEqual(c["addresses"][0]["postcode"].replace(" ", ""),
                             good.replace(" ", "").upper())

    def test_address_errors_name_the_nested_field(self):
        # errors[] fields are how a form finds the box to highlight: every
        # problem inside address is named address.<field>, like
        # address.postcode already is
        resp = self.create(new_person(address={"postcode": "FD1 2AB"}))
        self.problem(resp, 400, "address.line1", "address.town")
        rec, etag = self.fresh_customer()
        resp = self.patch(rec["id"], {"address": {"line1": "1 New St"}}, etag)
        self.problem(resp, 400, "address.town", "address.postcode")

    def test_create_roles(self):
        self.problem(self.create(new_person(family_name=unique_surname()), user="trainer"), 403)
        self.problem(self.srv.request("POST", "/api/v1/customers", new_person()), 401)
        for user in ("backoffice", "supervisor", "admin"):
            self.ok(self.create(new_person(family_name=unique_surname()), user=user), 201, user)

    # ---- the duplicate check ------------------------------------------------------

    def test_same_name_and_postcode_is_a_likely_duplicate(self):
        before = db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM customers")
        body = new_person(given_name="Zoe", family_name="OBrien",
                          address={"line1": "Flat 9", "town": "London", "postcode": "sw1a1aa"})
        p = self.problem(self.create(body), 409)
        self.assertEqual(p["matches"], [{"id": "1", "given_name": "Zoë", "family_name": "O'Brien"}])
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM customers"), before)
        # the advisor has checked: it really is someone else
        body["confirmed_new"] = True
        c = self.ok(self.create(body), 201)
        self.assertNotEqual(c["id"], "1")

    def test_same_name_and_phone_or_email_is_a_likely_duplicate(self):
        elsewhere = {"line1": "1 Far Away", "town": "Elsewhere", "postcode": "FD8 8XX"}
        p = self.problem(self.create(new_person(given_name="Sean", family_name="Smith-Jones",
                                                phone="+44 1632 960001", address=elsewhere)), 409)
        self.assertIn("2", [m["id"] for m in p["matches"]], p)
        p = self.problem(self.create(new_person(given_name="ZOË", family_name="o'brien",
                                                email="Zoe.OBrien@example.org", address=elsewhere)),
                         409)
        self.assertIn("1", [m["id"] for m in p["matches"]], p)
        p = self.problem(self.create(new_person(given_name="Zoe", family_name="O'Brien",
                                                mobile="07700900123", address=elsewhere)), 409)
        self.assertIn("1", [m["id"] for m in p["matches"]], p)

    def test_same_name_elsewhere_or_other_name_same_address_is_not(self):
        elsewhere = {"line1": "1 Far Away", "town": "Elsewhere", "postcode": "FD8 8XY"}
        self.ok(self.create(new_person(given_name="Zoe", family_name="O'Brien", address=elsewhere)),
                201)
        self.ok(self.create(new_person(given_name="Ziggy", family_name="O'Brien",
                                       address={"line1": "1 Example Street", "town": "London",
                                                "postcode": "SW1A 1AA"})), 201)

    def test_matches_route(self):
        page = self.ok(self.get("/api/v1/customers/matches?" + qs(
            given_name="zoe", family_name="OBrien", postcode="SW1A 1AA")))
        self.assertEqual(page["items"], [{"id": "1", "given_name": "Zoë", "family_name": "O'Brien"}])
        self.assertIsNone(page["next_cursor"])
        page = self.ok(self.get("/api/v1/customers/matches?" + qs(
            given_name="Seán", family_name="Smith-Jones", phone="01632 960001")))
        self.assertIn("2", [m["id"] for m in page["items"]])
        page = self.ok(self.get("/api/v1/customers/matches?" + qs(
            given_name="Zoe", family_name="OBrien", email="zoe.obrien@example.org")))
        self.assertIn("1", [m["id"] for m in page["items"]])
        # nothing to match on but the name: no matches
        page = self.ok(self.get("/api/v1/customers/matches?" + qs(given_name="Zoe",
                                                                   family_name="OBrien")))
        self.assertEqual(page["items"], [])
        page = self.ok(self.get("/api/v1/customers/matches?" + qs(
            given_name="Zoe", family_name="OBrien", postcode="FD9 9QQ")))
        self.assertEqual(page["items"], [])
        self.problem(self.get("/api/v1/customers/matches?" + qs(given_name="Zoe")), 400)
        self.problem(self.get("/api/v1/customers/matches?" + qs(family_name="OBrien")), 400)
        self.problem(self.get("/api/v1/customers/matches?" + qs(
            given_name="Zoe", family_name="x" * 101)), 400)
        self.problem(self.get("/api/v1/customers/matches?given_name=Zoe&family_name=OBrien",
                              user="trainer"), 403)

    # ---- PATCH with If-Match -----------------------------------------------------

    def test_patch_needs_if_match(self):
        rec, etag = self.fresh_customer()
        self.problem(self.patch(rec["id"], {"phone": "01632 960999"}, None), 428)
        # present but naming no version is 412, as on cases and the KB (issue 10.6)
        self.problem(self.patch(rec["id"], {"phone": "01632 960999"}, "garbage"), 412)
        self.assertIsNone(db_scalar(self.srv.db_path, "SELECT phone FROM customers WHERE id = ?",
                                    int(rec["id"])))

    def test_patch_with_current_etag(self):
        rec, etag = self.fresh_customer(mobile="07700 900777")
        body = {"phone": "01632 960444", "email": "new.address@example.org",
                "preferred_channel": "email", "accessibility_needs": "Needs a BSL interpreter",
                "language": "Welsh", "interpreter_language": "British Sign Language",
                "mobile": None}
        status, headers, c = self.patch(rec["id"], body, etag)
        self.assertEqual(status, 200, c)
        self.assertEqual(c["version"], rec["version"] + 1)
        self.assertEqual(headers.get("etag"), '"%d"' % c["version"])
        for key, value in body.items():
            self.assertEqual(c.get(key), value, key)
        status, h2, again = self.get("/api/v1/customers/" + rec["id"])
        self.assertEqual(h2.get("etag"), headers["etag"])
        for key, value in body.items():
            self.assertEqual(again.get(key), value, key)
        # weak and bare forms of the same ETag work too
        v = c["version"]
        c = self.ok(self.patch(rec["id"], {"phone": "01632 960445"}, 'W/"%d"' % v))
        c = self.ok(self.patch(rec["id"], {"phone": "01632 960446"}, "%d" % (v + 1)))
        self.assertEqual(c["version"], v + 2)

    def test_stale_etag_gets_412_with_the_current_record(self):
        rec, etag = self.fresh_customer()
        # advisor A changes the phone number ...
        a = self.ok(self.patch(rec["id"], {"phone": "01632 960111"}, etag))
        # ... advisor B, still looking at the old version, changes it too
        status, headers, p = self.patch(rec["id"], {"phone": "01632 960222"}, etag, user="backoffice")
        self.problem((status, headers, p), 412)
        self.assertEqual(p["current"]["phone"], "01632 960111")
        self.assertEqual(p["current"]["version"], a["version"])
        self.assertEqual(p["current"]["id"], rec["id"])
        self.assertIn("addresses", p["current"])
        self.assertEqual(headers.get("etag"), '"%d"' % a["version"])
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT phone FROM customers WHERE id = ?",
                                   int(rec["id"])), "01632 960111")
        # B applies the change again on the current version
        b = self.ok(self.patch(rec["id"], {"phone": "01632 960222"}, headers["etag"],
                               user="backoffice"))
        self.assertEqual(b["phone"], "01632 960222")

    def test_patch_validation(self):
        rec, etag = self.fresh_customer()
        cid = rec["id"]
        self.problem(self.patch(cid, {"given_name": "Bob", "shoe_size": 9}, etag), 400,
                     "given_name", "shoe_size")
        self.problem(self.patch(cid, {"phone": "nope", "email": "x@", "preferred_channel": "fax"},
                                etag), 400, "phone", "email", "preferred_channel")
        resp = self.patch(cid, {"address": {"line1": "1 New St"}}, etag)
        self.problem(resp, 400)
        self.assertEqual(len(resp[2]["errors"]), 2, resp[2])
        self.problem(self.patch(cid, {"address": None}, etag), 400, "address")
        self.problem(self.patch(cid, {"preferred_channel": None}, etag), 400, "preferred_channel")
        self.problem(self.patch(cid, {"language": None}, etag), 400, "language")
        self.problem(self.patch(cid, {}, etag), 400)
        self.problem(self.patch(cid, {"accessibility_needs": "x" * 201}, etag), 400,
                     "accessibility_needs")
        # nothing changed, not even the version
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT version FROM customers WHERE id = ?",
                                   int(cid)), rec["version"])
        self.problem(self.patch("999999", {"phone": "01632 960000"}, '"1"'), 404)
        self.problem(self.patch("abc", {"phone": "01632 960000"}, '"1"'), 404)

    def test_patch_roles(self):
        rec, etag = self.fresh_customer()
        self.problem(self.patch(rec["id"], {"phone": "01632 960333"}, etag, user="trainer"), 403)
        self.problem(self.srv.request("PATCH", "/api/v1/customers/" + rec["id"],
                                      {"phone": "01632 960333"}, headers={"If-Match": etag}), 401)
        for user in ("supervisor", "admin"):
            c = self.ok(self.patch(rec["id"], {"phone": "01632 960333"}, etag, user=user), msg=user)
            etag = '"%d"' % c["version"]

    def test_change_of_address_moves_the_search_index(self):
        rec, etag = self.fresh_customer()
        old_pc = rec["addresses"][0]["postcode"]
        self.assertIn(rec["id"], self.search_ids(old_pc))
        new = {"line1": "77 Moved Lane", "line2": None, "town": "Newtown", "postcode": "fd7 2ww"}
        c = self.ok(self.patch(rec["id"], {"address": new}, etag))
        self.assertEqual(len(c["addresses"]), 1)
        self.assertEqual((c["addresses"][0]["line1"], c["addresses"][0]["postcode"]),
                         ("77 Moved Lane", "FD7 2WW"))
        self.assertIn(rec["id"], self.search_ids("FD7 2WW"))
        self.assertIn(rec["id"], self.search_ids("fd72ww"))
        self.assertNotIn(rec["id"], self.search_ids(old_pc))
        # the phone number in the index follows too
        c = self.ok(self.patch(rec["id"], {"phone": "01632 960888"}, '"%d"' % c["version"]))
        self.assertIn(rec["id"], self.search_ids("01632960888"))
        self.ok(self.patch(rec["id"], {"phone": None}, '"%d"' % c["version"]))
        self.assertNotIn(rec["id"], self.search_ids("01632960888"))

    def test_audit_names_fields_never_values(self):
        rec, etag = self.fresh_customer()
        values = {"phone": "01632 960123", "email": "secret.person@example.org",
                  "accessibility_needs": "Deafblind; uses Braille",
                  "address": {"line1": "13 Hidden Mews", "town": "Secretville", "postcode": "FD6 6HM"}}
        self.ok(self.patch(rec["id"], values, etag))
        rows = db_rows(self.srv.db_path, "SELECT action, username, reason FROM audit"
                       " WHERE customer_id = ? AND action = 'customer.update'", int(rec["id"]))
        self.assertEqual(len(rows), 1, rows)
        action, username, reason = rows[0]
        self.assertEqual(username, "advisor")
        self.assertEqual(sorted(reason.split(",")), ["accessibility_needs", "address", "email",
                                                     "phone"])
        # no value (in any spelling) anywhere in the audit table
        everything = " ".join(str(v) for row in db_rows(self.srv.db_path, "SELECT * FROM audit")
                              for v in row).lower()
        for needle in ("960123", "01632960123", "secret.person", "deafblind", "braille",
                       "hidden mews", "secretville", "fd6 6hm", "fd66hm"):
            self.assertNotIn(needle, everything)

    def test_stale_read_after_create(self):
        # After a customer is created, every thread of the server must still
        # see new writes and accept writes of its own (a statement left
        # unreset would pin one connection to an old snapshot).
        self.fresh_customer()
        tok = self.tokens["advisor"]
        failures = []
        for i in range(40):
            status, _, c = self.srv.request("POST", "/api/v1/contacts",
                                            contact_body(customer_id="12"), token=tok)
            if status != 201:
                failures.append("write %d: %d %s" % (i, status, c.get("detail")))
                continue
            status, _, _ = self.srv.request("GET", "/api/v1/contacts/" + c["id"], token=tok)
            if status != 200:
                failures.append("read-back of contact %s: %d" % (c["id"], status))
        self.assertEqual(failures, [])


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
