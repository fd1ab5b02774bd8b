#!/usr/bin/env python3
"""No REST path written outside the client's API module: in src/client/, a
C string literal holding "/api/v1" may only sit in a file whose path
matches ALLOWED (a folder or a file whose name starts with "api": today
src/client/api.c, after issue 11 src/client/api/…). Views ask the typed
API (Api_customer_get(id, cb) …) instead. Each finding is file:line.

usage: check_api_paths.py [ROOT]      (ROOT defaults to the repository)
       check_api_paths.py --self-test"""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clex  # noqa: E402

# Where the client's REST paths may be written (relative to the repository).
ALLOWED = re.compile(r"^src/client/(?:[^/]+/)*api[^/]*(?:/|$)")
CLIENT = "src/client"
PATH = "/api/v1"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def findings(root):
    out = []
    for rel, text in clex.sources(root, CLIENT):
        if ALLOWED.match(rel):
            continue
        strings, _ = clex.scan(text)
        for line, value in strings:
            if PATH in value:
                out.append('%s:%d: REST path "%s" outside the client API module'
                           % (rel, line, value[:60]))
    return out


def check(root):
    found = findings(root)
    for f in found:
        print(f)
    print("api paths: %d literal(s) with %s in %s/ outside the API module"
          % (len(found), PATH, CLIENT))
    return found


FILES = {
    "src/client/view_x.c": '/* GET /api/v1/customers: said in a comment only */\n'
                           'static const char *p = "/api/v1/customers/%lld";\n',
    "src/client/search/view_y.c": 'void f(void)\n{\n    get("/api/"\n        "v1/me");\n}\n',
    "src/client/api.c": 'static const char *p = "/api/v1/customers";\n',
    "src/client/api/customers.c": 'static const char *p = "/api/v1/customers";\n',
    "src/client/api_paths.h": '#define ME "/api/v1/me"\n',
    "src/client/view_z.c": 'static const char *help = "the api is down";\n',
}


def self_test():
    with tempfile.TemporaryDirectory() as tmp:
        clex.write_tree(tmp, FILES)
        found = findings(tmp)
    want = ["src/client/search/view_y.c:3:", "src/client/view_x.c:2:"]
    got = [f.split(" ")[0] for f in found]
    ok = sorted(got) == sorted(want)
    if not ok:
        print("self-test: wanted %s, got %s" % (want, got))
    print("api paths self-test: %s" % ("ok" if ok else "FAILED"))
    return ok


if __name__ == "__main__":
    sys.exit(clex.main(sys.argv, __doc__, check, self_test, ROOT))
