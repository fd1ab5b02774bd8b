#!/usr/bin/env python3
"""Names in Cyrillic, Greek and Chinese (issue 10, F1): they are found by
each word, by prefix, in any order and whatever their case, the duplicate
check tells different non-Latin names apart, and a database written by an
older frontdoord (whose keys for these names were empty) finds them after
a restart. Latin folding is pinned by test_search.py."""
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from casekit import CaseApi, RolesServer, qs, runner  # noqa: E402
from apitest import name_matches  # noqa: E402,I100

POSTCODE = "FD2 1AB"
OLENA = ("Олена", "Шевченко")
NIKOS = ("Νίκος", "Παπαδόπουλος")
WANG = ("小明", "王")


def customer(given, family, postcode=POSTCODE, **over):
    body = {"given_name": given, "family_name": family,
            "address": {"line1": "5 Test St", "town": "Testbury", "postcode": postcode}}
    body.update(over)
    return body


class ScriptNamesTest(RolesServer, CaseApi):
    customers = 30

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ids = {}
        for given, family in (OLENA, NIKOS, WANG):
            status, _, body = cls.srv.request("POST", "/api/v1/customers",
                                              customer(given, family, confirmed_new=True),
                                              token=cls.tokens["advisor"])
            assert status == 201, body
            cls.ids[family] = body["id"]

    def found(self, q):
        body = self.ok(self.req("GET", "/api/v1/customers?" + qs(q=q, limit=100)),
                       msg="search %r" % q)
        return {i["id"] for i in body["items"]}

    def assertFinds(self, q, family, only=True):
        got = self.found(q)
        self.assertIn(self.ids[family], got, "search %r" % q)
        others = {v for k, v in self.ids.items() if k != family}
        self.assertFalse(got & others, "search %r also found another script's name" % q)

    def test_found_by_each_word(self):
        for (given, family) in (OLENA, NIKOS, WANG):
            for word in (given, family):
                with self.subTest(word=word):
                    self.assertFinds(word, family)

    def test_found_by_prefix_and_in_any_order(self):
        for q in ("Шев", "Оле Шевч", "Шевченко Олена", "Шевченко, Олена"):
            with self.subTest(q=q):
                self.assertFinds(q, "Шевченко")
        for q in ("Παπα", "Παπαδόπουλος Νίκος", "Νί"):
            with self.subTest(q=q):
                self.assertFinds(q, "Παπαδόπουλος")
        self.assertFinds("小", "王")

    def test_found_whatever_the_case_and_greek_accents(self):
        for q in ("шевченко", "ШЕВЧЕНКО", "оЛеНа"):
            with self.subTest(q=q):
                self.assertFinds(q, "Шевченко")
        # Capitals carry no accent and end in Σ where the word ends in ς.
        for q in ("ΠΑΠΑΔΟΠΟΥΛΟΣ", "νικος", "ΝΙΚΟΣ"):
            with self.subTest(q=q):
                self.assertFinds(q, "Παπαδόπουλος")

    def test_the_independent_model_agrees(self):
        """apitest's own folding finds the same customers as the server."""
        for q in ("Шев", "νικ", "王", "ОЛЕНА"):
            with self.subTest(q=q):
                self.assertEqual(self.found(q), name_matches(self.srv.db_path, q))

    def test_a_different_name_is_not_found(self):
        for q in ("Петров", "Σωκράτης", "李"):
            with self.subTest(q=q):
                self.assertFalse(self.found(q) & set(self.ids.values()), q)

    def test_fts_syntax_typed_with_the_name_is_only_text(self):
        for q in ('Шевченко"', 'Шевч* OR "x', "NEAR(Олена Шевченко)", "Олена -Шевченко"):
            with self.subTest(q=q):
                self.found(q)  # 200, not a 500 from FTS5
        self.assertFinds('"Шевченко"', "Шевченко")

    def test_duplicate_check_tells_non_latin_names_apart(self):
        status, _, body = self.req("POST", "/api/v1/customers", customer("Иван", "Петров"))
        self.assertEqual(status, 201, body)
        body = self.problem(self.req("POST", "/api/v1/customers",
                                     customer("олена", "ШЕВЧЕНКО")), 409)
        self.assertEqual([m["id"] for m in body["matches"]], [self.ids["Шевченко"]], body)

    def test_matches_finds_the_same_name_only(self):
        path = "/api/v1/customers/matches?" + qs(given_name="олена", family_name="ШЕВЧЕНКО",
                                                 postcode="FD21AB")
        items = self.ok(self.req("GET", path))["items"]
        self.assertEqual([i["id"] for i in items], [self.ids["Шевченко"]], items)
        path = "/api/v1/customers/matches?" + qs(given_name="ΝΙΚΟΣ", family_name="παπαδοπουλος",
                                                 postcode=POSTCODE)
        items = self.ok(self.req("GET", path))["items"]
        self.assertEqual([i["id"] for i in items], [self.ids["Παπαδόπουλος"]], items)


class OldDatabaseTest(RolesServer, CaseApi):
    """A database from before schema 11: the non-Latin name's keys are
    empty, as the old folding left them. Restarting rebuilds them."""
    customers = 20

    def test_old_keys_are_rebuilt_at_start_up(self):
        status, _, body = self.req("POST", "/api/v1/customers",
                                   customer("Тарас", "Бондаренко", confirmed_new=True))
        self.assertEqual(status, 201, body)
        cid = body["id"]
        self.srv.stop()
        con = sqlite3.connect(self.srv.db_path)
        try:
            con.execute("UPDATE customer_names SET keys = '' WHERE rowid = ?", (int(cid),))
            con.execute("DROP TABLE customer_names_stale")
            con.execute("PRAGMA user_version = 10")
            con.commit()
        finally:
            con.close()
        self.srv.start()
        self.tokens = {u: self.srv.login(u) for u in self.tokens}
        body = self.ok(self.req("GET", "/api/v1/customers?" + qs(q="бондар")))
        self.assertEqual([i["id"] for i in body["items"]], [cid], body)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
