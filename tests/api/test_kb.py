#!/usr/bin/env python3
"""The knowledge base: GET /api/v1/kb?q=&limit=&service= (full-text search,
title matches first), GET /api/v1/kb/{id}, POST /api/v1/kb and PUT
/api/v1/kb/{id} (trainer, supervisor, admin; If-Match)."""
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from apitest import ApiTestCase, RolesServer, qs  # noqa: E402
import runner  # noqa: E402

ROOT = os.path.join(HERE, "..", "..")
SUMMARY = {"id", "title", "services", "tags", "updated", "snippet"}


def fold(text):
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]+", " ", "".join(c for c in text if not unicodedata.combining(c)).lower())


def title_has(title, words):
    t = fold(title).split()
    return all(any(w.startswith(q) for w in t) for q in fold(words).split())


def shipped_ids():
    return sorted(f[:-3] for f in os.listdir(os.path.join(ROOT, "config", "kb")) if f.endswith(".md"))


class KbTest(RolesServer, ApiTestCase):
    customers = 50

    def search(self, user="advisor", **params):
        return self.srv.request("GET", "/api/v1/kb?" + qs(**params), token=self.tokens[user])

    def items(self, **params):
        return self.assertJson(self.search(**params))["items"]

    def create(self, body, user="supervisor"):
        return self.srv.request("POST", "/api/v1/kb", body, token=self.tokens[user])

    def assertTitleMatchesFirst(self, items, q):
        seen_other = False
        for it in items:
            if title_has(it["title"], q):
                self.assertFalse(seen_other, "a title match after other matches for %r: %r" %
                                 (q, [i["title"] for i in items]))
            else:
                seen_other = True

    # ---- search ---------------------------------------------------------------------

    def test_search_shape(self):
        body = self.assertJson(self.search(q="bin"))
        self.assertEqual(set(body), {"items", "next_cursor"})
        self.assertTrue(body["items"])
        for it in body["items"]:
            self.assertEqual(set(it), SUMMARY)
            self.assertIn(it["id"], shipped_ids())

    def test_title_matches_first_in_the_shipped_articles(self):
        for q in ("garden", "council tax", "bin", "blue badge", "school", "noise", "safeguarding"):
            items = self.items(q=q)
            self.assertTrue(items, q)
            self.assertTrue(title_has(items[0]["title"], q), "%r: first is %r" % (q, items[0]["title"]))
            self.assertTitleMatchesFirst(items, q)

    def test_title_match_beats_a_body_full_of_the_word(self):
        word = "zorblaxian"
        self.assertEqual(self.create({"id": "kb-body-heavy", "title": "Something else entirely",
                                      "body": ("# Something\n\n" + (word + " ") * 60)})[0], 201)
        self.assertEqual(self.create({"id": "kb-title-hit", "title": "The %s rules" % word.capitalize(),
                                      "body": "# Rules\n\nMentions it once: %s." % word})[0], 201)
        items = self.items(q=word)
        self.assertEqual([i["id"] for i in items], ["kb-title-hit", "kb-body-heavy"])
        self.assertIn(word, items[1]["snippet"])

    def test_prefixes_accents_and_all_words(self):
        self.assertTrue(any(i["id"] == "pothole-reporting" for i in self.items(q="potho")))
        self.assertEqual(self.items(q="bin"), self.items(q="BÍN"))
        both = self.items(q="council tax moving")
        self.assertTrue(both)
        self.assertEqual(both[0]["id"], "council-tax-moving-home")
        self.assertEqual(self.items(q="qqqzzz nothing like this"), [])

    def test_limit(self):
        self.assertLessEqual(len(self.items(q="the", limit=3)), 3)
        self.assertEqual(len(self.items(q="council", limit=1)), 1)
        self.assertProblem(self.search(q="bin", limit=0), 400, field="limit")
        self.assertProblem(self.search(q="bin", limit=101), 400, field="limit")

    def test_service_filter_without_words(self):
        items = self.items(service="missed_bin")
        self.assertTrue(items)
        for it in items:
            self.assertIn("missed_bin", it["services"].replace(",", " ").split())
        titles = [i["title"] for i in items]
        self.assertEqual(titles, sorted(titles))

    def test_query_syntax_cannot_reach_fts(self):
        for q in ('"', 'NEAR(bin', 'bin OR *', "title:bin", "'); DROP TABLE kb_articles; --", "^bin"):
            status, _, body = self.search(q=q)
            self.assertEqual(status, 200, "%r: %r" % (q, body))
        self.assertProblem(self.search(q="x" * 201), 400, field="q")
        self.assertTrue(self.items(q="bin"), "the table is still there")

    def test_needs_a_token(self):
        self.assertProblem(self.srv.request("GET", "/api/v1/kb?q=bin"), 401)
        self.assertProblem(self.srv.request("GET", "/api/v1/kb/pothole-reporting"), 401)

    # ---- articles ---------------------------------------------------------------------

    def test_get_article(self):
        status, headers, body = self.srv.request("GET", "/api/v1/kb/bin-collection-rules",
                                                 token=self.tokens["backoffice"])
        self.assertEqual(status, 200)
        self.assertTrue({"id", "title", "body", "services", "tags", "updated", "version"} <= set(body))
        self.assertEqual(body["title"], "Bin collection day rules")
        self.assertTrue(body["body"].startswith("# Bin collection day rules"))
        self.assertIn("(kb:garden-waste-subscription)", body["body"])
        self.assertEqual(headers.get("etag"), '"%d"' % body["version"])
        self.assertProblem(self.srv.request("GET", "/api/v1/kb/no-such-article",
                                            token=self.tokens["advisor"]), 404)

    def test_every_kb_link_in_the_shipped_articles_resolves(self):
        for aid in shipped_ids():
            body = self.srv.request("GET", "/api/v1/kb/" + aid, token=self.tokens["advisor"])[2]
            for target in re.findall(r"\]\(kb:([a-z0-9_-]+)\)", body["body"]):
                self.assertIn(target, shipped_ids(), "%s links to kb:%s" % (aid, target))

    # ---- writes -----------------------------------------------------------------------

    def test_roles_for_writes(self):
        art = {"id": "kb-role-check", "title": "Role check", "body": "# Role check\n\nText."}
        for user in ("advisor", "backoffice"):
            self.assertProblem(self.create(art, user=user), 403, msg=user)
        self.assertProblem(self.srv.request("POST", "/api/v1/kb", art), 401)
        self.assertEqual(self.create(art, user="trainer")[0], 201)
        self.assertProblem(self.create(art, user="admin"), 409)

    def test_create_validates(self):
        self.assertProblem(self.create({"id": "Bad Id", "title": "t", "body": "b"}), 400, field="id")
        self.assertProblem(self.create({"id": "kb-no-title", "body": "b"}), 400, field="title")
        self.assertProblem(self.create({"id": "kb-extra", "title": "t", "body": "b", "colour": "red"}),
                           400)

    def test_update_with_if_match(self):
        art = {"id": "kb-opening-test", "title": "Test opening hours", "body": "# Hours\n\nOpen 9 to 5."}
        status, headers, body = self.create(art)
        self.assertEqual(status, 201, body)
        etag = headers["etag"]
        new = dict(art, body="# Hours\n\nOpen 8 to 8 with the quokkafest extension.")
        del new["id"]
        path = "/api/v1/kb/kb-opening-test"
        self.assertProblem(self.srv.request("PUT", path, new, token=self.tokens["supervisor"]), 428)
        self.assertProblem(self.srv.request("PUT", path, new, token=self.tokens["supervisor"],
                                            headers={"If-Match": '"999"'}), 412)
        self.assertProblem(self.srv.request("PUT", path, new, token=self.tokens["advisor"],
                                            headers={"If-Match": etag}), 403)
        status, headers, body = self.srv.request("PUT", path, new, token=self.tokens["supervisor"],
                                                 headers={"If-Match": etag})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["version"], 2)
        self.assertNotEqual(headers["etag"], etag)
        self.assertEqual([i["id"] for i in self.items(q="quokkafest")], ["kb-opening-test"])
        self.assertEqual(self.items(q="9 to 5 open hours zzz"), [])


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
