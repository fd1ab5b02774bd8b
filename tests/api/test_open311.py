#!/usr/bin/env python3
"""The Open311 GeoReport v2 facade (/open311/v2): service list, service
definitions derived from the triage scripts, form-encoded requests that
become cases in the owning team's queue, request reads and the error
cases. Every response is validated with ajv (from npm, installed once into
a cache by this set-up) against the project's own statement of the
contract, docs/open311/, and also against the shared third-party schemas
in ../shared/standards/open311-georeport-v2 (FD_OPEN311_SCHEMAS overrides)
when they are present, so a clone with no ../shared still tests fully.
The shared schemas define no error response: errors use ours for both.

Needs node and npm (packaging/install-deps). Standard library otherwise."""
import csv
import json
import os
import re
import sqlite3
import subprocess
import sys
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import fdserver  # noqa: E402
import nodekit  # noqa: E402
import runner  # noqa: E402

OURS = os.path.join(ROOT, "docs", "open311")
SHARED = os.environ.get("FD_OPEN311_SCHEMAS") or os.path.normpath(
    os.path.join(ROOT, "..", "shared", "standards", "open311-georeport-v2"))
VALIDATOR = os.path.join(HERE, "open311-validate.mjs")
REF = re.compile(r"^FD-\d{2}-\d{6}$")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
PERSONAL = ("Ziggy", "Stardust-Test", "ziggy@example.invalid", "07700 900461")


def schema_sets():
    """For each response kind, the schemas it must satisfy: ours always,
    the shared ones when that folder exists."""
    kinds = ("services", "service", "service-definition", "requests", "request")
    sets = {k: [os.path.join(OURS, k + ".json")] for k in kinds}
    sets["post"] = [os.path.join(OURS, "post-response.json")]
    sets["error"] = [os.path.join(OURS, "error.json")]
    if os.path.isdir(SHARED):
        for k in kinds:
            sets[k].append(os.path.join(SHARED, k + ".json"))
        sets["post"].append("[]" + os.path.join(SHARED, "swagger.json")
                            + "#/definitions/RequestResponse")
    return sets


SCHEMAS = schema_sets()


class Validator:
    """One node process running open311-validate.mjs --serve."""

    def __init__(self):
        env = nodekit.node_env()
        self.proc = subprocess.Popen(["node", VALIDATOR, "--serve"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=env, text=True)

    def errors(self, schema_spec, data):
        self.proc.stdin.write(json.dumps({"schema": schema_spec, "data": data}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the validator stopped")
        answer = json.loads(line)
        return [] if answer["ok"] else answer["errors"]

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


def services_csv():
    """The services Open311 offers: those with a script (the safeguarding
    duty teams' services are reached from an advisor's triage only)."""
    with open(os.path.join(ROOT, "config", "services.csv"), encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["script"]]


def script_items(script_id):
    """Every item of a shipped script, depth first, with whether it is
    conditional (enableWhen on it or an ancestor, or under a question)."""
    with open(os.path.join(ROOT, "config", "scripts", script_id + ".json"), encoding="utf-8") as f:
        doc = json.load(f)
    out = []

    def walk(items, under):
        for it in items:
            cond = under or bool(it.get("enableWhen"))
            out.append((it, cond))
            walk(it.get("item", []), cond or it["type"] not in ("group", "display"))
    walk(doc.get("item", []), False)
    return out


class Open311Test(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.v = Validator()
        cls.srv = fdserver.FdServer(customers=100)
        con = sqlite3.connect(cls.srv.db_path)
        cls.seeded_keys = con.execute("SELECT COUNT(*) FROM open311_clients").fetchone()[0]
        con.close()
        proc = subprocess.run([fdserver.binary(cls.srv.build), "open311-key", "--db",
                               cls.srv.db_path, "--name", "FixMyStreet test"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=60, check=True)
        cls.key = proc.stdout.strip()
        cls.srv.start()
        cls.backoffice = cls.srv.login("backoffice")
        cls.advisor = cls.srv.login("advisor")

    @classmethod
    def tearDownClass(cls):
        cls.v.close()
        code = cls.srv.stop()
        log = cls.srv.stderr_text()
        cls.srv.close()
        # Under SANITIZE=1 a report (or a leak at exit) must fail the suite.
        bad = re.search(r"(AddressSanitizer|LeakSanitizer|runtime error).*", log)
        if code != 0 or bad:
            raise AssertionError("frontdoord exit %r: %s" % (code, bad.group(0) if bad else ""))

    # ---- helpers -----------------------------------------------------------

    def valid(self, kind, data, what=""):
        """data satisfies every schema for this kind of response."""
        for spec in SCHEMAS[kind]:
            errs = self.v.errors(spec, data)
            self.assertEqual(errs, [], "%s does not validate against %s: %s" % (
                what or json.dumps(data)[:200], spec, errs))

    def get(self, path, status=200):
        st, hdr, body = self.srv.request("GET", "/open311/v2" + path)
        self.assertEqual(st, status, body)
        self.assertIn("application/json", hdr.get("content-type", ""))
        return body

    def post(self, fields, status=201, raw=None, headers=FORM):
        data = raw if raw is not None else urllib.parse.urlencode(fields).encode()
        st, hdr, body = self.srv.request("POST", "/open311/v2/requests.json", raw=data,
                                         headers=headers)
        self.assertEqual(st, status, body)
        self.assertIn("application/json", hdr.get("content-type", ""))
        if status == 201:
            self.valid("post", body, "POST response")
        else:
            self.error(body, status)
        return body

    def error(self, body, status):
        self.valid("error", body, "error response")
        self.assertEqual(body[0]["code"], status)
        return body[0]["description"]

    def missed_bin(self, **extra):
        fields = {"api_key": self.key, "service_code": "missed_bin", "lat": "51.5014",
                  "long": "-0.1419", "attribute[bin-type]": "recycling",
                  "description": "Blue bin not emptied on Tuesday"}
        fields.update(extra)
        return {k: v for k, v in fields.items() if v is not None}

    def create(self, **extra):
        body = self.post(self.missed_bin(**extra))
        ref = body[0]["service_request_id"]
        self.assertRegex(ref, REF)
        return ref

    def requests(self, query=""):
        body = self.get("/requests.json" + query)
        self.valid("requests", body, "requests list")
        for item in body:
            self.valid("request", item, "request " + item["service_request_id"])
        return body

    def case(self, ref):
        st, hdr, body = self.srv.request("GET", "/api/v1/cases/" + ref, token=self.backoffice)
        self.assertEqual(st, 200, body)
        return body, hdr["etag"]

    # ---- services ----------------------------------------------------------

    def test_services_list(self):
        body = self.get("/services.json")
        self.valid("services", body, "services list")
        for item in body:
            self.valid("service", item, item["service_code"])
        rows = services_csv()
        self.assertEqual([s["service_code"] for s in body], [r["code"] for r in rows])
        for s, r in zip(body, rows):
            self.assertEqual(s["service_name"], r["name"])
            self.assertEqual(s["type"], "realtime")
            self.assertTrue(s["group"])
            self.assertTrue(s["metadata"], s["service_code"])  # every script asks something
            self.assertEqual(s["keywords"], ", ".join(r["keywords"].split()))

    def test_every_service_definition(self):
        by_code = {r["code"]: r for r in services_csv()}
        for s in self.get("/services.json"):
            code = s["service_code"]
            with self.subTest(service=code):
                body = self.get("/services/%s.json" % code)
                self.valid("service-definition", body, code)
                self.assertEqual(body["service_code"], code)
                self.check_attributes(body["attributes"], script_items(by_code[code]["script"]))

    def check_attributes(self, attrs, items):
        questions = [(it, cond) for it, cond in items if it["type"] not in ("group", "display")]
        self.assertEqual([a["code"] for a in attrs], [it["linkId"] for it, _ in questions])
        want_type = {"boolean": "singlevaluelist", "choice": "singlevaluelist",
                     "integer": "number", "decimal": "number", "date": "datetime",
                     "dateTime": "datetime", "time": "datetime", "string": "string",
                     "text": "text"}
        for n, (a, (it, cond)) in enumerate(zip(attrs, questions), 1):
            self.assertEqual(a["order"], n)
            self.assertIs(a["variable"], True)
            self.assertEqual(a["datatype"], want_type[it["type"]], a["code"])
            self.assertEqual(a["required"], bool(it.get("required")) and not cond, a["code"])
            self.assertTrue(a["description"])
            if it["type"] == "boolean":
                self.assertEqual([v["key"] for v in a["values"]], ["true", "false"])
            elif it["type"] == "choice":
                keys = [o.get("valueCoding", {}).get("code") or o.get("valueString")
                        or str(o.get("valueInteger")) for o in it["answerOption"]]
                self.assertEqual([v["key"] for v in a["values"]], keys)
            else:
                self.assertNotIn("values", a)

    def test_unknown_service_definition(self):
        self.error(self.get("/services/no_such_service.json", 404), 404)
        self.error(self.get("/services/missed_bin.xml", 404), 404)

    # ---- creating requests -------------------------------------------------

    def test_seed_makes_no_key(self):
        self.assertEqual(self.seeded_keys, 0)
        self.assertRegex(self.key, r"^[0-9a-f]{64}$")
        con = sqlite3.connect(self.srv.db_path)
        hashes = [r[0] for r in con.execute("SELECT key_hash FROM open311_clients")]
        con.close()
        self.assertEqual(len(hashes), 1)
        self.assertNotIn(self.key, hashes)  # stored hashed

    def test_request_lands_in_the_owning_team_queue(self):
        ref = self.create(**{"first_name": PERSONAL[0], "last_name": PERSONAL[1],
                             "email": PERSONAL[2], "phone": PERSONAL[3],
                             "attribute[bins-missed]": "2",
                             "media_url": "https://photos.example/bin.jpg"})
        st, _, queue = self.srv.request("GET", "/api/v1/queues/waste_services/items?limit=200",
                                        token=self.backoffice)
        self.assertEqual(st, 200, queue)
        self.assertIn(ref, [i.get("ref") for i in queue["items"]])
        case, _ = self.case(ref)
        self.assertEqual(case["source"], "open311")
        self.assertEqual(case["service"]["code"], "missed_bin")
        self.assertEqual(case["team"]["code"], "waste_services")
        self.assertEqual(case["summary"], "Blue bin not emptied on Tuesday")
        self.assertEqual(case["media_url"], "https://photos.example/bin.jpg")
        answers = {a["link_id"]: a["answer"] for a in case["triage_answers"]}
        self.assertEqual(answers, {"bin-type": "Blue bin - mixed recycling", "bins-missed": "2"})
        notes = " ".join(n["body"] for n in case["notes"])
        for detail in PERSONAL:
            self.assertIn(detail, notes)  # staff can reach the reporter...
        for detail in PERSONAL:           # ...but no log line names them
            self.assertNotIn(detail, self.srv.stderr_text())

    def test_json_body_is_accepted_too(self):
        body = {"api_key": self.key, "service_code": "pothole", "address_string": "Outside 4 Elm Row",
                "attribute": {"road-type": "borough"}}
        self.post(None, raw=json.dumps(body).encode(), headers={"Content-Type": "application/json"})

    def test_errors(self):
        cases = [
            ("missing service_code", self.missed_bin(service_code=None), 400, "service_code"),
            ("unknown service", self.missed_bin(service_code="no_such"), 404, "service_code"),
            ("missing required attribute", self.missed_bin(**{"attribute[bin-type]": None}),
             400, "attribute[bin-type]"),
            ("empty required attribute", self.missed_bin(**{"attribute[bin-type]": ""}),
             400, "attribute[bin-type]"),
            ("value not in the list", self.missed_bin(**{"attribute[bin-type]": "purple"}),
             400, "attribute[bin-type]"),
            ("not a number", self.missed_bin(**{"attribute[bins-missed]": "two"}),
             400, "attribute[bins-missed]"),
            ("not a date", self.missed_bin(**{"attribute[collection-day]": "Tuesday"}),
             400, "attribute[collection-day]"),
            ("unknown attribute", self.missed_bin(**{"attribute[colour]": "red"}),
             400, "attribute[colour]"),
            ("bad api_key", self.missed_bin(api_key="0" * 64), 403, "api_key"),
            ("missing api_key", self.missed_bin(api_key=None), 403, "api_key"),
            ("no location", self.missed_bin(lat=None, long=None), 400, "location"),
            ("lat without long", self.missed_bin(long=None), 400, "lat"),
            ("lat out of range", self.missed_bin(lat="95"), 400, "lat"),
            ("bad media_url", self.missed_bin(media_url="javascript:alert(1)"), 400, "media_url"),
        ]
        before = self.requests()
        for name, fields, status, mention in cases:
            with self.subTest(name):
                self.assertIn(mention, self.post(fields, status)[0]["description"])
        for raw in (b"api_key=%zz", b"service_code=a%00b"):
            with self.subTest(raw=raw):
                self.post(None, 400, raw=raw)
        self.assertEqual(self.requests(), before)  # nothing was created

    # ---- reading requests --------------------------------------------------

    def test_list_and_single(self):
        ref = self.create(address_string="Outside 12 Acacia Avenue", lat=None, long=None)
        listed = self.requests()
        item = next(i for i in listed if i["service_request_id"] == ref)
        self.assertEqual(item["status"], "open")
        self.assertEqual(item["service_code"], "missed_bin")
        self.assertEqual(item["service_name"], "Missed bin collection")
        self.assertEqual(item["agency_responsible"], "Waste Services")
        self.assertEqual(item["address"], "Outside 12 Acacia Avenue")
        self.assertTrue(item["expected_datetime"] > item["requested_datetime"])
        single = self.get("/requests/%s.json" % ref)
        self.valid("requests", single, "single request")
        self.valid("request", single[0], "single request")
        self.assertEqual(single, [item])
        several = self.requests("?service_request_id=%s,FD-00-000000" % ref)
        self.assertEqual([i["service_request_id"] for i in several], [ref])
        self.assertTrue(all(i["service_code"] == "pothole"
                            for i in self.requests("?service_code=pothole")))

    def test_public_reads_hold_nothing_personal(self):
        ref = self.create(email=PERSONAL[2], first_name=PERSONAL[0], phone=PERSONAL[3])
        text = json.dumps(self.requests()) + json.dumps(self.get("/requests/%s.json" % ref))
        for detail in PERSONAL + ("Blue bin not emptied",):
            self.assertNotIn(detail, text)

    def test_advisor_cases_are_not_published(self):
        body = {"service_code": "missed_bin", "summary": "Mrs Example's bin missed again"}
        st, _, case = self.srv.request("POST", "/api/v1/cases", body, token=self.advisor)
        self.assertEqual(st, 201, case)
        self.error(self.get("/requests/%s.json" % case["ref"], 404), 404)
        self.assertNotIn(case["ref"], [i["service_request_id"] for i in self.requests()])

    def test_closed_once_resolved(self):
        ref = self.create()
        self.assertIn(ref, [i["service_request_id"] for i in self.requests("?status=open")])
        _, etag = self.case(ref)
        st, _, body = self.srv.request("PATCH", "/api/v1/cases/" + ref, {"status": "resolved"},
                                       token=self.backoffice, headers={"If-Match": etag})
        self.assertEqual(st, 200, body)
        item = self.get("/requests/%s.json" % ref)
        self.valid("requests", item)
        self.assertEqual(item[0]["status"], "closed")
        self.assertEqual(item[0]["status_notes"], "Resolved by Waste Services.")
        self.assertIn(ref, [i["service_request_id"] for i in self.requests("?status=closed")])
        self.assertNotIn(ref, [i["service_request_id"] for i in self.requests("?status=open")])

    def test_read_errors(self):
        self.error(self.get("/requests/FD-99-999999.json", 404), 404)
        self.error(self.get("/requests/nonsense.json", 404), 404)
        for query in ("?status=pending", "?start_date=yesterday",
                      "?start_date=2026-01-01T00:00:00Z&end_date=2026-12-01T00:00:00Z"):
            with self.subTest(query=query):
                self.error(self.get("/requests.json" + query, 400), 400)


if __name__ == "__main__":
    sys.exit(runner.main(__name__))
