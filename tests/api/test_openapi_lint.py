#!/usr/bin/env python3
"""docs/openapi.yaml is a well-formed OpenAPI 3.1 document: `redocly lint`
(@redocly/cli from npm, tests/lib/nodekit.py) reports no error, and every
operation has a unique operationId (the contract checks in the other API
suites name operations by it). Then the checker those suites run on every
response (tests/lib/contract.py) is shown to catch what it is for: an
unlisted status, an undocumented field, an undeclared header or body. No
server is started."""
import json
import os
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import contract  # noqa: E402
import nodekit  # noqa: E402

failures = []
passed = 0
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def check(name, cond, detail=""):
    global passed
    if cond:
        passed += 1
        print("ok - " + name)
    else:
        failures.append(name)
        print("not ok - %s %s" % (name, detail))


def lint_errors():
    """The problems redocly rates as errors, as "line:col message" strings."""
    env = nodekit.node_env()
    redocly = os.path.join(env["FD_NPM_PREFIX"], "node_modules", ".bin", "redocly")
    proc = subprocess.run([redocly, "lint", contract.SPEC, "--format=json"], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        return ["redocly gave no report (exit %d): %s" % (proc.returncode, proc.stderr[-2000:])]
    out = []
    for p in report.get("problems", []):
        if p.get("severity") == "error":
            where = (p.get("location") or [{}])[0].get("pointer", "?")
            out.append("%s %s: %s" % (p.get("ruleId"), where, p.get("message")))
    return out


def operation_ids():
    with open(contract.SPEC, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    return [(m.upper() + " " + path, op.get("operationId"))
            for path, item in doc["paths"].items()
            for m, op in item.items() if m in METHODS]


errors = lint_errors()
check("redocly lint finds no error in docs/openapi.yaml", not errors, "\n  " + "\n  ".join(errors))
ops = operation_ids()
missing = [name for name, oid in ops if not oid]
check("every operation has an operationId", not missing, str(missing))
ids = [oid for _, oid in ops if oid]
check("operationIds are unique", len(ids) == len(set(ids)),
      str(sorted({i for i in ids if ids.count(i) > 1})))
# Problem is the base other problems extend (allOf), so it stays open.
EXTENSIBLE = ("#/components/schemas/Problem",)


def open_objects(doc):
    """Where a response schema has an object with properties but no word on
    additionalProperties: an undocumented member there would go unseen."""
    found, seen = set(), set()

    def deref(node):
        while isinstance(node, dict) and "$ref" in node:
            target = doc
            for key in node["$ref"][2:].split("/"):
                target = target[key]
            node = target
        return node

    def walk(node, where, extended=False):
        if isinstance(node, dict) and "$ref" in node:
            if node["$ref"] in seen or node["$ref"] in EXTENSIBLE:
                return
            seen.add(node["$ref"])
            where, node = node["$ref"], deref(node)
        if not isinstance(node, dict):
            return
        types = node.get("type") if isinstance(node.get("type"), list) else [node.get("type")]
        if "object" in types and "properties" in node and "additionalProperties" not in node \
                and not extended:
            found.add(where)
        for key, sub in node.get("properties", {}).items():
            walk(sub, where + "." + key)
        walk(node.get("items"), where + "[]")
        for sub in node.get("oneOf", []) + node.get("anyOf", []):
            walk(sub, where)
        for sub in node.get("allOf", []):
            walk(sub, where, True)

    for item in doc["paths"].values():
        for op in item.values():
            for code, resp in op.get("responses", {}).items():
                for ctype, media in deref(resp).get("content", {}).items():
                    walk(media.get("schema"), "%s %s %s" % (op["operationId"], code, ctype))
    return sorted(found)


with open(contract.SPEC, encoding="utf-8") as f:
    unclosed = open_objects(yaml.safe_load(f))
check("every response object says whether it has other members", not unclosed,
      "\n  " + "\n  ".join(unclosed))

JSON = {"content-type": "application/json", "x-request-id": "r1"}
ME = {"id": "1", "username": "advisor", "display_name": "Alex Advisor", "roles": ["advisor"]}


def checker_cases(c):
    """(name, violations, expected substring or None for none)."""
    yield "a documented answer passes", c.check("GET", "/api/v1/me", 200, JSON, ME), None
    yield ("an unlisted status fails", c.check("GET", "/api/v1/me", 418, JSON, ME),
           "getMe (GET /api/v1/me) 418: status 418 not listed")
    yield ("an undocumented field fails", c.check("GET", "/api/v1/me", 200, JSON, dict(ME, pin="1")),
           "additional properties")
    yield ("an undeclared header fails",
           c.check("GET", "/api/v1/me", 200, dict(JSON, etag='"1"'), ME), "header etag not declared")
    yield ("a required header missing fails",
           c.check("GET", "/api/v1/me", 200, {"content-type": "application/json"}, ME),
           "required header x-request-id missing")
    yield ("an undeclared body fails",
           c.check("POST", "/api/v1/auth/logout", 204, JSON, {"ok": True}), "body not declared")
    yield ("a wrong type fails", c.check("GET", "/api/v1/me", 200, JSON, dict(ME, id=1)),
           "/id must be string")
    yield ("a 405 must carry Allow", c.check("DELETE", "/api/v1/me", 405, JSON, {}),
           "405 without Allow")
    yield ("a 405 with Allow passes", c.check("DELETE", "/api/v1/me", 405, dict(JSON, allow="GET"),
                                              {}), None)
    yield ("a query string and path template are matched",
           c.check("GET", "/api/v1/customers/7?via=search", 418, JSON, {}),
           "getCustomer (GET /api/v1/customers/{id}) 418")


checker = contract.Contract()
try:
    for name, found, expect in checker_cases(checker):
        if expect is None:
            check(name, not found, str(found))
        else:
            check(name, any(expect in v for v in found), str(found))
finally:
    checker.close()
print("%d passed, %d failed" % (passed, len(failures)))
sys.exit(1 if failures else 0)
