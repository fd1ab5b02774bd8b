#!/usr/bin/env python3
"""Every read of personal data is audited against the person (issue 10.5).

Reads carrying details beyond a name (GET /cases/{ref}: date of birth,
phones, e-mail, address, flags; GET /customers/{id}/contacts; GET
/callbacks: phone numbers) write one audit row per customer, naming the
customer. Lists of names and references (queue items, my cases, possible
matches) write one row per request linking every customer shown, and
GET /audit?customer_id= finds those rows too; so does a customer search
(dates of birth and addresses), whose row never holds the query text. An unchanged list fetched
again by the same user within 15 minutes is not audited again. The audit
row keeps the server's request id; a caller's X-Request-Id is kept only as
client_request_id. And nothing is shown that the trail could not record:
with audit writes failing, those reads answer 503 and show nothing."""
import datetime
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netkit import in_parallel  # noqa: E402
from casekit import (DROP, CaseApi, RolesServer, db_rows, db_scalar, db_write, iso,  # noqa: E402
                     now_utc, qs, quote, runner, user_id)


class AuditReadsTest(RolesServer, CaseApi):
    customers = 60

    # ---- helpers ------------------------------------------------------------

    def last_audit(self):
        return db_scalar(self.srv.db_path, "SELECT COALESCE(MAX(id), 0) FROM audit")

    def rows_since(self, last, action=None):
        """(id, username, action, customer_id, reason, request_id,
        client_request_id, [customers linked]) for each row after last."""
        rows = db_rows(self.srv.db_path,
                       "SELECT id, username, action, customer_id, reason, request_id,"
                       " client_request_id FROM audit WHERE id > ? AND (? IS NULL OR action = ?)"
                       " ORDER BY id", last, action, action)
        out = []
        for row in rows:
            linked = sorted(r[0] for r in db_rows(
                self.srv.db_path, "SELECT customer_id FROM audit_subjects WHERE audit_id = ?",
                row[0]))
            out.append(row + (linked,))
        return out

    def trail(self, customer_id):
        """GET /audit?customer_id= as the supervisor: every entry."""
        body = self.ok(self.req("GET", "/api/v1/audit?" + qs(customer_id=customer_id, limit=100),
                                user="supervisor"))
        return body["items"]

    def book(self, customer_id, team="revenues", user="advisor"):
        body = {"customer_id": str(customer_id), "phone": "07700 900%03d" % customer_id,
                "due_at": iso(now_utc() - datetime.timedelta(minutes=1)),
                "reason": "Wants a call about the bill", "team_code": team}
        return self.ok(self.req("POST", "/api/v1/callbacks", body, user=user), 201)

    # ---- reads with personal details: one row per customer -------------------

    def test_case_read_is_on_the_customers_trail(self):
        ref = self.create(customer_id="3")["ref"]
        last = self.last_audit()
        case = self.case(ref)
        self.assertEqual(case["customer"]["id"], "3")
        self.assertIn("date_of_birth", case["customer"])
        rows = self.rows_since(last, "case.read")
        self.assertEqual([(r[1], r[3], r[4]) for r in rows], [("advisor", 3, ref)])
        self.assertIn(rows[0][0], [int(e["id"]) for e in self.trail(3)])

    def test_case_without_a_customer_reads_with_no_customer(self):
        ref = self.create(customer_id=DROP, summary="Pothole on Fixture Lane")["ref"]
        last = self.last_audit()
        self.case(ref)
        rows = self.rows_since(last, "case.read")
        self.assertEqual([(r[3], r[4]) for r in rows], [(None, ref)])

    def test_customer_contacts_are_audited(self):
        from contactkit import contact_body
        self.ok(self.req("POST", "/api/v1/contacts", contact_body(customer_id="4")), 201)
        last = self.last_audit()
        items = self.ok(self.req("GET", "/api/v1/customers/4/contacts"))["items"]
        self.assertTrue(items)
        rows = self.rows_since(last)
        self.assertEqual([(r[2], r[3]) for r in rows], [("customer.contacts", 4)])

    def test_a_contact_read_is_on_the_customers_trail(self):
        from contactkit import contact_body
        contact = self.ok(self.req("POST", "/api/v1/contacts", contact_body(
            customer_id="9", note="Rang about the bin; lives alone, hard of hearing.")), 201)
        last = self.last_audit()
        self.ok(self.req("GET", "/api/v1/contacts/" + contact["id"]))
        rows = self.rows_since(last)
        self.assertEqual([(r[2], r[3], r[4]) for r in rows], [("contact.read", 9, contact["id"])])

    def test_callbacks_list_one_row_per_customer(self):
        self.book(11, team="highways")
        self.book(12, team="highways")
        last = self.last_audit()
        items = self.ok(self.req("GET", "/api/v1/callbacks?team=highways"))["items"]
        shown = sorted({int(b["customer_id"]) for b in items})
        self.assertEqual(shown, [11, 12])
        rows = self.rows_since(last)
        self.assertEqual(sorted((r[2], r[3]) for r in rows),
                         [("callback.list", 11), ("callback.list", 12)])
        self.assertEqual(len({r[5] for r in rows}), 1, "one request, one request id: %r" % rows)
        for cid in (11, 12):
            self.assertIn("callback.list", [e["action"] for e in self.trail(cid)])

    # ---- lists of names: one row per request, every customer linked ----------

    def test_queue_items_one_row_naming_everyone_shown(self):
        refs = [self.create(customer_id=str(cid), service_code="noise_nuisance",
                            summary="Noise next door %d" % cid)["ref"] for cid in (21, 22)]
        self.create(customer_id=DROP, service_code="noise_nuisance", summary="Noise, no caller")
        last = self.last_audit()
        items = self.queue("environmental_health")
        self.assertTrue(set(refs) <= {i["ref"] for i in items})
        rows = self.rows_since(last)
        self.assertEqual(len(rows), 1, rows)
        _, username, action, customer, reason, _, _, linked = rows[0]
        self.assertEqual((username, action, customer, reason),
                         ("backoffice", "queue.items", None, "environmental_health"))
        self.assertEqual(linked, [21, 22])
        entry = [e for e in self.trail(22) if e["id"] == str(rows[0][0])]
        self.assertEqual(len(entry), 1, "GET /audit?customer_id=22 finds the list row")
        self.assertEqual(sorted(entry[0]["customer_ids"]), ["21", "22"])
        self.assertIsNone(entry[0]["customer_id"])

    def test_my_cases_one_row(self):
        ref = self.create(customer_id="23", service_code="missed_bin")["ref"]
        self.ok(self.req("POST", "/api/v1/cases/%s/handoff" % quote(ref),
                         {"assignee": "backoffice", "reason": "Warm transfer"}))
        last = self.last_audit()
        mine = self.ok(self.req("GET", "/api/v1/cases?assignee=me", user="backoffice"))["items"]
        self.assertIn(ref, [c["ref"] for c in mine])
        rows = self.rows_since(last)
        self.assertEqual([(r[1], r[2], r[3]) for r in rows], [("backoffice", "case.mine", None)])
        self.assertIn(23, rows[0][7])

    def test_matches_one_row(self):
        last = self.last_audit()
        page = self.ok(self.req("GET", "/api/v1/customers/matches?" + qs(
            given_name="zoe", family_name="OBrien", postcode="SW1A 1AA")))
        self.assertEqual([m["id"] for m in page["items"]], ["1"])
        rows = self.rows_since(last)
        self.assertEqual([(r[2], r[3], r[7]) for r in rows], [("customer.matches", None, [1])])

    def test_an_empty_list_records_nothing(self):
        last = self.last_audit()
        self.assertEqual(self.queue("contact_centre"), [])
        self.assertEqual(self.rows_since(last), [])

    # ---- customer search: a list with dates of birth and addresses ------------

    def search(self, q, user="advisor", **params):
        return self.ok(self.req("GET", "/api/v1/customers?" + qs(q=q, **params), user=user))

    def test_search_one_row_on_every_shown_customers_trail(self):
        last = self.last_audit()
        page = self.search("s", limit=5)
        shown = sorted(int(it["id"]) for it in page["items"])
        self.assertGreater(len(shown), 1, "a page of several customers")
        rows = self.rows_since(last)
        self.assertEqual([(r[1], r[2], r[3], r[4], r[7]) for r in rows],
                         [("advisor", "customer.search", None, None, shown)])
        for cid in shown:
            entries = [e for e in self.trail(cid) if e["id"] == str(rows[0][0])]
            self.assertEqual(len(entries), 1, "customer %d's trail has the search" % cid)
            self.assertEqual((entries[0]["action"], entries[0]["username"]),
                             ("customer.search", "advisor"))

    def test_search_text_is_not_stored(self):
        phone = db_scalar(self.srv.db_path, "SELECT phone FROM customers WHERE id = 3")
        self.assertTrue(phone)
        last = self.last_audit()
        page = self.search(phone)
        self.assertIn("3", [it["id"] for it in page["items"]])
        self.assertEqual([r[2] for r in self.rows_since(last)], ["customer.search"])
        digits = "".join(ch for ch in phone if ch.isdigit())
        stored = " ".join(str(v) for table in ("audit", "audit_subjects")
                          for row in db_rows(self.srv.db_path, "SELECT * FROM " + table)
                          for v in row)
        self.assertNotIn(phone, stored)
        self.assertNotIn(digits, stored.replace(" ", ""))
        self.assertNotIn(digits, str(self.trail(3)).replace(" ", ""))

    def test_concurrent_searches_all_shown_and_all_audited(self):
        # Each search's audit row commits while the others read: the
        # snapshots they read in go stale and are read again under the lock.
        refs = db_rows(self.srv.db_path, "SELECT id, customer_ref FROM customers"
                       " WHERE id BETWEEN 10 AND 57 ORDER BY id")
        last = self.last_audit()

        def searches(i):
            out = []
            for cid, ref in refs[i::4]:
                status, _, body = self.req("GET", "/api/v1/customers?" + qs(q=ref))
                out.append((cid, status, [it["id"] for it in body.get("items", [])]))
            return out
        results = [r for part in in_parallel(4, searches) for r in part]
        self.assertEqual([(c, st, str(c) in ids) for c, st, ids in results],
                         [(c, 200, True) for c, st, ids in results])
        linked = set(c for row in self.rows_since(last, "customer.search") for c in row[7])
        self.assertEqual(set(c for c, _ in refs) - linked, set())

    def test_search_finding_nothing_records_nothing(self):
        last = self.last_audit()
        self.assertEqual(self.search("qqqzzzxxnobody")["items"], [])
        self.assertEqual(self.rows_since(last), [])

    def test_same_search_page_not_reaudited_within_15_minutes(self):
        last = self.last_audit()
        for _ in range(3):
            self.search("obrien", user="supervisor")
        rows = self.rows_since(last, "customer.search")
        self.assertEqual(len(rows), 1, "three identical pages: one row")
        # a different page is a new read
        self.search("s", user="supervisor", limit=2)
        self.assertEqual(len(self.rows_since(last, "customer.search")), 2)
        # 16 minutes on, the same page is audited again
        db_write(self.srv.db_path, "UPDATE audit SET at = ? WHERE user_id = ?"
                 " AND action = 'customer.search'",
                 iso(now_utc() - datetime.timedelta(minutes=16)),
                 user_id(self.srv.db_path, "supervisor"))
        mark = self.last_audit()
        self.search("obrien", user="supervisor")
        self.assertEqual([r[2] for r in self.rows_since(mark)], ["customer.search"])

    # ---- polling ---------------------------------------------------------------

    def test_unchanged_list_is_not_reaudited_within_15_minutes(self):
        team = "parking"
        self.create(customer_id="31", service_code="parking_permit", summary="Permit 1")
        last = self.last_audit()
        self.queue(team)
        self.queue(team)
        self.queue(team)
        first = self.rows_since(last, "queue.items")
        self.assertEqual(len(first), 1, "three polls of an unchanged list: one row")
        # someone else polling the same list is their own read
        self.queue(team, user="supervisor")
        self.assertEqual([r[1] for r in self.rows_since(last, "queue.items")],
                         ["backoffice", "supervisor"])
        # a changed list is a new read
        self.create(customer_id="32", service_code="parking_permit", summary="Permit 2")
        self.queue(team)
        rows = self.rows_since(first[0][0], "queue.items")
        self.assertEqual([(r[1], r[7]) for r in rows if r[1] == "backoffice"],
                         [("backoffice", [31, 32])])
        # 16 minutes on, the same list is audited again
        mark = self.last_audit()
        self.queue(team)
        self.assertEqual(self.rows_since(mark), [])
        db_write(self.srv.db_path, "UPDATE audit SET at = ? WHERE user_id = ? AND action = 'queue.items'",
                 iso(now_utc() - datetime.timedelta(minutes=16)),
                 user_id(self.srv.db_path, "backoffice"))
        self.queue(team)
        self.assertEqual(len(self.rows_since(mark, "queue.items")), 1)
        # leave the parking queue empty for others
        while self.claim(team, user="supervisor")[0] == 200:
            pass

    def test_callbacks_polled_unchanged_not_reaudited(self):
        self.book(41, team="waste_services")
        last = self.last_audit()
        for _ in range(3):
            self.ok(self.req("GET", "/api/v1/callbacks?team=waste_services"))
        self.assertEqual([r[3] for r in self.rows_since(last)], [41])

    def test_single_records_are_audited_every_time(self):
        ref = self.create(customer_id="5")["ref"]
        last = self.last_audit()
        self.case(ref)
        self.case(ref)
        self.assertEqual(len(self.rows_since(last, "case.read")), 2)

    # ---- request ids -------------------------------------------------------------

    def test_the_audit_keeps_the_servers_request_id(self):
        last = self.last_audit()
        status, headers, _ = self.req("GET", "/api/v1/customers/6",
                                      headers={"X-Request-Id": "till-7-0042"})
        self.assertEqual(status, 200)
        rows = self.rows_since(last, "customer.read")
        self.assertEqual(len(rows), 1, rows)
        request_id, client_id = rows[0][5], rows[0][6]
        self.assertNotEqual(request_id, "till-7-0042")
        self.assertEqual(request_id, headers["x-request-id"],
                         "the response names the request as the audit does")
        self.assertEqual(client_id, "till-7-0042")
        entry = [e for e in self.trail(6) if e["id"] == str(rows[0][0])][0]
        self.assertEqual((entry["request_id"], entry["client_request_id"]),
                         (request_id, "till-7-0042"))

    def test_a_caller_cannot_reuse_a_request_id(self):
        _, first, _ = self.req("GET", "/api/v1/me")
        last = self.last_audit()
        self.req("GET", "/api/v1/customers/7", headers={"X-Request-Id": first["x-request-id"]})
        rows = self.rows_since(last, "customer.read")
        self.assertNotEqual(rows[0][5], first["x-request-id"])
        # a caller's id that is not plain is not kept at all
        last = self.last_audit()
        self.req("GET", "/api/v1/customers/7", headers={"X-Request-Id": "a b;c"})
        self.assertIsNone(self.rows_since(last, "customer.read")[0][6])

    # ---- nothing unaudited is shown ----------------------------------------------

    def test_reads_refused_when_the_audit_cannot_be_written(self):
        ref = self.create(customer_id="8", service_code="bulky_waste", summary="Sofa")["ref"]
        self.book(8, team="customer_services_back_office")
        con = sqlite3.connect(self.srv.db_path, timeout=30)
        con.execute("CREATE TRIGGER audit_broken BEFORE INSERT ON audit"
                    " BEGIN SELECT RAISE(ABORT, 'audit disk full'); END")
        con.commit()
        try:
            reads = [("GET", "/api/v1/cases/" + quote(ref), "advisor"),
                     ("GET", "/api/v1/customers/8", "advisor"),
                     ("GET", "/api/v1/callbacks?team=customer_services_back_office", "advisor"),
                     ("GET", "/api/v1/queues/waste_services/items", "backoffice"),
                     ("GET", "/api/v1/customers/matches?" + qs(
                         given_name="zoe", family_name="OBrien", postcode="SW1A 1AA"), "admin"),
                     ("GET", "/api/v1/customers?" + qs(q="obrien"), "admin")]
            for method, path, user in reads:
                with self.subTest(path=path):
                    status, headers, body = self.req(method, path, user=user)
                    self.assertEqual(status, 503, "%s: %r" % (path, body))
                    self.assertNotIn("etag", headers)
                    self.assertNotIn("07700", str(body))
        finally:
            con.execute("DROP TRIGGER audit_broken")
            con.commit()
            con.close()
        self.ok(self.req("GET", "/api/v1/cases/" + quote(ref)))


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
