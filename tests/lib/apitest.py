"""Shared helpers for tests/api: problem+json checks, search paging and an
independent name folding used to cross-check the server with sqlite3."""
import os
import re
import sqlite3
import sys
import unicodedata
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fdserver import FdServer  # noqa: E402,F401

RFC3339_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
ROLES = ("advisor", "backoffice", "trainer", "supervisor", "admin")


def qs(**params):
    """Query string with UTF-8 percent-encoding ("Zoë" -> Zo%C3%AB)."""
    return urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


class ApiTestCase(unittest.TestCase):
    maxDiff = 4000

    def assertProblem(self, resp, status, field=None, msg=None):
        """resp is (status, headers, body): an RFC 9457 problem with this
        status, and when field is given an errors[] entry for it."""
        got, headers, body = resp
        where = msg or ""
        self.assertEqual(got, status, "%s expected HTTP %d, got %d: %r" % (where, status, got, body))
        ctype = headers.get("content-type", "")
        self.assertTrue(ctype.startswith("application/problem+json"),
                        "%s expected application/problem+json, got %r" % (where, ctype))
        self.assertIsInstance(body, dict, "%s problem body is not a JSON object: %r" % (where, body))
        for key in ("type", "title", "detail"):
            self.assertIsInstance(body.get(key), str, "%s problem lacks %s: %r" % (where, key, body))
            self.assertTrue(body[key], "%s problem has empty %s" % (where, key))
        self.assertEqual(body.get("status"), status, "%s problem status field: %r" % (where, body))
        if field is not None:
            errors = body.get("errors")
            self.assertIsInstance(errors, list, "%s problem lacks errors[]: %r" % (where, body))
            fields = [e.get("field") for e in errors if isinstance(e, dict)]
            self.assertIn(field, fields, "%s errors[] should name %r: %r" % (where, field, body))
            for e in errors:
                self.assertIsInstance(e.get("message"), str, "%s errors[] entry lacks message" % where)
        return body

    def assertJson(self, resp, status=200, msg=None):
        got, headers, body = resp
        self.assertEqual(got, status, "%s expected HTTP %d, got %d: %r" % (msg or "", status, got, body))
        ctype = headers.get("content-type", "")
        self.assertTrue(ctype.startswith("application/json"),
                        "%s expected application/json, got %r" % (msg or "", ctype))
        return body


class RolesServer:
    """Mixin for an API test class (list it before the TestCase base): one
    frontdoord for the class, seeded with cls.customers customers and
    started with cls.server_args, and cls.tokens, a signed-in token for
    each of ROLES. Each class says how many customers it needs."""
    server_args = ()
    srv = None
    tokens = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.srv = FdServer(customers=cls.customers, extra_args=cls.server_args).start()
        cls.tokens = {u: cls.srv.login(u) for u in ROLES}

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()
        super().tearDownClass()

    def get(self, path, user="advisor"):
        return self.srv.request("GET", path, token=self.tokens[user])


def search(srv, token, q, limit=None, cursor=None, extra=None):
    params = {"q": q}
    if limit is not None:
        params["limit"] = limit
    if cursor is not None:
        params["cursor"] = cursor
    params.update(extra or {})
    return srv.request("GET", "/api/v1/customers?" + qs(**params), token=token)


def search_all(srv, token, q, limit=100, max_pages=1000):
    """Follow next_cursor to the end; returns (items, pages)."""
    items, pages, cursor = [], 0, None
    while True:
        status, _, body = search(srv, token, q, limit=limit, cursor=cursor)
        if status != 200:
            raise AssertionError("search %r page %d: HTTP %d %r" % (q, pages + 1, status, body))
        items.extend(body["items"])
        pages += 1
        cursor = body.get("next_cursor")
        if not cursor:
            return items, pages
        if pages >= max_pages:
            raise AssertionError("search %r: more than %d pages" % (q, max_pages))


# ---- an independent model of name matching ----------------------------------

_SPECIAL = {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "ı": "i", "æ": "ae",
            "Æ": "ae", "œ": "oe", "Œ": "oe", "đ": "d", "Đ": "d", "þ": "th", "Þ": "th"}


def _fold_other(ch):
    """A character past Latin Extended-A as the server folds it: letters and
    digits lower-cased, Greek without accents and with final sigma as sigma;
    anything else separates words."""
    c = ch.lower()
    if "\u0370" <= c <= "\u03ff":
        c = "".join(d for d in unicodedata.normalize("NFD", c) if not unicodedata.combining(d))
        c = c.replace("\u03c2", "\u03c3")
    return c if c.isalnum() else " "


def _fold(text, join_apostrophe, join_hyphen):
    out = []
    for ch in text:
        if ord(ch) > 0x17F and not unicodedata.combining(ch) and ch not in "\u2018\u2019\u02bc":
            out.append(_fold_other(ch))
            continue
        ch = _SPECIAL.get(ch, ch)
        for c in unicodedata.normalize("NFKD", ch):
            if unicodedata.combining(c):
                continue
            if c in "'\u2019`" and join_apostrophe:
                continue
            if c == "-" and join_hyphen:
                continue
            out.append(c.lower() if c.isascii() and c.isalnum() else " ")
    return "".join(out).split()


def name_words(given, family):
    """Every word a customer should be found by (mirrors what the issue asks:
    apostrophes joined and split, hyphenated parts alone and joined)."""
    full = "%s %s" % (given, family)
    words = set()
    for ja, jh in ((True, False), (False, False), (True, True)):
        words.update(_fold(full, ja, jh))
    return words


def name_matches(db_path, query):
    """Ids of customers whose name words include a prefix match for every
    word of query, computed from the customers table alone."""
    qwords = _fold(query, True, False)
    con = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    try:
        rows = con.execute("SELECT id, given_name, family_name FROM customers").fetchall()
    finally:
        con.close()
    ids = set()
    for cid, given, family in rows:
        words = name_words(given, family)
        if all(any(w.startswith(q) for w in words) for q in qwords):
            ids.add(str(cid))
    return ids


def db_scalar(db_path, sql, *args):
    con = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True, timeout=10)
    try:
        return con.execute(sql, args).fetchone()[0]
    finally:
        con.close()


def db_rows(db_path, sql, *args):
    con = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True, timeout=10)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()
