#!/usr/bin/env python3
"""docs/openapi.yaml and the server's route table (src/server/routes.c)
must name the same routes, so the contract cannot drift from the code.
Then every documented route is called on a real server and must not 404
(a documented route that the server does not serve fails), and called
again without a token, with a body that is not JSON and with one over
1 MiB, so the contract checker sees every operation's refusals."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from fdserver import FdServer  # noqa: E402

failures = []
passed = 0


def check(name, cond, detail=""):
    global passed
    if cond:
        passed += 1
        print("ok - " + name)
    else:
        failures.append(name)
        print("not ok - %s %s" % (name, detail))


def openapi_routes():
    routes, path = set(), None
    for line in open("docs/openapi.yaml", encoding="utf-8"):
        m = re.match(r"^  (/\S*):\s*$", line)
        if m:
            path = m.group(1)
            continue
        m = re.match(r"^    (get|post|put|patch|delete):\s*$", line)
        if m and path:
            routes.add((m.group(1).upper(), path))
        if re.match(r"^\S", line):
            path = None
    return routes


# Query parameters any text is good for (search words, codes, names).
FREE_TEXT = {"q", "service", "team", "cursor", "given_name", "family_name", "postcode", "phone",
             "email", "service_code", "service_request_id"}


def query_params():
    """(METHOD, path, name) of every documented query parameter."""
    import yaml
    with open("docs/openapi.yaml", encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    out = []
    for path, item in doc["paths"].items():
        for method, op in item.items():
            for p in op.get("parameters", []):
                if p.get("in") == "query":
                    out.append((method.upper(), path, p["name"]))
    return out


def table_routes():
    text = open("src/server/routes.c", encoding="utf-8").read()
    return set(re.findall(r'\{"(GET|POST|PUT|PATCH|DELETE)", "([^"]+)"', text))


doc, code = openapi_routes(), table_routes()
check("openapi documents at least the foundation routes", len(doc) >= 8, str(len(doc)))
check("every served route is documented", not (code - doc), str(sorted(code - doc)))
check("every documented route is served", not (doc - code), str(sorted(doc - code)))

with FdServer(os.environ.get("FD_BUILD", "build"), customers=50) as srv:
    token = srv.login("admin")
    for method, path in sorted(doc):
        concrete = path.replace("{id}", "1")
        body = {"username": "nobody", "password": "x"} if path.endswith("/login") else None
        status, _, reply = srv.request(method, concrete, body=body, token=token)
        # A 404 for a missing record (no contact 1 in a fresh database) still
        # proves the route is served; only the router's own 404 does not.
        # Open311 routes answer their 404s as a JSON list ([{code, description}]).
        unrouted = status == 405 or (status == 404 and (
            not isinstance(reply, (dict, list)) or
            (isinstance(reply, dict) and reply.get("title") == "No such resource")))
        check("%s %s is served" % (method, path), not unrouted, "got %d %r" % (status, reply))
    # Every operation without a token, and every write with a body that is
    # not JSON or too large: the refusals must be in the contract too (tests/lib/contract.py
    # checks each answer; a status the operation does not list fails).
    token = srv.login("admin")  # the first pass signed out
    for method, path in sorted(doc):
        concrete = path.replace("{id}", "1")
        srv.request(method, concrete)
        if method in ("POST", "PUT", "PATCH") and not path.startswith("/open311/") \
                and not path.endswith("/logout"):
            srv.request(method, concrete, raw=b"a=1", token=token,
                        headers={"Content-Type": "text/plain"})
            srv.request(method, concrete, raw=b'"' + b"x" * (1 << 20) + b'"', token=token)

    # Every documented query parameter with a value no schema allows: a
    # refusal (400) must be listed, and a 2xx would mean it was ignored.
    for method, path, name in query_params():
        status, _, _ = srv.request(method, path.replace("{id}", "1") + "?%s=%%7Enot-valid" % name,
                                   token=token)
        check("%s %s?%s=~not-valid is not taken as valid" % (method, path, name),
              not 200 <= status < 300 or name in FREE_TEXT, "got %d" % status)

print("%d passed, %d failed" % (passed, len(failures)))
sys.exit(1 if failures else 0)
