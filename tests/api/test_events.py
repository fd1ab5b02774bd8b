#!/usr/bin/env python3
"""The live channel (issue 12): GET /api/v1/events. An event reaches
exactly its audience (a team's never another team's, a supervisors' never
an advisor); a waiting long-poll is answered when a hand-off commits;
resuming after an id loses nothing across a restart; pruned ids get 410;
the waiter limit gives 503 with Retry-After while /healthz answers; and
SIGTERM answers every waiter before the daemon stops.

Demo teams: advisor, trainer and supervisor are in contact_centre,
backoffice in waste_services, which owns the missed_bin service."""
import datetime
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from casekit import CaseApi, FdServer, RolesServer, db_scalar, db_write, runner, user_id  # noqa: E402

DEADLINE = 20  # seconds: generous, for the sanitizer build


def wait_for(cond, what, timeout=DEADLINE):
    """Poll cond() until true (no fixed sleeps: a deadline)."""
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


class Poller(threading.Thread):
    """One long-poll in a thread; .result is (status, headers, body)."""

    def __init__(self, srv, token, after):
        super().__init__(daemon=True)
        self.srv, self.token, self.after = srv, token, after
        self.result = self.error = None

    def run(self):
        try:
            self.result = self.srv.request("GET", "/api/v1/events?after=%d" % self.after,
                                           token=self.token, timeout=60)
        except Exception as e:  # noqa: BLE001 - reported by the test
            self.error = e


def metric(srv, name):
    status, _, text = srv.request("GET", "/metrics")
    for line in text.splitlines():
        if line.startswith(name + " "):
            return int(line.split()[1])
    raise AssertionError("no %s in /metrics" % name)


def waiters(srv):
    return metric(srv, "frontdoord_event_waiters")


class EventsApi(CaseApi):
    def latest(self, user="advisor", srv=None):
        srv = srv or self.srv
        body = self.ok(srv.request("GET", "/api/v1/events", token=self.tokens[user]))
        self.assertEqual(body["items"], [])
        return body["last_id"]

    def since(self, after, user="advisor"):
        """Everything user may see after `after`, paging until empty (the
        server is started with a short hold, so the last page is quick)."""
        items = []
        while True:
            body = self.ok(self.req("GET", "/api/v1/events?after=%d" % after, user=user))
            if not body["items"]:
                return items
            items += body["items"]
            after = body["last_id"]

    def kinds_for(self, after, user):
        return [(e["kind"], e["facts"].get("team")) for e in self.since(after, user)]


class AudienceTest(RolesServer, EventsApi):
    customers = 60
    server_args = ("--events-hold-seconds", "1")

    def test_fresh_client_starts_from_now(self):
        start = self.latest()
        self.create()
        self.assertGreater(self.latest(), start)
        self.problem(self.srv.request("GET", "/api/v1/events?after=0"), 401)
        self.problem(self.req("GET", "/api/v1/events?after=abc"), 400, "after")
        for bad in ("99999999999999999999", "9223372036854775808", "+5", "%205", "-1", ""):
            self.problem(self.req("GET", "/api/v1/events?after=" + bad), 400, "after")

    def test_answers_carry_the_servers_clock(self):
        # The client judges an event's age by the server's clock, not its own.
        start = self.latest(user="supervisor")
        self.create()
        body = self.ok(self.req("GET", "/api/v1/events?after=%d" % start, user="supervisor"))
        self.assertTrue(body["items"])
        now = datetime.datetime.fromisoformat(body["now"].replace("Z", "+00:00"))
        for e in body["items"]:
            at = datetime.datetime.fromisoformat(e["at"].replace("Z", "+00:00"))
            self.assertLessEqual(at, now)
            self.assertLess((now - at).total_seconds(), 600)

    def test_team_event_reaches_its_team_and_supervisors_only(self):
        start = self.latest()
        self.create()   # missed_bin: waste_services' queue grows
        for user in ("backoffice", "supervisor"):
            got = self.kinds_for(start, user)
            self.assertIn(("queue.changed", "waste_services"), got, user)
        for user in ("advisor", "trainer"):
            got = [k for k in self.kinds_for(start, user) if k[0] == "queue.changed"]
            self.assertEqual(got, [], "%s is neither in waste_services nor a supervisor" % user)
        # the supervisors' copy is one event, the team's another
        sup = [e for e in self.since(start, "supervisor") if e["kind"] == "queue.changed"]
        team = [e for e in self.since(start, "backoffice") if e["kind"] == "queue.changed"]
        self.assertTrue(set(e["id"] for e in sup).isdisjoint(e["id"] for e in team))
        for e in sup + team:
            self.assertEqual(sorted(e["facts"]), ["depth", "oldest_minutes", "team"])

    def test_handoff_to_a_person(self):
        ref = self.create()["ref"]
        start = self.latest()
        self.ok(self.req("POST", "/api/v1/cases/%s/handoff" % ref,
                         {"assignee": "advisor", "reason": "Caller rang back"}, user="backoffice"))
        mine = [e for e in self.since(start, "advisor") if e["kind"] == "case.assigned"]
        self.assertEqual(len(mine), 1, mine)
        facts = mine[0]["facts"]
        self.assertEqual(facts["ref"], ref)
        self.assertEqual(facts["by"], user_id(self.srv.db_path, "backoffice"))
        self.assertEqual(sorted(facts), ["by", "case_id", "ref"])
        for user in ("backoffice", "supervisor", "trainer", "admin"):
            self.assertNotIn("case.assigned", [e["kind"] for e in self.since(start, user)], user)
        # the case is now contact_centre's (the advisor's home team)
        changed = [e for e in self.since(start, "trainer") if e["kind"] == "case.changed"]
        self.assertEqual([e["facts"]["case_id"] for e in changed], [facts["case_id"]])

    def test_note_tells_the_team_and_an_assignee_outside_it(self):
        ref = self.create()["ref"]
        self.ok(self.req("POST", "/api/v1/cases/%s/handoff" % ref,
                         {"team_code": "waste_services", "assignee": "advisor",
                          "reason": "Advisor follows it up"}, user="backoffice"))
        start = self.latest()
        body = self.ok(self.req("POST", "/api/v1/cases/%s/notes" % ref, {"body": "Rang again."},
                                user="backoffice"), 201)
        for user in ("advisor", "backoffice"):
            changed = [e for e in self.since(start, user) if e["kind"] == "case.changed"]
            self.assertEqual(len(changed), 1, (user, changed))
            self.assertEqual(changed[0]["facts"]["version"], body["version"])
            self.assertEqual(changed[0]["facts"]["ref"], ref)   # a client tells its own cases
        self.assertEqual([e for e in self.since(start, "trainer") if e["kind"] == "case.changed"], [])

    def test_tide_level_in_queues(self):
        for row in self.ok(self.req("GET", "/api/v1/queues"))["items"]:
            self.assertIn(row["tide_level"], range(0, 5))


class LongHoldTest(RolesServer, EventsApi):
    """A long hold, so an answer before it ends can only be the wake-up."""
    customers = 30
    server_args = ("--events-hold-seconds", "60")

    def test_commit_wakes_the_waiter(self):
        ref = self.create()["ref"]
        start = self.latest()
        poll = Poller(self.srv, self.tokens["advisor"], start)
        poll.start()
        wait_for(lambda: waiters(self.srv) == 1, "the long-poll to be held")
        self.ok(self.req("POST", "/api/v1/cases/%s/handoff" % ref,
                         {"assignee": "advisor", "reason": "Yours now"}, user="backoffice"))
        poll.join(DEADLINE)
        self.assertFalse(poll.is_alive(), "the hand-off did not wake the long-poll")
        body = self.ok(poll.result)
        # one commit: the hand-off to me, the case's change (now in my
        # team) and my team's queue, together
        self.assertEqual(sorted(e["kind"] for e in body["items"]),
                         ["case.assigned", "case.changed", "queue.changed"])
        # last_id may be past events for others (the supervisors' copy)
        self.assertGreaterEqual(body["last_id"], body["items"][-1]["id"])

    def test_other_teams_commit_does_not_answer_the_waiter(self):
        start = self.latest()
        poll = Poller(self.srv, self.tokens["advisor"], start)
        poll.start()
        wait_for(lambda: waiters(self.srv) == 1, "the long-poll to be held")
        woken = metric(self.srv, "frontdoord_event_wakeups_total")
        self.create()   # waste_services' queue: not the advisor's
        self.assertGreater(self.latest(), start)   # committed before the reply
        self.assertEqual(metric(self.srv, "frontdoord_event_wakeups_total"), woken,
                         "a commit for another team woke the advisor's long-poll")
        self.assertEqual(waiters(self.srv), 1)
        self.assertTrue(poll.is_alive(), "answered with %r" % (poll.result,))
        ref = self.create()["ref"]
        self.ok(self.req("POST", "/api/v1/cases/%s/handoff" % ref,
                         {"assignee": "advisor", "reason": "Release the poll"}, user="backoffice"))
        poll.join(DEADLINE)
        self.assertFalse(poll.is_alive())


class RestartTest(EventsApi):
    def test_resume_after_id_across_a_restart(self):
        with FdServer(customers=30, extra_args=("--events-hold-seconds", "1")) as srv:
            self.srv = srv
            self.tokens = {u: srv.login(u) for u in ("advisor", "backoffice")}
            start = self.latest("backoffice")
            refs = [self.create()["ref"] for _ in range(3)]
            before = self.since(start, "backoffice")
            srv.restart()
            self.tokens = {u: srv.login(u) for u in ("advisor", "backoffice")}
            after = self.since(start, "backoffice")
            self.assertEqual(after, before)
            self.assertEqual(len([e for e in after if e["kind"] == "queue.changed"]), len(refs))
            # and new ones carry on above the old ids
            self.create()
            newer = self.since(before[-1]["id"], "backoffice")
            self.assertTrue(newer and newer[0]["id"] > before[-1]["id"])


class PruneTest(EventsApi):
    def test_pruned_ids_are_answered_410(self):
        args = ("--events-hold-seconds", "1", "--events-retention-hours", "1",
                "--events-sweep-seconds", "1")
        with FdServer(customers=30, extra_args=args) as srv:
            self.srv = srv
            self.tokens = {u: srv.login(u) for u in ("advisor", "backoffice")}
            start = self.latest("backoffice")
            self.create()
            self.create()
            old = (datetime.datetime.now(datetime.timezone.utc) -
                   datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
            db_write(srv.db_path, "UPDATE events SET at = ?", old)
            wait_for(lambda: db_scalar(srv.db_path, "SELECT COUNT(*) FROM events") == 1,
                     "the sweep to prune all but the newest event")
            body = self.problem(self.req("GET", "/api/v1/events?after=%d" % start,
                                         user="backoffice"), 410)
            self.assertIn("Reload", body["detail"])
            latest = self.latest("backoffice")
            self.assertGreater(latest, start)
            self.assertEqual(self.since(latest, "backoffice"), [])   # the newest is kept
            self.problem(self.req("GET", "/api/v1/events?after=%d" % (latest + 1000),
                                  user="backoffice"), 410)


class SweepTest(EventsApi):
    """The sweep thread (every second here): call-backs falling due, the
    rising tide."""

    def book_due(self, **over):
        body = {"customer_id": "5", "phone": "07700 900123",
                "due_at": (datetime.datetime.now(datetime.timezone.utc) +
                           datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "reason": "Ring back", "team_code": "customer_services_back_office"}
        body.update(over)
        cb = self.ok(self.req("POST", "/api/v1/callbacks", body), 201)
        db_write(self.srv.db_path, "UPDATE callbacks SET due_at = '2000-01-01T00:00:00Z'"
                 " WHERE id = ?", int(cb["id"]))
        return cb["id"]

    def due_events(self, after, user):
        return [e["facts"] for e in self.since(after, user) if e["kind"] == "callback.due"]

    def test_callback_due_once_to_its_person_or_team(self):
        args = ("--events-hold-seconds", "1", "--events-sweep-seconds", "1")
        with FdServer(customers=30, extra_args=args) as srv:
            self.srv = srv
            self.tokens = {u: srv.login(u) for u in ("advisor", "backoffice", "trainer")}
            added = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            db_write(srv.db_path, "INSERT INTO memberships (user_id, team_code, added_at)"
                     " VALUES (?, 'customer_services_back_office', ?)",
                     user_id(srv.db_path, "backoffice"), added)
            start = self.latest()
            team_cb = self.book_due()
            wait_for(lambda: self.due_events(start, "backoffice"), "callback.due to the team")
            self.assertEqual(self.due_events(start, "backoffice"),
                             [{"callback_id": team_cb, "team": "customer_services_back_office"}])
            self.assertEqual(self.due_events(start, "trainer"), [])
            mine = self.book_due(assignee="advisor", team_code=None)
            wait_for(lambda: self.due_events(start, "advisor"), "callback.due to its person")
            self.assertEqual([f["callback_id"] for f in self.due_events(start, "advisor")], [mine])
            # sweeps went on meanwhile: the team's call-back was announced once
            self.assertEqual(len(self.due_events(start, "backoffice")), 1)

    def test_tide_rises_for_everyone(self):
        with FdServer(customers=30, extra_args=("--events-hold-seconds", "1")) as srv:
            self.srv = srv
            self.tokens = {u: srv.login(u) for u in ("advisor", "trainer", "supervisor")}
            start = self.latest()
            for _ in range(10):   # tide.conf: level 1 at a depth of 10
                self.create()
            tides = [e["facts"] for e in self.since(start, "trainer") if e["kind"] == "tide.changed"]
            self.assertEqual(tides, [{"team": "waste_services", "level": 1}])
            rows = self.ok(self.req("GET", "/api/v1/queues", user="supervisor"))["items"]
            level = {r["team"]["code"]: r["tide_level"] for r in rows}
            self.assertEqual(level["waste_services"], 1)
            self.assertEqual(level["parking"], 0)


class LimitAndStopTest(EventsApi):
    def test_waiter_limit_then_sigterm(self):
        args = ("--events-hold-seconds", "60", "--events-max-waiters", "3")
        with FdServer(customers=30, extra_args=args) as srv:
            self.srv = srv
            token = srv.login("advisor")
            self.tokens = {"advisor": token}
            start = self.latest()
            polls = [Poller(srv, token, start) for _ in range(3)]
            for p in polls:
                p.start()
            wait_for(lambda: waiters(srv) == 3, "three held long-polls")
            status, headers, body = srv.request("GET", "/api/v1/events?after=%d" % start,
                                                token=token)
            self.problem((status, headers, body), 503)
            self.assertGreaterEqual(int(headers["retry-after"]), 1)
            self.assertEqual(srv.request("GET", "/healthz")[0], 200)
            code = srv.stop(timeout=DEADLINE)
            self.assertEqual(code, 0, srv.stderr_text()[-2000:])
            for p in polls:
                p.join(DEADLINE)
                self.assertFalse(p.is_alive())
                self.assertIsNone(p.error, "a waiter was dropped at SIGTERM")
                self.assertEqual(self.ok(p.result)["items"], [])

    def test_one_user_holds_at_most_eight(self):
        """Suspended connections are not seen to close, so a token opening
        (and dropping) long-polls would otherwise take every slot: past
        eight, a user's oldest hold is answered at once and another user
        still gets in (--events-per-user, 8 by default)."""
        args = ("--events-hold-seconds", "60", "--events-max-waiters", "10")
        with FdServer(customers=30, extra_args=args) as srv:
            self.srv = srv
            token, sup = srv.login("advisor"), srv.login("supervisor")
            self.tokens = {"advisor": token, "supervisor": sup}
            start = self.latest()
            polls = []
            evicted = lambda: metric(srv, "frontdoord_event_waiters_evicted_total")  # noqa: E731
            for i in range(12):
                polls.append(Poller(srv, token, start))
                polls[-1].start()
                wait_for(lambda: waiters(srv) == min(i + 1, 8) and evicted() == max(i - 7, 0),
                         "held, at most eight")
            self.assertEqual(evicted(), 4)
            for p in polls[:4]:   # the oldest went first, answered empty
                p.join(DEADLINE)
                self.assertEqual(self.ok(p.result)["items"], [])
            self.assertTrue(all(p.is_alive() for p in polls[4:]))
            other = Poller(srv, sup, self.latest("supervisor"))
            other.start()
            wait_for(lambda: waiters(srv) == 9, "another user still held, not refused")
            self.assertEqual(srv.stop(timeout=DEADLINE), 0)
            for p in polls + [other]:
                p.join(DEADLINE)
                self.assertIsNone(p.error)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
