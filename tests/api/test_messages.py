#!/usr/bin/env python3
"""Messages (issue 12): POST /api/v1/messages by supervisors and admins to
one person or one team; GET /api/v1/messages/{id} shows the words to a
recipient or the sender only (404 to anyone else, as if it did not exist)
and audits each read; POST /api/v1/messages/{id}/read marks it read for
that reader alone; unread ones are in my work without their words. The
"message" event {message_id} is asserted once the events log is merged."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from livekit import LiveApi, RolesServer, db_rows, runner  # noqa: E402


class MessagesTest(RolesServer, LiveApi):
    customers = 20

    def send(self, status=201, by="supervisor", **body):
        body.setdefault("text", "Please take a call from the queue when you are free.")
        return self.ok(self.as_(by, "POST", "/api/v1/messages", body), status, msg=repr(body))

    def read(self, who, mid):
        return self.as_(who, "GET", "/api/v1/messages/%s" % mid)

    def unread(self, who):
        return [m["id"] for m in self.work(who)["messages"]["items"]]

    def audited(self, mid):
        rows = db_rows(self.srv.db_path, "SELECT username FROM audit WHERE action ="
                       " 'message.read' AND reason = ?", "message:%s" % mid)
        return sorted(r[0] for r in rows)

    def test_to_a_person_reaches_only_them(self):
        to, other = self.person(), self.person()
        m = self.send(to_user=to, text="Ring the duty team back, please.")
        self.assertEqual((m["to_user"], m["to_team"], m["from"]["username"], m["read_at"]),
                         (to, None, "supervisor", None))
        self.assertEqual(self.unread(to), [m["id"]])
        self.assertEqual(self.unread(other), [])
        got = self.ok(self.read(to, m["id"]))
        self.assertEqual(got["text"], "Ring the duty team back, please.")
        self.assertEqual(self.ok(self.read("supervisor", m["id"]))["text"], got["text"])
        for who in (other, "admin", "backoffice", "trainer"):
            self.problem(self.read(who, m["id"]), 404, msg=who)
        self.assertEqual(self.audited(m["id"]), sorted([to, "supervisor"]))

    def test_to_a_team_reaches_its_members_each_reading_alone(self):
        a, b = self.person(team="highways"), self.person(team="highways")
        outsider = self.person(team="revenues")
        m = self.send(to_team="highways", text="Storm tonight: expect flooding calls.")
        self.assertEqual((m["to_user"], m["to_team"]), (None, "highways"))
        for who in (a, b):
            self.assertIn(m["id"], self.unread(who))
            self.assertEqual(self.ok(self.read(who, m["id"]))["read_at"], None)
        self.assertNotIn(m["id"], self.unread(outsider))
        self.problem(self.read(outsider, m["id"]), 404)
        status, _, _ = self.as_(a, "POST", "/api/v1/messages/%s/read" % m["id"])
        self.assertEqual(status, 204)
        self.assertNotIn(m["id"], self.unread(a))
        self.assertIn(m["id"], self.unread(b))
        self.assertIsNotNone(self.ok(self.read(a, m["id"]))["read_at"])
        status, _, _ = self.as_(a, "POST", "/api/v1/messages/%s/read" % m["id"])
        self.assertEqual(status, 204, "read again is no change")
        self.assertEqual(self.audited(m["id"]), sorted([a, b, a]))

    def test_only_recipients_mark_read(self):
        to, other = self.person(), self.person()
        m = self.send(to_user=to)
        for who in (other, "supervisor"):
            self.problem(self.as_(who, "POST", "/api/v1/messages/%s/read" % m["id"]), 404)
        for bad in ("999999", "0", "abc"):
            self.problem(self.as_(to, "POST", "/api/v1/messages/%s/read" % bad), 404)
            self.problem(self.read(to, bad), 404)
        self.assertEqual(self.unread(to), [m["id"]])

    def test_only_supervisors_and_admins_send(self):
        to = self.person()
        for who in ("advisor", "backoffice", "trainer"):
            self.problem(self.as_(who, "POST", "/api/v1/messages",
                                  {"to_user": to, "text": "hello"}), 403, msg=who)
        self.send(by="admin", to_user=to)
        self.assertEqual(len(self.unread(to)), 1)

    def test_refusals(self):
        to = self.person()
        cases = [
            ("both recipients", {"to_user": to, "to_team": "highways"}, "to_team"),
            ("no recipient", {}, "to_user"),
            ("unknown user", {"to_user": "nobody_here"}, "to_user"),
            ("unknown team", {"to_team": "no_such_team"}, "to_team"),
            ("no text", {"to_user": to, "text": None}, "text"),
            ("empty text", {"to_user": to, "text": "  "}, "text"),
            ("text too long", {"to_user": to, "text": "x" * 501}, "text"),
            ("unknown member", {"to_user": to, "priority": "high"}, "priority"),
        ]
        for what, body, field in cases:
            with self.subTest(what):
                body = dict(body)
                body.setdefault("text", "Hello")
                if body["text"] is None:
                    del body["text"]
                self.problem(self.as_("supervisor", "POST", "/api/v1/messages", body), 400,
                             field, msg=what)
        self.assertEqual(self.unread(to), [])
        self.send(to_user=to, text="x" * 500)
        self.assertEqual(len(self.unread(to)), 1)

    def test_the_words_never_in_lists_or_logs(self):
        to = self.person()
        secret = "Mrs Example's son called about her rent arrears"
        m = self.send(to_user=to, text=secret)
        for item in self.work(to)["messages"]["items"]:
            self.assertNotIn("text", item)
        self.assertNotIn(secret, self.srv.stderr_text())
        self.assertEqual(self.ok(self.read(to, m["id"]))["text"], secret)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
