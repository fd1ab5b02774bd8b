#!/usr/bin/env python3
"""Screen pop (issue 12), server side: the tests play the phone system.
POST /api/v1/calls with the phone system's own key (X-Api-Key, from
`frontdoord phone-key create`) offers a call to an advisor by user name or
extension; GET /api/v1/calls/{id} (that advisor, supervisors; audited)
shows the caller's number, the dialled number's service and the customers
with that number; /take and /end (the phone system: the caller hung up)
move it on. Events carry the call's id, never the number; logs neither."""
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import sys
import unittest
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import fdserver  # noqa: E402
import runner  # noqa: E402
from apitest import ApiTestCase, db_rows, db_scalar  # noqa: E402
from contactkit import contact_body  # noqa: E402

ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
HELPLINE = "01632 960002"        # config/dialled_numbers.csv: ctax_payment_difficulty
UNMAPPED = "01632 960777"        # no service


def unique_number():
    return "07700 9%05d" % (uuid.uuid4().int % 100000)


class CallsTest(ApiTestCase):
    @classmethod
    def setUpClass(cls):
        cls.srv = fdserver.FdServer(customers=60)
        proc = subprocess.run([fdserver.binary(cls.srv.build), "phone-key", "create", "Test PBX",
                               "--db", cls.srv.db_path], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=60, check=True)
        cls.key = proc.stdout.strip()
        # The older spelling, --name, still makes a key.
        proc = subprocess.run([fdserver.binary(cls.srv.build), "open311-key", "--db",
                               cls.srv.db_path, "--name", "FixMyStreet"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=60, check=True)
        cls.open311_key = proc.stdout.strip()
        cls.srv.start()
        cls.tokens = {u: cls.srv.login(u) for u in ("advisor", "supervisor", "admin", "duty")}
        cls.numbers = []  # every caller number used, to look for in logs and events

    @classmethod
    def tearDownClass(cls):
        code = cls.srv.stop()
        log = cls.srv.stderr_text()
        cls.srv.close()
        # Under SANITIZE=1 a report (or a leak at exit) must fail the suite.
        bad = re.search(r"(AddressSanitizer|LeakSanitizer|runtime error).*", log)
        if code != 0 or bad:
            raise AssertionError("frontdoord exit %r: %s" % (code, bad.group(0) if bad else ""))

    # ---- helpers ---------------------------------------------------------

    def phone(self, path, body=None, key=None):
        return self.srv.request("POST", path, body if body is not None else {},
                                headers={"X-Api-Key": self.key if key is None else key})

    def offer(self, caller, agent="advisor", dialled=HELPLINE, queued=42, status=201):
        if caller.lower() != "withheld":
            self.numbers.append(caller)
        body = {"caller": caller, "dialled": dialled, "agent": agent, "queued_seconds": queued}
        got = self.assertJson(self.phone("/api/v1/calls", body), status)
        self.assertEqual(got["state"], "offered")
        return got["id"]

    def read(self, call_id, user="advisor", status=200):
        resp = self.srv.request("GET", "/api/v1/calls/%s" % call_id, token=self.tokens[user])
        return self.assertJson(resp, status) if status == 200 else resp

    def customer_with(self, number):
        body = {"given_name": "Callum", "family_name": "Ringer" + uuid.uuid4().hex[:8],
                "confirmed_new": True, "phone": number,
                "address": {"line1": "2 Bell Lane", "town": "Testbury", "postcode": "FD2 4RG"}}
        resp = self.srv.request("POST", "/api/v1/customers", body, token=self.tokens["advisor"])
        return self.assertJson(resp, 201)["id"]

    # ---- the phone system's key ------------------------------------------

    def test_key_required_and_advisor_token_refused(self):
        body = {"caller": unique_number(), "dialled": HELPLINE, "agent": "advisor"}
        self.assertProblem(self.srv.request("POST", "/api/v1/calls", body), 401)
        self.assertProblem(self.srv.request("POST", "/api/v1/calls", body,
                                            token=self.tokens["admin"]), 401)
        self.assertProblem(self.phone("/api/v1/calls", body, key="0" * 64), 401)
        self.assertProblem(self.srv.request("POST", "/api/v1/calls", body,
                                            headers={"X-Api-Key": self.tokens["advisor"]}), 401)
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM calls WHERE caller = ?",
                                   body["caller"].replace(" ", "")), 0)

    def test_a_key_of_one_kind_opens_nothing_of_the_other(self):
        body = {"caller": unique_number(), "dialled": HELPLINE, "agent": "advisor"}
        self.assertProblem(self.phone("/api/v1/calls", body, key=self.open311_key), 401)
        report = {"api_key": self.key, "service_code": "pothole",
                  "address_string": "Outside 4 Elm Row", "attribute": {"road-type": "borough"}}
        st, _, reply = self.srv.request("POST", "/open311/v2/requests.json", report)
        self.assertEqual(st, 403, reply)
        self.assertIn("api_key", reply[0]["description"])
        report["api_key"] = self.open311_key
        st, _, reply = self.srv.request("POST", "/open311/v2/requests.json", report)
        self.assertEqual(st, 201, reply)

    def key_cmd(self, *args):
        return subprocess.run([fdserver.binary(self.srv.build)] + list(args),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=60)

    def test_a_revoked_key_opens_nothing(self):
        p = self.key_cmd("phone-key", "create", "Old switch", "--db", self.srv.db_path)
        key = p.stdout.strip()
        body = {"caller": unique_number(), "dialled": HELPLINE, "agent": "advisor"}
        headers = {"X-Api-Key": key}
        self.assertEqual(self.srv.request("POST", "/api/v1/calls", body, headers=headers)[0], 201)
        p = self.key_cmd("phone-key", "revoke", "Old switch", "--db", self.srv.db_path)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("revoked", p.stderr)
        self.assertEqual(self.srv.request("POST", "/api/v1/calls", body, headers=headers)[0], 401)
        self.assertNotIn("Old switch", self.key_cmd("phone-key", "list", "--db",
                                                    self.srv.db_path).stdout)
        p = self.key_cmd("phone-key", "revoke", "Old switch", "--db", self.srv.db_path)
        self.assertEqual(p.returncode, 1)
        self.assertIn("no key is named 'Old switch'", p.stderr)

    def test_bad_fields(self):
        resp = self.phone("/api/v1/calls", {"caller": "hello", "dialled": "x", "agent": "advisor",
                                            "queued_seconds": -1, "colour": "red"})
        p = self.assertProblem(resp, 400, "caller")
        fields = {e["field"] for e in p["errors"]}
        self.assertTrue({"caller", "dialled", "queued_seconds", "colour"} <= fields, p)

    def test_unknown_agent(self):
        resp = self.phone("/api/v1/calls", {"caller": unique_number(), "dialled": HELPLINE,
                                            "agent": "nobody-here"})
        self.assertProblem(resp, 422)
        resp = self.phone("/api/v1/calls", {"caller": unique_number(), "dialled": HELPLINE,
                                            "agent": "9999"})
        self.assertProblem(resp, 422)
        # a trainer works in the sandbox: no live calls
        resp = self.phone("/api/v1/calls", {"caller": unique_number(), "dialled": HELPLINE,
                                            "agent": "trainer"})
        self.assertIn("roles", self.assertProblem(resp, 422)["detail"])
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM calls c JOIN users u"
                                   " ON u.id = c.user_id WHERE u.username = 'trainer'"), 0)

    # ---- matching --------------------------------------------------------

    def test_withheld(self):
        call = self.read(self.offer("Withheld"))
        self.assertIsNone(call["caller"])
        self.assertTrue(call["withheld"])
        self.assertEqual((call["matched"], call["customer_ids"], call["customer"]),
                         ("none", [], None))

    def test_no_match(self):
        number = unique_number()
        call = self.read(self.offer(number, dialled=UNMAPPED, queued=0))
        self.assertEqual(call["caller"], number.replace(" ", ""))
        self.assertFalse(call["withheld"])
        self.assertIsNone(call["service"])
        self.assertEqual((call["matched"], call["customer_ids"], call["customer"]),
                         ("none", [], None))
        self.assertEqual((call["state"], call["queued_seconds"], call["user"]),
                         ("offered", 0, "advisor"))

    def test_one_match_with_the_service(self):
        number = unique_number()
        cid = self.customer_with(number)
        call = self.read(self.offer("+44 " + number[1:], queued=75))
        self.assertEqual(call["matched"], "one")
        self.assertEqual(call["customer_ids"], [cid])
        self.assertEqual(call["customer"]["id"], cid)
        self.assertEqual(call["customer"]["match"], "phone")
        self.assertEqual(call["service"], {"code": "ctax_payment_difficulty",
                                           "name": "Council tax payment difficulty"})
        self.assertEqual(call["dialled"], HELPLINE.replace(" ", ""))
        self.assertEqual(call["queued_seconds"], 75)

    def test_caller_ids_as_phone_systems_send_them(self):
        number = unique_number()
        cid = self.customer_with(number)
        bare = "44" + number.replace(" ", "")[1:]   # 447700900123: no + from the trunk
        call = self.read(self.offer(bare))
        self.assertEqual((call["matched"], call["customer_ids"]), ("one", [cid]))
        for foreign, kept in (("+1 555 0100", "+15550100"), ("00353871234567", "00353871234567")):
            call = self.read(self.offer(foreign))   # not refused: the pop still opens
            self.assertEqual((call["caller"], call["matched"]), (kept, "none"))

    def test_many_matches(self):
        number = unique_number()
        ids = sorted([self.customer_with(number), self.customer_with(number)], key=int)
        call = self.read(self.offer(number))
        self.assertEqual(call["matched"], "many")
        self.assertEqual(call["customer_ids"], ids)
        self.assertIsNone(call["customer"])

    # ---- agents ----------------------------------------------------------

    def test_by_extension(self):
        resp = self.srv.request("PATCH", "/api/v1/admin/users/duty", {"extension": "2107"},
                                token=self.tokens["admin"])
        self.assertEqual(self.assertJson(resp)["extension"], "2107")
        users = self.assertJson(self.srv.request("GET", "/api/v1/admin/users",
                                                 token=self.tokens["admin"]))["items"]
        self.assertEqual({u["username"]: u["extension"] for u in users}["duty"], "2107")
        resp = self.srv.request("PATCH", "/api/v1/admin/users/admin", {"extension": "2107"},
                                token=self.tokens["admin"])
        self.assertProblem(resp, 400, "extension")
        # One string never names two people: no all-digit user names, and
        # no extension that is another user's name.
        resp = self.srv.request("POST", "/api/v1/admin/users", {
            "username": "2107", "display_name": "Number Person", "password": "a long pass phrase",
            "roles": ["advisor"], "team_code": "contact_centre"}, token=self.tokens["admin"])
        self.assertProblem(resp, 400, "username")
        resp = self.srv.request("PATCH", "/api/v1/admin/users/duty", {"extension": "advisor"},
                                token=self.tokens["admin"])
        self.assertProblem(resp, 400, "extension")
        call_id = self.offer(unique_number(), agent="2107")
        self.assertEqual(self.read(call_id, user="duty")["user"], "duty")
        # offered to duty: the advisor may not see it, a supervisor may
        self.assertProblem(self.read(call_id, user="advisor", status=403), 403)
        self.read(call_id, user="supervisor")
        self.assertProblem(self.srv.request("POST", "/api/v1/calls/%s/take" % call_id,
                                            token=self.tokens["advisor"]), 403)

    # ---- take and end ----------------------------------------------------

    def take(self, call_id, user="advisor"):
        return self.srv.request("POST", "/api/v1/calls/%s/take" % call_id,
                                token=self.tokens[user])

    def record_contact(self, call_id, user="advisor", **over):
        body = contact_body(call_id=call_id, **over)
        return self.srv.request("POST", "/api/v1/contacts", body, token=self.tokens[user],
                                headers={"Idempotency-Key": str(uuid.uuid4())})

    def test_the_contact_records_the_call_wait_and_service(self):
        call_id = self.offer(unique_number(), queued=95)
        # Not yet answered: the contact cannot claim it.
        self.assertProblem(self.record_contact(call_id), 400, "call_id")
        self.assertEqual(self.take(call_id)[0], 200)
        # On the phone only, and only the advisor it was offered to.
        self.assertProblem(self.record_contact(call_id, channel="email"), 400, "channel")
        self.assertProblem(self.record_contact(call_id, user="duty"), 400, "call_id")
        self.assertProblem(self.record_contact("99999999"), 400, "call_id")
        self.assertProblem(self.record_contact("x1"), 400, "call_id")
        contact = self.assertJson(self.record_contact(call_id), 201)
        self.assertEqual(contact["call"], {"id": call_id, "queued_seconds": 95, "service": {
            "code": "ctax_payment_difficulty", "name": "Council tax payment difficulty"}})
        again = self.assertJson(self.srv.request("GET", "/api/v1/contacts/%s" % contact["id"],
                                                 token=self.tokens["advisor"]))
        self.assertEqual(again["call"], contact["call"])
        # One contact per call.
        self.assertProblem(self.record_contact(call_id), 400, "call_id")
        plain = self.assertJson(self.srv.request("POST", "/api/v1/contacts", contact_body(),
                                                 token=self.tokens["advisor"],
                                                 headers={"Idempotency-Key": str(uuid.uuid4())}),
                                201)
        self.assertIsNone(plain["call"])

    def test_taken_then_ended(self):
        call_id = self.offer(unique_number())
        self.assertEqual(self.assertJson(self.take(call_id))["state"], "taken")
        self.assertEqual(self.assertJson(self.take(call_id))["state"], "taken")  # repeatable
        self.assertEqual(self.read(call_id)["state"], "taken")
        self.assertEqual(self.assertJson(self.phone("/api/v1/calls/%s/end" % call_id))["state"],
                         "ended")
        self.assertEqual(self.read(call_id)["state"], "ended")

    def test_hung_up_before_taken_then_take_is_409(self):
        call_id = self.offer(unique_number())
        for _ in range(2):  # idempotent: the phone system may say it twice
            self.assertEqual(
                self.assertJson(self.phone("/api/v1/calls/%s/end" % call_id))["state"], "ended")
        self.assertProblem(self.take(call_id), 409)
        self.assertEqual(self.read(call_id)["state"], "ended")

    def test_a_call_not_answered_waits_in_my_work(self):
        def waiting():
            work = self.assertJson(self.srv.request("GET", "/api/v1/me/work",
                                                    token=self.tokens["duty"]))
            self.assertEqual(work["calls"]["count"], len(work["calls"]["items"]))
            return work["calls"]["items"]
        number = unique_number()
        first, second = self.offer(number, agent="duty", queued=30), self.offer(
            unique_number(), agent="duty")
        items = waiting()
        self.assertEqual([c["id"] for c in items][-2:], [first, second])
        self.assertEqual(items[-2]["queued_seconds"], 30)
        self.assertNotIn(number.replace(" ", ""), str(items))  # the number only by id
        self.assertNotIn(first, [c["id"] for c in self.assertJson(self.srv.request(
            "GET", "/api/v1/me/work", token=self.tokens["advisor"]))["calls"]["items"]])
        self.assertEqual(self.take(first, user="duty")[0], 200)
        self.phone("/api/v1/calls/%s/end" % second)
        self.assertFalse({first, second} & {c["id"] for c in waiting()})
        # A call the phone system never ended stops waiting after an hour.
        stale = self.offer(unique_number(), agent="duty")
        con = sqlite3.connect(self.srv.db_path)
        con.execute("UPDATE calls SET offered_at = '2000-01-01T00:00:00Z' WHERE id = ?",
                    (int(stale),))
        con.commit()
        con.close()
        self.assertNotIn(stale, [c["id"] for c in waiting()])

    def test_end_needs_the_key_and_a_call(self):
        call_id = self.offer(unique_number())
        self.assertProblem(self.srv.request("POST", "/api/v1/calls/%s/end" % call_id,
                                            token=self.tokens["advisor"]), 401)
        self.assertProblem(self.phone("/api/v1/calls/999999/end"), 404)
        self.assertProblem(self.take(999999), 404)
        self.assertProblem(self.read(999999, status=404), 404)
        self.assertEqual(self.read(call_id)["state"], "offered")

    # ---- packaging/phone/frontdoor-call.agi, as Asterisk runs it ------------

    def agi(self, args, env_lines):
        env = dict(os.environ, FRONTDOOR_URL=self.srv.url, FRONTDOOR_PHONE_KEY=self.key,
                   FRONTDOOR_PHONE_CONF=os.path.join(self.srv.tmp, "no-phone.conf"))
        stdin = "".join(l + "\n" for l in env_lines) + "\n200 result=1\n"
        return subprocess.run([os.path.join(ROOT, "packaging", "phone", "frontdoor-call.agi")]
                              + args, input=stdin, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=60)

    @unittest.skipUnless(shutil.which("curl"), "the AGI script needs curl")
    def test_the_agi_script_offers_and_ends(self):
        number = unique_number()
        self.numbers.append(number)
        p = self.agi(["offer", "advisor", "12"], ["agi_callerid: " + number,
                                                  "agi_dnid: 01632960002", "agi_callingpres: 0"])
        self.assertRegex(p.stdout, r'^SET VARIABLE FRONTDOOR_CALL "\d+"\n$', p.stderr)
        call_id = p.stdout.split('"')[1]
        call = self.read(call_id)
        self.assertEqual((call["caller"], call["queued_seconds"], call["service"]["code"]),
                         (number.replace(" ", ""), 12, "ctax_payment_difficulty"))
        p = self.agi(["offer", "Advisor"], ["agi_callerid: anonymous", "agi_dnid: 01632960002"])
        withheld = self.read(p.stdout.split('"')[1])   # "Advisor" is advisor, not "dvisor"
        self.assertTrue(withheld["withheld"])
        self.assertEqual(withheld["user"], "advisor")
        self.agi(["end", call_id], [])
        self.assertEqual(self.read(call_id)["state"], "ended")

    # ---- privacy ---------------------------------------------------------

    def test_the_read_is_audited(self):
        number = unique_number()
        cid = self.customer_with(number)
        call_id = self.offer(number)
        last = db_scalar(self.srv.db_path, "SELECT COALESCE(MAX(id), 0) FROM audit")
        self.read(call_id)
        rows = db_rows(self.srv.db_path, "SELECT username, action, customer_id, reason FROM audit"
                       " WHERE id > ?", last)
        self.assertIn(("advisor", "call.read", int(cid), "call %s" % call_id), rows)
        last = db_scalar(self.srv.db_path, "SELECT COALESCE(MAX(id), 0) FROM audit")
        withheld = self.offer("withheld")
        self.read(withheld, user="supervisor")
        rows = db_rows(self.srv.db_path, "SELECT username, action, customer_id, reason FROM audit"
                       " WHERE id > ?", last)
        self.assertIn(("supervisor", "call.read", None, "call %s" % withheld), rows)

    def test_no_number_in_the_log(self):
        number = unique_number()
        self.phone("/api/v1/calls/%s/end" % self.offer(number))
        log = self.srv.stderr_text()
        for n in self.numbers:
            self.assertNotIn(n.replace(" ", ""), log)
            self.assertNotIn(n, log)

    def test_events_carry_the_id_not_the_number(self):
        number = unique_number()
        call_id = self.offer(number)
        self.phone("/api/v1/calls/%s/end" % call_id)
        con = sqlite3.connect("file:%s?mode=ro" % self.srv.db_path, uri=True, timeout=10)
        try:
            cur = con.execute("SELECT * FROM events")
            names = [d[0] for d in cur.description]
            rows = [dict(zip(names, r)) for r in cur.fetchall()]
        finally:
            con.close()
        kinds = [r.get("kind") for r in rows if call_id in str(r)]
        self.assertIn("call.offered", kinds)
        self.assertIn("call.ended", kinds)
        for r in rows:
            for n in self.numbers:
                self.assertNotIn(n.replace(" ", ""), str(r))



class CommandsTest(unittest.TestCase):
    """The command-line side: keys, extensions and the dialled-number map,
    on a stopped server's database."""

    @classmethod
    def setUpClass(cls):
        cls.srv = fdserver.FdServer(customers=20)
        cls.exe = fdserver.binary(cls.srv.build)
        cls.tmp = tempfile.mkdtemp(prefix="fd-calls-")

    @classmethod
    def tearDownClass(cls):
        cls.srv.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_cmd(self, *args, stdin=""):
        return subprocess.run([self.exe] + list(args), input=stdin, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=60)

    def content_with(self, rows):
        d = os.path.join(self.tmp, uuid.uuid4().hex)
        shutil.copytree(os.path.join(ROOT, "config"), d)
        with open(os.path.join(d, "dialled_numbers.csv"), "w", encoding="utf-8") as f:
            f.write("number,service_code\n" + "".join(r + "\n" for r in rows))
        return d

    def test_dialled_numbers_errors_name_file_and_line(self):
        d = self.content_with(["01632 960010,missed_bin", "not a number,missed_bin",
                               "01632 960011,no_such_service", "01632 960012"])
        p = self.run_cmd("content", "--db", self.srv.db_path, "--dir", d)
        self.assertEqual(p.returncode, 1, p.stderr)
        path = os.path.join(d, "dialled_numbers.csv")
        for line, words in ((3, "not a phone number"), (4, "no such service"),
                            (5, "expected 2 fields")):
            self.assertIn("%s:%d" % (path, line), p.stderr)
            self.assertIn(words, p.stderr)
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM dialled_numbers"
                                   " WHERE number = '01632960010'"), 0)  # nothing half-loaded

    def test_dialled_numbers_load(self):
        d = self.content_with(["01632 960020,pothole"])
        p = self.run_cmd("content", "--db", self.srv.db_path, "--dir", d)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT service_code FROM dialled_numbers"
                                   " WHERE number = '01632960020'"), "pothole")

    def test_content_without_the_map_still_loads(self):
        d = self.content_with([])
        os.unlink(os.path.join(d, "dialled_numbers.csv"))
        p = self.run_cmd("content", "--db", self.srv.db_path, "--dir", d)
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_phone_key_create_and_list(self):
        p = self.run_cmd("phone-key", "create", "Switch 2", "--db", self.srv.db_path)
        self.assertEqual(p.returncode, 0, p.stderr)
        key = p.stdout.strip()
        self.assertRegex(key, "^[0-9a-f]{64}$")
        p = self.run_cmd("phone-key", "list", "--db", self.srv.db_path)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("Switch 2", p.stdout)
        self.assertNotIn(key, p.stdout)  # shown once: the list has names and dates
        self.assertEqual(db_scalar(self.srv.db_path, "SELECT COUNT(*) FROM phone_clients"
                                   " WHERE key_hash = ?", key), 0)  # stored hashed
        self.assertEqual(self.run_cmd("phone-key", "create", "--db", self.srv.db_path).returncode,
                         2)

    def test_a_mistyped_database_is_not_created(self):
        typo = os.path.join(self.tmp, "typo.db")
        for cmd in (["phone-key", "list"], ["open311-key", "create", "X"], ["user", "list"],
                    ["content"]):
            p = self.run_cmd(*(cmd + ["--db", typo]))
            self.assertEqual(p.returncode, 1, (cmd, p.stderr))
            self.assertIn("no database at " + typo, p.stderr)
            self.assertFalse(os.path.exists(typo), cmd)

    def test_open311_key_create_and_list(self):
        p = self.run_cmd("open311-key", "create", "FixMyStreet", "--db", self.srv.db_path)
        self.assertEqual(p.returncode, 0, p.stderr)
        key = p.stdout.strip()
        self.assertRegex(key, "^[0-9a-f]{64}$")
        self.assertIn("Open311 API key for 'FixMyStreet' created", p.stderr)
        p = self.run_cmd("open311-key", "list", "--db", self.srv.db_path)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("FixMyStreet", p.stdout)
        self.assertNotIn(key, p.stdout)
        # Each kind lists only its own keys.
        self.assertNotIn("FixMyStreet", self.run_cmd("phone-key", "list", "--db",
                                                     self.srv.db_path).stdout)
        # One name, one key; a name with a control character is refused.
        p = self.run_cmd("open311-key", "create", "FixMyStreet", "--db", self.srv.db_path)
        self.assertEqual(p.returncode, 1)
        self.assertIn("a key named 'FixMyStreet' exists", p.stderr)
        for bad in (["open311-key", "--db", self.srv.db_path],
                    ["open311-key", "create", "Tab\there", "--db", self.srv.db_path],
                    ["open311-key", "list", "create", "X", "--db", self.srv.db_path],
                    ["open311-key", "create", "", "--db", self.srv.db_path]):
            p = self.run_cmd(*bad)
            self.assertEqual(p.returncode, 2, bad)
            self.assertIn("usage: frontdoord open311-key create NAME --db PATH", p.stderr)

    def test_user_extension(self):
        db = self.srv.db_path
        p = self.run_cmd("user", "set-extension", "--db", db, "--name", "advisor",
                         "--extension", "3001")
        self.assertEqual(p.returncode, 0, p.stderr)
        p = self.run_cmd("user", "set-extension", "--db", db, "--name", "duty",
                         "--extension", "3001")
        self.assertEqual(p.returncode, 1)
        self.assertIn("Another user has that extension", p.stderr)
        p = self.run_cmd("user", "add", "--db", db, "--name", "phoebe", "--display-name",
                         "Phoebe Phones", "--roles", "advisor", "--extension", "3002",
                         stdin="correct horse battery\n")
        self.assertEqual(p.returncode, 0, p.stderr)
        rows = dict(db_rows(db, "SELECT u.username, e.extension FROM user_extensions e"
                            " JOIN users u ON u.id = e.user_id"))
        self.assertEqual((rows.get("advisor"), rows.get("phoebe")), ("3001", "3002"))
        p = self.run_cmd("user", "set-extension", "--db", db, "--name", "advisor",
                         "--extension", "none")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertNotIn("advisor", dict(db_rows(db, "SELECT u.username, 1 FROM user_extensions"
                                                 " e JOIN users u ON u.id = e.user_id")))


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
