#!/usr/bin/env python3
"""Back-office queues: GET /api/v1/queues (per team depth, open, oldest age,
past SLA, call-backs due), GET /api/v1/queues/{team}/items (claim order:
past SLA first, then priority, then age), POST /api/v1/queues/{team}/claim
(200 with the item, now assigned and in progress, a "claimed" event; 204
when empty) and the issue's concurrency test: 20 parallel clients claim
from a queue of 500 cases and every case is claimed exactly once."""
import collections
import datetime
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from casekit import (DISPLAY, FRONTLINE, CaseApi, RolesServer, backdate, db_rows,  # noqa: E402
                     db_scalar, db_write, key, now_utc, parse_iso, runner, user_id)


class QueuesTest(RolesServer, CaseApi):
    customers = 60

    def test_unknown_team_404(self):
        self.problem(self.req("GET", "/api/v1/queues/no_such_team/items"), 404)
        self.problem(self.claim("no_such_team"), 404)

    def test_roles(self):
        # everyone on staff may see depths; the trainer may not list items
        # (personal details, 9.6) nor claim
        self.ok(self.req("GET", "/api/v1/queues", user="trainer"))
        self.problem(self.req("GET", "/api/v1/queues/parking/items", user="trainer"), 403)
        ref = self.create(service_code="parking_permit")["ref"]
        self.problem(self.claim("parking", user="trainer"), 403)
        self.problem(self.srv.request("GET", "/api/v1/queues"), 401)
        self.assertIsNone(self.case(ref)["assignee"])
        self.problem(self.req("GET", "/api/v1/queues/parking/items?limit=0"), 400)
        self.problem(self.req("GET", "/api/v1/queues/parking/items?limit=201"), 400)
        # leave the parking queue empty for the next test that might use it
        self.join("supervisor", "parking")
        while self.claim("parking", user="supervisor")[0] == 200:
            pass

    def test_summary_lists_every_team(self):
        rows = self.ok(self.req("GET", "/api/v1/queues"))["items"]
        codes = [r["team"]["code"] for r in rows]
        for team in ("waste_services", "revenues", "highways", "parking", "contact_centre",
                     "customer_services_back_office"):
            self.assertIn(team, codes)
        for r in rows:
            for field in ("open", "depth", "oldest_age_seconds", "past_sla", "callbacks_due"):
                self.assertIsInstance(r[field], int, "%s.%s" % (r["team"]["code"], field))
            self.assertIsInstance(r["team"]["name"], str)

    def test_summary_counts(self):
        team = "environmental_health"
        self.join("backoffice", team)   # claims: your own teams only
        empty = self.summary(team)
        self.assertEqual((empty["open"], empty["depth"], empty["past_sla"], empty["oldest_age_seconds"]),
                         (0, 0, 0, 0), empty)
        refs = [self.create(service_code="noise_nuisance", summary="Noise %d" % i)["ref"]
                for i in range(4)]
        now = now_utc()
        backdate(self.srv.db_path, refs[0], due=now - datetime.timedelta(hours=2),
                 created=now - datetime.timedelta(hours=122))
        backdate(self.srv.db_path, refs[1], due=now - datetime.timedelta(minutes=5))
        s = self.summary(team)
        self.assertEqual((s["open"], s["depth"], s["past_sla"], s["callbacks_due"]), (4, 4, 2, 0), s)
        self.assertAlmostEqual(s["oldest_age_seconds"], 122 * 3600, delta=120)
        # claimed: still open, no longer waiting
        claimed = self.ok(self.claim(team))
        self.assertEqual(claimed["ref"], refs[0])
        s = self.summary(team)
        self.assertEqual((s["open"], s["depth"], s["past_sla"]), (4, 3, 2), s)
        self.assertLess(s["oldest_age_seconds"], 3600, "the claimed case no longer counts as oldest")
        # resolved: neither open nor waiting nor past SLA
        self.patch_ok(refs[1], {"status": "resolved"})
        s = self.summary(team)
        self.assertEqual((s["open"], s["depth"], s["past_sla"]), (3, 2, 1), s)

    def test_claim_order(self):
        """Past SLA first, then urgent > high > normal > low, then oldest."""
        team = "highways"
        now = now_utc()
        mk = lambda prio, summary: self.create(service_code="pothole", priority=prio,  # noqa: E731
                                               summary=summary)["ref"]
        low_late_new = mk("low", "low, past SLA, newer")
        normal_a = mk("normal", "normal, newer")
        urgent = mk("urgent", "urgent")
        low = mk("low", "low")
        high = mk("high", "high")
        normal_b = mk("normal", "normal, older")
        low_late_old = mk("low", "low, past SLA, older")
        db = self.srv.db_path
        backdate(db, low_late_new, due=now - datetime.timedelta(minutes=10),
                 created=now - datetime.timedelta(hours=121))
        backdate(db, low_late_old, due=now - datetime.timedelta(hours=5),
                 created=now - datetime.timedelta(hours=125))
        backdate(db, normal_b, created=now - datetime.timedelta(hours=3))
        backdate(db, normal_a, created=now - datetime.timedelta(hours=1))
        expect = [low_late_old, low_late_new, urgent, high, normal_b, normal_a, low]
        items = self.queue(team)
        self.assertEqual([i["ref"] for i in items], expect,
                         [(i["ref"], i["summary"]) for i in items])
        for i in items:
            self.assertEqual(i["kind"], "case")
            self.assertEqual(i["past_sla"], i["ref"] in (low_late_new, low_late_old), i)
            left = (parse_iso(i["due_at"]) - now).total_seconds()
            self.assertAlmostEqual(i["sla_seconds_left"], left, delta=30)
        self.assertLess(items[0]["sla_seconds_left"], -5 * 3600 + 60)
        self.assertEqual(items[2]["priority"], "urgent")
        self.assertEqual(items[0]["customer"], "Siân Llewellyn")
        self.assertEqual([i["ref"] for i in self.queue(team, limit=2)], expect[:2])
        # claims take the same order, by whichever member of the team asks
        users = ["backoffice", "advisor", "supervisor", "admin"]
        for user in users:
            self.join(user, team)
        for n, ref in enumerate(expect):
            user = users[n % len(users)]
            status, headers, item = self.claim(team, user=user)
            self.assertEqual(status, 200, item)
            self.assertEqual(item["ref"], ref, "claim %d by %s" % (n, user))
            self.assertEqual(item["kind"], "case")
            case = self.case(ref)
            self.assertEqual(case["assignee"], DISPLAY[user])
            self.assertEqual(case["assignee_id"], str(user_id(db, user)))
            self.assertEqual(case["status"], "in_progress")
            evs = self.events(ref)
            self.assertEqual((evs[-1]["kind"], evs[-1]["actor"]), ("claimed", DISPLAY[user]))
            self.assertNotIn(ref, [i["ref"] for i in self.queue(team)])
        status, _, body = self.claim(team)
        self.assertEqual(status, 204, body)
        self.assertFalse(body)
        self.assertEqual(self.queue(team), [])

    def test_claim_keeps_awaiting_status(self):
        team = "blue_badge"
        self.join("backoffice", team)
        ref = self.create(service_code="blue_badge")["ref"]
        self.patch_ok(ref, {"status": "awaiting_customer"})
        item = self.ok(self.claim(team))
        self.assertEqual(item["ref"], ref)
        self.assertEqual(self.case(ref)["status"], "awaiting_customer")
        self.assertEqual(self.claim(team)[0], 204)

    def test_closed_and_assigned_cases_are_not_in_the_queue(self):
        team = "education_admissions"
        self.join("backoffice", team)
        open_ref = self.create(service_code="school_admissions")["ref"]
        done = self.create(service_code="school_admissions")["ref"]
        self.patch_ok(done, {"status": "resolved"})
        mine = self.create(service_code="school_admissions")["ref"]
        self.ok(self.req("POST", "/api/v1/cases/%s/handoff" % mine,
                         {"assignee": "backoffice", "team_code": team, "reason": "Blake has it"}))
        self.assertEqual([i["ref"] for i in self.queue(team)], [open_ref])
        self.assertEqual(self.ok(self.claim(team))["ref"], open_ref)
        self.assertEqual(self.claim(team)[0], 204)

    def test_claim_idempotent_replay(self):
        team = "concessionary_travel"
        self.join("backoffice", team)
        refs = [self.create(service_code="bus_pass")["ref"] for _ in range(2)]
        k = key()
        first = self.ok(self.claim(team, headers={"Idempotency-Key": k}))
        again = self.ok(self.claim(team, headers={"Idempotency-Key": k}))
        self.assertEqual(first["ref"], again["ref"])
        self.assertEqual([i["ref"] for i in self.queue(team)], [r for r in refs if r != first["ref"]])
        self.assertEqual(self.kinds(first["ref"]).count("claimed"), 1)


class ConcurrentClaimTest(RolesServer, CaseApi):
    """The issue's concurrency test."""
    TEAM = "revenues"
    CASES = 500
    CLIENTS = 20
    customers = 60
    # Twenty clients on one address, opening a connection per request: the
    # thin-terminal host of a real deployment, which is allow-listed there
    # too (the per-address limit is tested in test_connections.py).
    server_args = ("--allow-address", "127.0.0.1")

    def _parallel(self, n, fn):
        errors = []

        def run(i):
            try:
                fn(i)
            except BaseException as e:  # noqa: BLE001 (reported below)
                errors.append("%d: %r" % (i, e))

        threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(300)
        self.assertFalse([t for t in threads if t.is_alive()], "threads still running")
        self.assertEqual(errors, [])

    def test_twenty_clients_claim_500_cases_exactly_once(self):
        srv = self.srv
        created = []
        lock = threading.Lock()
        tok = self.tokens["advisor"]

        def make(i):
            for j in range(i, self.CASES, 10):
                status, _, c = srv.request("POST", "/api/v1/cases", {
                    "customer_id": str(1 + j % 50), "service_code": "ctax_change_of_address",
                    "summary": "Moving home %d" % j,
                    "priority": ("low", "normal", "high", "urgent")[j % 4]}, token=tok)
                if status != 201:
                    raise AssertionError("create %d: %d %r" % (j, status, c))
                with lock:
                    created.append(c["ref"])

        self._parallel(10, make)
        self.assertEqual(len(set(created)), self.CASES)
        # some of them past their SLA, so the claim order has all its parts
        for ref in created[::25]:
            db_write(srv.db_path, "UPDATE cases SET due_at = '2020-01-01T00:00:00Z' WHERE ref = ?",
                     ref)
        self.assertEqual(self.summary(self.TEAM)["depth"], self.CASES)

        # 20 clients, each with its own login, spread over the four front-line
        # users, all of them in the team for the day (claims: your own teams)
        for user in FRONTLINE:
            self.join(user, self.TEAM)
        clients = []
        for i in range(self.CLIENTS):
            user = FRONTLINE[i % len(FRONTLINE)]
            clients.append((user, srv.login(user)))
        claims = collections.defaultdict(list)   # client -> refs
        retries = collections.Counter()
        unexpected = []
        start = threading.Barrier(self.CLIENTS)

        def claimer(i):
            user, token = clients[i]
            start.wait()
            while True:
                status, _, item = srv.request("POST", "/api/v1/queues/%s/claim" % self.TEAM,
                                              token=token, timeout=60)
                if status == 204:
                    return
                if status == 503:  # busy: a client retries (counted and reported)
                    retries[i] += 1
                    time.sleep(0.01)
                    continue
                if status != 200:
                    unexpected.append((i, status, item))
                    return
                claims[i].append(item["ref"])

        self._parallel(self.CLIENTS, claimer)
        self.assertEqual(unexpected, [])
        every = [ref for refs in claims.values() for ref in refs]
        dupes = [r for r, n in collections.Counter(every).items() if n > 1]
        self.assertEqual(dupes, [], "claimed more than once")
        self.assertEqual(len(every), self.CASES, "total claims")
        self.assertEqual(set(every), set(created), "missed: %r" % sorted(set(created) - set(every))[:10])
        self.assertGreater(len([c for c in claims.values() if c]), 1,
                           "only one client ever got an item: no concurrency was exercised")

        # the database agrees: every case assigned once, to the client that got it
        ids = {u: user_id(srv.db_path, u) for u in FRONTLINE}
        rows = dict(((r, (a, s)) for r, a, s in db_rows(
            srv.db_path, "SELECT ref, assignee_id, status FROM cases WHERE team_code = ?",
            self.TEAM)))
        self.assertEqual(len(rows), self.CASES)
        self.assertEqual([r for r, (a, _) in rows.items() if a is None], [])
        self.assertEqual({s for _, s in rows.values()}, {"in_progress"})
        for i, refs in claims.items():
            want = ids[clients[i][0]]
            wrong = [r for r in refs if rows[r][0] != want]
            self.assertEqual(wrong, [], "client %d (%s): assignee differs" % (i, clients[i][0]))
        self.assertEqual(db_scalar(srv.db_path, "SELECT COUNT(*) FROM case_events WHERE kind = 'claimed'"),
                         self.CASES)
        self.assertEqual(db_scalar(srv.db_path,
                                   "SELECT COUNT(DISTINCT case_id) FROM case_events WHERE kind = 'claimed'"),
                         self.CASES)
        s = self.summary(self.TEAM)
        self.assertEqual((s["depth"], s["open"]), (0, self.CASES), s)
        if sum(retries.values()):
            sys.stderr.write("note: %d claims answered 503 and were retried\n" % sum(retries.values()))
        # the past-SLA cases were taken before anything else: each was among the
        # first claims of whichever client took it (the first 20 claims overall
        # cannot be ordered across threads, so check per client instead)
        late = set(created[::25])
        for refs in claims.values():
            seen_normal = False
            for r in refs:
                if r not in late:
                    seen_normal = True
                else:
                    self.assertFalse(seen_normal, "a past-SLA case was claimed after an on-time one")


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
