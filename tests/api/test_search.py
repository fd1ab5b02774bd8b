#!/usr/bin/env python3
"""GET /api/v1/customers: every search form, ranking, item fields, paging."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import runner  # noqa: E402
from apitest import ApiTestCase, FdServer, db_scalar, name_matches, search, search_all  # noqa: E402

ITEM_FIELDS = ("id", "customer_ref", "display_name", "date_of_birth", "address_line", "postcode",
               "flags", "has_email")


class SearchTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = FdServer(customers=500).start()
        cls.token = cls.srv.login("advisor")

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()

    def find(self, q):
        """All results for q (every page)."""
        items, _ = search_all(self.srv, self.token, q)
        return items

    def assertFinds(self, q, cid):
        ids = [it["id"] for it in self.find(q)]
        self.assertIn(cid, ids, "search %r should find customer %s; got %d results" % (q, cid, len(ids)))

    def assertFirst(self, q, cid, match):
        body = self.assertJson(search(self.srv, self.token, q), msg="search %r:" % q)
        self.assertTrue(body["items"], "search %r found nothing" % q)
        first = body["items"][0]
        self.assertEqual(first["id"], cid, "search %r: customer %s should rank first, got %r" % (q, cid, first))
        self.assertEqual(first.get("match"), match, "search %r: match field" % q)

    # ---- names ---------------------------------------------------------------

    def test_obrien_in_every_spelling(self):
        for q in ("O'Brien", "o'brien", "OBRIEN", "obrien", "O\u2019Brien", "o brien"):
            with self.subTest(q=q):
                self.assertFinds(q, "1")

    def test_zoe_finds_zoe_with_diaeresis(self):
        for q in ("zoe", "Zoë", "ZOË", "ZOE"):
            with self.subTest(q=q):
                self.assertFinds(q, "1")

    def test_given_and_family_in_any_order(self):
        for q in ("zoe obrien", "obrien zoe", "Zoë O'Brien", "o'brien, zoë"):
            with self.subTest(q=q):
                items = self.find(q)
                self.assertIn("1", [it["id"] for it in items], q)
                # Every word must match: "zoe obrien" is not "zoe OR obrien".
                self.assertLessEqual(len(items), len(self.find("obrien")))

    def test_prefixes_and_hyphenated_names(self):
        for q in ("smi", "smith jones", "Smith-Jones", "smithjones", "jones smith", "sea smi", "SEÁN"):
            with self.subTest(q=q):
                self.assertFinds(q, "2")

    def test_welsh_name_without_accent(self):
        for q in ("sian llewellyn", "Siân", "llew"):
            with self.subTest(q=q):
                self.assertFinds(q, "3")

    def test_name_search_requires_every_word(self):
        expected = name_matches(self.srv.db_path, "zoe obrien")
        got = {it["id"] for it in self.find("zoe obrien")}
        self.assertEqual(got, expected)

    def test_no_match_is_empty_list(self):
        body = self.assertJson(search(self.srv, self.token, "qqxxzzyy"))
        self.assertEqual(body["items"], [])
        self.assertIsNone(body.get("next_cursor"))
        self.assertIn("next_cursor", body, "lists always carry next_cursor (null at the end)")

    # ---- identifiers rank first --------------------------------------------

    def test_postcode_with_or_without_space(self):
        for q in ("SW1A1AA", "sw1a 1aa", "SW1A 1AA", " sw1a1aa "):
            with self.subTest(q=q):
                self.assertFirst(q, "1", "postcode")
        self.assertFirst("fd1 1aa", "2", "postcode")

    def test_phone_in_any_format(self):
        for q in ("07700 900123", "07700900123", "+44 7700 900123", "(07700) 900-123",
                  "+44 (0)7700 900123", "0044 7700 900123", "07700.900.123"):
            with self.subTest(q=q):
                self.assertFirst(q, "1", "phone")
        self.assertFirst("01632 960001", "2", "phone")

    def test_email_any_case(self):
        for q in ("zoe.obrien@example.org", "ZOE.OBRIEN@EXAMPLE.ORG", "Zoe.OBrien@Example.org"):
            with self.subTest(q=q):
                self.assertFirst(q, "1", "email")

    def test_customer_reference(self):
        for q in ("CUS0000001", "cus0000001"):
            with self.subTest(q=q):
                self.assertFirst(q, "1", "customer_ref")
        self.assertFirst("CUS0000003", "3", "customer_ref")

    def test_account_reference(self):
        for q in ("CT00000001", "ct00000001"):
            with self.subTest(q=q):
                self.assertFirst(q, "1", "account")
        self.assertFirst("WS0000002", "2", "account")
        self.assertFirst("BB0000003", "3", "account")

    def test_identifier_matches_come_before_name_matches(self):
        for q in ("SW1A 1AA", "07700 900123", "smith", "fd1 1aa"):
            with self.subTest(q=q):
                kinds = [it.get("match") for it in self.find(q)]
                names = [i for i, k in enumerate(kinds) if k == "name"]
                others = [i for i, k in enumerate(kinds) if k != "name"]
                if names and others:
                    self.assertLess(max(others), min(names), "%r: %r" % (q, kinds))

    def test_identifier_found_once(self):
        ids = [it["id"] for it in self.find("CUS0000002")]
        self.assertEqual(ids.count("2"), 1, ids)

    # ---- items ---------------------------------------------------------------

    def test_items_carry_what_picks_the_right_person(self):
        body = self.assertJson(search(self.srv, self.token, "CUS0000001"))
        item = body["items"][0]
        for field in ITEM_FIELDS:
            self.assertIn(field, item, "item lacks %s: %r" % (field, item))
        self.assertEqual(item["customer_ref"], "CUS0000001")
        self.assertEqual(item["display_name"], "Ms Zoë O'Brien")
        self.assertEqual(item["date_of_birth"], "1961-04-09")
        self.assertEqual(item["postcode"], "SW1A 1AA")
        self.assertIn("1 Example Street", item["address_line"])
        self.assertEqual(item["flags"], ["cautionary_contact"])
        self.assertIs(item["has_email"], True)

    def test_digitally_excluded_customer_has_no_email(self):
        item = self.assertJson(search(self.srv, self.token, "CUS0000002"))["items"][0]
        self.assertIs(item["has_email"], False)
        self.assertEqual(item["flags"], ["vulnerable_adult"])
        self.assertEqual(item["date_of_birth"], "1975-11-30")

    def test_every_item_is_well_formed(self):
        for item in self.find("s"):
            for field in ITEM_FIELDS:
                self.assertIn(field, item)
            self.assertIsInstance(item["id"], str)
            self.assertIsInstance(item["flags"], list)
            self.assertIsInstance(item["has_email"], bool)

    # ---- parameters ------------------------------------------------------------

    def test_limit_bounds(self):
        for limit in ("0", "101", "1000", "-1", "abc", "1.5", ""):
            with self.subTest(limit=limit):
                self.assertProblem(search(self.srv, self.token, "smith", limit=limit), 400, field="limit")
        for limit in ("1", "100"):
            with self.subTest(limit=limit):
                body = self.assertJson(search(self.srv, self.token, "s", limit=limit))
                self.assertLessEqual(len(body["items"]), int(limit))
        self.assertEqual(len(self.assertJson(search(self.srv, self.token, "s", limit=1))["items"]), 1)

    def test_default_limit_is_at_most_100(self):
        body = self.assertJson(search(self.srv, self.token, "s"))
        self.assertLessEqual(len(body["items"]), 100)
        self.assertIsNotNone(body.get("next_cursor"), "'s' matches more than one page here")

    def test_missing_or_empty_query_is_400(self):
        self.assertProblem(self.srv.request("GET", "/api/v1/customers", token=self.token), 400, field="q")
        self.assertProblem(search(self.srv, self.token, ""), 400, field="q")
        self.assertProblem(search(self.srv, self.token, "   "), 400, field="q")

    def test_overlong_query_is_400(self):
        self.assertProblem(search(self.srv, self.token, "a" * 1000), 400, field="q")

    def test_bad_cursor_is_400(self):
        for cursor in ("nonsense", "9.9", "-1", "1.-5", "x" * 300):
            with self.subTest(cursor=cursor):
                self.assertProblem(search(self.srv, self.token, "smith", cursor=cursor), 400, field="cursor")

    def test_search_needs_a_token(self):
        self.assertProblem(search(self.srv, None, "smith"), 401)


class PagingTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = FdServer(customers=2000).start()
        cls.token = cls.srv.login("advisor")

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()

    def test_cursor_walks_a_large_result_exactly_once(self):
        expected = name_matches(self.srv.db_path, "s")
        self.assertGreater(len(expected), 100, "the prefix should match several pages")
        items, pages = search_all(self.srv, self.token, "s", limit=25)
        ids = [it["id"] for it in items]
        self.assertEqual(len(ids), len(set(ids)), "duplicates across pages")
        self.assertEqual(len(ids), len(expected), "total differs from the count sqlite3 gives")
        self.assertEqual(set(ids), expected)
        self.assertEqual(pages, -(-len(expected) // 25), "pages of 25")

    def test_every_page_is_full_but_the_last(self):
        cursor, sizes = None, []
        while True:
            body = self.assertJson(search(self.srv, self.token, "m", limit=25, cursor=cursor))
            sizes.append(len(body["items"]))
            cursor = body.get("next_cursor")
            if not cursor:
                break
            self.assertIsInstance(cursor, str)
        self.assertTrue(all(n == 25 for n in sizes[:-1]), sizes)
        self.assertGreater(sizes[-1], 0, "a last page should not be empty: %r" % sizes)

    def test_cursor_is_stable_when_repeated(self):
        first = self.assertJson(search(self.srv, self.token, "s", limit=25))
        a = self.assertJson(search(self.srv, self.token, "s", limit=25, cursor=first["next_cursor"]))
        b = self.assertJson(search(self.srv, self.token, "s", limit=25, cursor=first["next_cursor"]))
        self.assertEqual([i["id"] for i in a["items"]], [i["id"] for i in b["items"]])

    def test_paging_through_identifier_then_name_results(self):
        # A postcode shared by several customers, paged one at a time.
        pc = db_scalar(self.srv.db_path,
                       "SELECT postcode FROM addresses WHERE position = 0 GROUP BY postcode"
                       " ORDER BY COUNT(*) DESC, postcode LIMIT 1")
        expected = db_scalar(self.srv.db_path,
                             "SELECT COUNT(DISTINCT customer_id) FROM addresses WHERE postcode = ?", pc)
        items, _ = search_all(self.srv, self.token, pc, limit=1)
        ids = [it["id"] for it in items]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertGreaterEqual(len(ids), expected, "postcode %s" % pc)
        self.assertEqual({it["match"] for it in items[:expected]}, {"postcode"})


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
