#!/usr/bin/env python3
"""Staff accounts and team membership as administrators manage them: the
admin API (/api/v1/admin/users), `frontdoord user ...` on the database of a
running server, and the migration of the old single users.team column into
memberships (a database made to look like schema version 4, then opened)."""
import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from casekit import CaseApi, FdServer, RolesServer, db_scalar, iso, now_utc, runner  # noqa: E402

DEMO = {"admin": "contact_centre", "advisor": "contact_centre", "backoffice": "waste_services",
        "supervisor": "contact_centre", "trainer": "contact_centre",
        "duty": "adult_safeguarding_duty"}


class AdminApiTest(RolesServer, CaseApi):
    customers = 30

    def create_user(self, status=201, user="admin", **over):
        body = {"username": "kim", "display_name": "Kim Kaur", "password": "correct horse",
                "roles": ["backoffice", "advisor"], "team_code": "highways"}
        body.update(over)
        return self.req("POST", "/api/v1/admin/users", body, user=user)

    def test_list_shows_roles_and_teams(self):
        items = self.ok(self.req("GET", "/api/v1/admin/users", user="admin"))["items"]
        demo = {u["username"]: u for u in items if u["username"] in DEMO}
        self.assertEqual({n: u["teams"][0]["team_code"] for n, u in demo.items()}, DEMO)
        self.assertEqual(demo["backoffice"]["roles"], ["backoffice"])
        self.assertTrue(all(u["active"] for u in demo.values()))
        for who in ("supervisor", "advisor", "trainer", "backoffice"):
            self.problem(self.req("GET", "/api/v1/admin/users", user=who), 403)

    def test_create_sign_in_and_work_the_team(self):
        u = self.ok(self.create_user(), 201)
        self.assertEqual((u["username"], u["display_name"], u["roles"], u["active"]),
                         ("kim", "Kim Kaur", ["advisor", "backoffice"], True))
        self.assertEqual([(m["team_code"], m["expires_at"]) for m in u["teams"]],
                         [("highways", None)])
        token = self.srv.login("kim", "correct horse")
        me = self.ok(self.srv.request("GET", "/api/v1/me", token=token))
        self.assertEqual((me["team"], [m["team_code"] for m in me["teams"]]),
                         ("highways", ["highways"]))
        ref = self.create(service_code="pothole", summary="Kim's pothole")["ref"]
        status, _, item = self.srv.request("POST", "/api/v1/queues/highways/claim", token=token)
        self.assertEqual((status, item["ref"]), (200, ref))
        # a hand-off to Kim by name lands in Kim's home team
        other = self.create(summary="For Kim")["ref"]
        c = self.ok(self.req("POST", "/api/v1/cases/%s/handoff" % other,
                             {"assignee": "kim", "reason": "Kim knows the street"}))
        self.assertEqual((c["assignee"], c["team"]["code"]), ("Kim Kaur", "highways"))
        self.problem(self.create_user(), 400, "username")   # taken

    def test_create_validation(self):
        self.problem(self.create_user(username="Bad Name"), 400, "username")
        self.problem(self.create_user(username="x" * 65), 400, "username")
        self.problem(self.create_user(username="lee", password="short"), 400, "password")
        self.problem(self.create_user(username="lee", roles=["wizard"]), 400, "roles")
        self.problem(self.create_user(username="lee", roles=[]), 400, "roles")
        self.problem(self.create_user(username="lee", roles="advisor"), 400, "roles")
        self.problem(self.create_user(username="lee", team_code="nowhere"), 400, "team_code")
        self.problem(self.create_user(username="lee", display_name=None), 400, "display_name")
        self.problem(self.create_user(username="lee", shoe_size=9), 400, "shoe_size")
        self.problem(self.create_user(username="lee", user="supervisor"), 403)
        self.assertEqual(db_scalar(self.srv.db_path,
                                   "SELECT COUNT(*) FROM users WHERE username = 'lee'"), 0)

    def test_update_roles_password_and_disable(self):
        self.ok(self.create_user(username="pat", team_code=None), 201)
        token = self.srv.login("pat", "correct horse")
        u = self.ok(self.req("PATCH", "/api/v1/admin/users/pat",
                             {"roles": ["supervisor"], "display_name": "Pat Price"}, user="admin"))
        self.assertEqual((u["roles"], u["display_name"], u["teams"]),
                         (["supervisor"], "Pat Price", []))
        self.ok(self.req("PATCH", "/api/v1/admin/users/pat", {"password": "a new phrase"},
                         user="admin"))
        self.problem(self.srv.request("POST", "/api/v1/auth/login",
                                      {"username": "pat", "password": "correct horse"}), 401)
        token = self.srv.login("pat", "a new phrase")
        # disabled: the session ends at once, and no new one starts
        u = self.ok(self.req("PATCH", "/api/v1/admin/users/pat", {"active": False}, user="admin"))
        self.assertFalse(u["active"])
        self.problem(self.srv.request("GET", "/api/v1/me", token=token), 401)
        self.problem(self.srv.request("POST", "/api/v1/auth/login",
                                      {"username": "pat", "password": "a new phrase"}), 401)
        self.ok(self.req("PATCH", "/api/v1/admin/users/pat", {"active": True}, user="admin"))
        self.srv.login("pat", "a new phrase")
        self.problem(self.req("PATCH", "/api/v1/admin/users/pat", {"active": "no"}, user="admin"),
                     400, "active")
        self.problem(self.req("PATCH", "/api/v1/admin/users/pat", {"password": "short"},
                              user="admin"), 400, "password")
        self.problem(self.req("PATCH", "/api/v1/admin/users/nobody", {"active": False},
                              user="admin"), 404)
        self.problem(self.req("PATCH", "/api/v1/admin/users/pat", {"active": False},
                              user="supervisor"), 403)
        # no admin locks themself out
        self.problem(self.req("PATCH", "/api/v1/admin/users/admin", {"active": False},
                              user="admin"), 400, "active")
        self.problem(self.req("PATCH", "/api/v1/admin/users/admin", {"roles": ["supervisor"]},
                              user="admin"), 400, "roles")
        self.srv.login("admin")
        actions = db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM audit WHERE action ="
                            " 'user.update' AND reason = 'pat'")
        self.assertGreaterEqual(actions, 4)


class UserCommandTest(RolesServer, CaseApi):
    """`frontdoord user ...` against the live server's database (WAL lets
    the command write while the server runs); the server then agrees."""
    customers = 30

    def run_cmd(self, *args, stdin="", rc=0):
        proc = subprocess.run([self.srv_binary(), "user"] + list(args) + ["--db", self.srv.db_path],
                              input=stdin.encode(), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=60)
        self.assertEqual(proc.returncode, rc, proc.stderr.decode())
        return proc.stdout.decode() + proc.stderr.decode()

    def srv_binary(self):
        return os.path.abspath(os.path.join(self.srv.build, "frontdoord"))

    def test_add_list_password_teams_disable(self):
        self.run_cmd("add", "--name", "sol", "--display-name", "Sol Singh",
                     "--roles", "backoffice", "--team", "revenues", stdin="first phrase\n")
        token = self.srv.login("sol", "first phrase")
        me = self.ok(self.srv.request("GET", "/api/v1/me", token=token))
        self.assertEqual((me["display_name"], me["roles"], me["team"]),
                         ("Sol Singh", ["backoffice"], "revenues"))
        listing = self.run_cmd("list")
        self.assertRegex(listing, r"sol\s+Sol Singh\s+yes\s+backoffice\s+revenues")
        self.assertRegex(listing, r"advisor\s+Alex Advisor\s+yes\s+advisor\s+contact_centre")
        # a day in parking, from the shell
        until = iso(now_utc() + datetime.timedelta(hours=6))
        self.run_cmd("add-team", "--name", "sol", "--team", "parking", "--until", until)
        teams = self.ok(self.srv.request("GET", "/api/v1/users/sol/teams", token=token))["items"]
        self.assertEqual([(m["team_code"], m["expires_at"]) for m in teams],
                         [("revenues", None), ("parking", until)])
        self.assertIn("parking until " + until, self.run_cmd("list"))
        self.assertIn(self.srv.request("POST", "/api/v1/queues/parking/claim", token=token)[0],
                      (200, 204))
        self.run_cmd("remove-team", "--name", "sol", "--team", "parking")
        self.assertEqual(self.srv.request("POST", "/api/v1/queues/parking/claim",
                                          token=token)[0], 403)
        self.run_cmd("set-password", "--name", "sol", stdin="second phrase\n")
        self.srv.login("sol", "second phrase")
        self.run_cmd("disable", "--name", "sol")
        self.assertEqual(self.srv.request("GET", "/api/v1/me", token=token)[0], 401)
        self.assertRegex(self.run_cmd("list"), r"sol\s+Sol Singh\s+no\s")
        self.run_cmd("enable", "--name", "sol")
        self.srv.login("sol", "second phrase")

    def test_password_limits_count_characters(self):
        """Issue 10 F2: the command counts characters as the API does, so
        256 x "ß" (512 bytes) is set and used; 257, or 4 x "ß", is not."""
        self.run_cmd("add", "--name", "zed", "--display-name", "Zed", "--roles", "advisor",
                     stdin="ß" * 256 + "\n")
        self.srv.login("zed", "ß" * 256)
        self.run_cmd("set-password", "--name", "zed", stdin="ß" * 257 + "\n", rc=1)
        self.run_cmd("set-password", "--name", "zed", stdin="😀" * 1000 + "\n", rc=1)
        self.run_cmd("set-password", "--name", "zed", stdin="ßßßß\n", rc=1)
        self.srv.login("zed", "ß" * 256)

    def test_refusals(self):
        out = self.run_cmd("add", "--name", "ray", "--display-name", "Ray", "--roles", "wizard",
                           stdin="good phrase\n", rc=1)
        self.assertIn("roles", out)
        self.run_cmd("add", "--name", "ray", "--display-name", "Ray", "--roles", "advisor",
                     "--team", "nowhere", stdin="good phrase\n", rc=1)
        self.run_cmd("add", "--name", "ray", "--display-name", "Ray", "--roles", "advisor",
                     stdin="short\n", rc=1)
        self.run_cmd("add", "--name", "Ray!", "--display-name", "Ray", "--roles", "advisor",
                     stdin="good phrase\n", rc=1)
        self.run_cmd("add", "--name", "advisor", "--display-name", "Dup", "--roles", "advisor",
                     stdin="good phrase\n", rc=1)
        # the password never goes on the command line
        self.run_cmd("add", "--name", "ray", "--password", "good phrase", rc=2)
        self.run_cmd("add-team", "--name", "advisor", "--team", "parking",
                     "--until", iso(now_utc() - datetime.timedelta(hours=1)), rc=1)
        self.run_cmd("remove-team", "--name", "advisor", "--team", "parking", rc=1)
        self.run_cmd("disable", "--name", "nobody", rc=1)
        self.run_cmd("frobnicate", "--name", "advisor", rc=2)
        self.run_cmd("frobnicate", rc=2)
        self.run_cmd("disable", rc=1)
        self.assertEqual(db_scalar(self.srv.db_path,
                                   "SELECT COUNT(*) FROM users WHERE username = 'ray'"), 0)


class MigrationTest(CaseApi):
    """A database from before memberships (schema 4, users.team) opens
    with every user's team as a lasting membership and the column gone."""

    def test_single_team_column_becomes_membership(self):
        tmp = tempfile.mkdtemp(prefix="fd-migrate-")
        try:
            with FdServer(customers=30) as srv:
                path = os.path.join(tmp, "v4.db")
                shutil.copyfile(srv.db_path, path)
            con = sqlite3.connect(path)
            con.executescript(
                "ALTER TABLE users ADD COLUMN team TEXT;"
                "UPDATE users SET team = (SELECT team_code FROM memberships m"
                "  WHERE m.user_id = users.id ORDER BY m.id LIMIT 1);"
                "DROP TABLE memberships;"
                # and undo migration 6 (the audit's list subjects) as well
                "DROP INDEX audit_list_digest; DROP TABLE audit_subjects;"
                "ALTER TABLE audit DROP COLUMN client_request_id;"
                "ALTER TABLE audit DROP COLUMN list_digest;"
                # and migration 7 (h-safeg: safeguarding cases first in the queue)
                "ALTER TABLE cases DROP COLUMN queue_first;"
                "ALTER TABLE callbacks DROP COLUMN triage_response;"
                # and migration 8 (h-privacy: how the caller's identity was checked)
                "ALTER TABLE contacts DROP COLUMN identity_check;"
                # and migration 9 (h-info: the articles read during a contact)
                "DROP TABLE contact_articles;"
                # and migration 11 (w3d: names whose keys the start-up rebuilds)
                "DROP TABLE customer_names_stale;"
                "PRAGMA user_version = 4;")
            con.commit()
            con.close()
            srv = FdServer(customers=30)
            shutil.copyfile(path, srv.db_path)
            with srv:
                self.srv, self.tokens = srv, {u: srv.login(u) for u in ("advisor", "backoffice")}
                rows = dict(sqlite3.connect(srv.db_path).execute(
                    "SELECT u.username, m.team_code FROM memberships m JOIN users u"
                    " ON u.id = m.user_id WHERE m.expires_at IS NULL").fetchall())
                self.assertEqual(rows, DEMO)
                cols = [r[1] for r in sqlite3.connect(srv.db_path).execute(
                    "PRAGMA table_info(users)")]
                self.assertNotIn("team", cols)
                self.assertEqual(self.ok(self.req("GET", "/api/v1/me"))["team"], "contact_centre")
                self.assertEqual(self.claim("highways", user="backoffice")[0], 403)
                self.assertIn(self.claim("waste_services", user="backoffice")[0], (200, 204))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
