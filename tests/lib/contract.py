"""Every response an API test receives, checked against docs/openapi.yaml.

FdServer.request hands each response to check(); it finds the operation
called (method and path template), then checks that the status is listed
for it, that the body matches the declared media type and schema (ajv in a
long-running node process, tests/lib/openapi-validate.mjs) and that the
headers a client acts on are declared. Violations are collected per suite;
at exit the suite prints them, with the operation and status, and fails,
so an undocumented field, status or header fails the suite that met it.

Checking is on for the API suites (scripts under tests/api); FD_CONTRACT=0
turns it off, FD_CONTRACT=1 turns it on elsewhere.
"""
import atexit
import json
import os
import re
import subprocess
import sys
import tempfile
import threading

import yaml

import nodekit

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SPEC = os.path.join(ROOT, "docs", "openapi.yaml")
VALIDATOR = os.path.join(HERE, "openapi-validate.mjs")
# Headers a client acts on: each must be declared where it is sent.
CHECKED_HEADERS = ("allow", "etag", "idempotent-replayed", "location", "retry-after",
                   "www-authenticate", "x-request-id")

_contract = None
violations = []
_seen = set()
# Suites send requests from many threads; the validator is one pipe.
_lock = threading.Lock()


def _escape(key):
    return str(key).replace("~", "~0").replace("/", "~1")


def _template(path):
    """A path template as a regex; literal segments weigh more, so
    /customers/matches wins over /customers/{id}."""
    regex = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$"
    return re.compile(regex), -path.count("{")


class Contract:
    def __init__(self, spec=SPEC):
        with open(spec, encoding="utf-8") as f:
            self.doc = yaml.safe_load(f)
        self.ops = []
        for path, item in self.doc["paths"].items():
            regex, weight = _template(path)
            self.ops.append((weight, regex, path, item))
        self.ops.sort(key=lambda op: -op[0])
        self.proc = None

    def operation(self, method, url):
        """(pointer, operation, template) for this call (operation None when
        the path has no such method), or None when no documented path
        matches (the router's own 404s)."""
        path = url.split("?", 1)[0]
        for _, regex, template, item in self.ops:
            if regex.match(path):
                op = item.get(method.lower())
                return "/paths/%s/%s" % (_escape(template), method.lower()), op, template
        return None

    def _deref(self, pointer, obj):
        while "$ref" in obj:
            ref = obj["$ref"]
            pointer = ref[1:]
            obj = self.doc
            for key in pointer.strip("/").split("/"):
                obj = obj[key.replace("~1", "/").replace("~0", "~")]
        return pointer, obj

    def check(self, method, url, status, headers, body):
        """The ways this response departs from the contract (strings)."""
        found = self.operation(method, url)
        if found is None:
            return []
        pointer, op, template = found
        if op is None:
            return self._check_not_allowed(method, template, status, headers)
        name = "%s (%s %s) %d" % (op.get("operationId", "?"), method, template, status)
        responses = op.get("responses", {})
        key = next((k for k in (str(status), "%dXX" % (status // 100), "default")
                    if k in responses), None)
        if key is None:
            return ["%s: status %d not listed" % (name, status)]
        rpointer, response = self._deref("%s/responses/%s" % (pointer, key), responses[key])
        out = self._check_headers(response, headers)
        out += self._check_body(rpointer, response, headers, body)
        return ["%s: %s" % (name, v) for v in out]

    @staticmethod
    def _check_not_allowed(method, template, status, headers):
        """A method the path does not offer: 405 with Allow, as the
        document's description says."""
        name = "%s %s %d" % (method, template, status)
        if status != 405:
            return ["%s: an undocumented method must be 405" % name]
        if "allow" not in headers:
            return ["%s: 405 without Allow" % name]
        return []

    def _check_headers(self, response, headers):
        declared = {h.lower(): self._deref("", spec)[1]
                    for h, spec in response.get("headers", {}).items()}
        out = ["header %s not declared" % h for h in CHECKED_HEADERS
               if h in headers and h not in declared]
        return out + ["required header %s missing" % h for h, spec in declared.items()
                      if spec.get("required") and h not in headers]

    def _check_body(self, pointer, response, headers, body):
        content = response.get("content")
        if body in ("", None):
            return []
        if not content:
            return ["body not declared: %.200r" % (body,)]
        ctype = headers.get("content-type", "").split(";")[0].strip()
        if ctype not in content:
            return ["content type %r not declared (%s)" % (ctype, ", ".join(content))]
        if "json" not in ctype or "schema" not in content[ctype]:
            return []
        errors = self._validate("%s/content/%s/schema" % (pointer, _escape(ctype)), body)
        return ["%s in %.300s" % (e, json.dumps(body)) for e in errors]

    def _validate(self, pointer, data):
        if self.proc is None:
            self._start()
        self.proc.stdin.write(json.dumps({"pointer": pointer, "data": data}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the OpenAPI validator stopped")
        answer = json.loads(line)
        return [] if answer["ok"] else answer["errors"]

    def _start(self):
        fd, path = tempfile.mkstemp(prefix="openapi-", suffix=".json")
        with os.fdopen(fd, "w") as f:
            json.dump(self.doc, f, default=str)
        self.proc = subprocess.Popen(["node", VALIDATOR, path], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=nodekit.node_env(), text=True)
        self.json_path = path

    def close(self):
        if self.proc:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
            os.unlink(self.json_path)
            self.proc = None


def enabled():
    flag = os.environ.get("FD_CONTRACT")
    if flag in ("0", "1"):
        return flag == "1"
    script = os.path.abspath(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return os.path.dirname(script) == os.path.join(ROOT, "tests", "api")


def check(method, url, status, headers, body):
    """Records this response's violations (when checking is on)."""
    global _contract
    if not enabled():
        return
    with _lock:
        if _contract is None:
            _contract = Contract()
        _record(_contract.check(method, url, status, headers, body))


def _record(found):
    for v in found:
        # One line per kind of fault: the same one at items 0..n is one.
        key = re.sub(r"/\d+(?=/| )", "/*", v.split(" in {", 1)[0].split(": {", 1)[0])
        if key not in _seen:
            _seen.add(key)
            violations.append(v)


def _report():
    """At exit: list the violations and fail the suite. os._exit is the one
    way an exit hook can change the status; this hook is registered when the
    module is first imported, so it runs after the suites' own exit hooks
    (atexit runs the last registered first)."""
    if _contract:
        _contract.close()
    if not violations:
        return
    suite = os.path.basename(sys.argv[0])
    sys.stdout.flush()
    print("contract: %d response(s) differ from docs/openapi.yaml" % len(violations))
    for v in violations:
        print("contract: " + v)
    print("contract: %s fails: fix the server or docs/openapi.yaml" % suite)
    sys.stdout.flush()
    os._exit(1)


atexit.register(_report)
