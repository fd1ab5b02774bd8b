#!/usr/bin/env python3
"""The layer checks as one suite (make check, make layers): each check's
self-test first (a temporary tree with a bad file must fail it), then the
check itself over src/. Findings are printed as file:line; the last line
is the plain "N passed, N failed" total that tests/run-all counts.

usage: test_layers.py [BUILD_DIR]   (default $FD_BUILD, else build)"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def steps(build):
    loops = os.path.join(HERE, "check_loops.py")
    sql = os.path.join(HERE, "check_sql.py")
    paths = os.path.join(HERE, "check_api_paths.py")
    return [
        ("loops self-test", [loops, "--self-test"]),
        ("sql self-test", [sql, "--self-test"]),
        ("api paths self-test", [paths, "--self-test"]),
        ("no loop of more than two files in src/", [loops, build]),
        ("no SQL, sqlite3 or driver call outside src/server/store/", [sql, ROOT]),
        ("no /api/v1 in src/client/ outside its API module", [paths, ROOT]),
    ]


def main(argv):
    build = argv[1] if len(argv) > 1 else os.environ.get("FD_BUILD", "build")
    build = os.path.join(ROOT, build) if not os.path.isabs(build) else build
    if not os.path.isdir(os.path.join(build, "src")):
        print("no objects in %s/src: build first (make)" % build)
        print("0 passed, 1 failed")
        return 1
    passed = failed = 0
    for label, argv_ in steps(build):
        proc = subprocess.run([sys.executable] + argv_, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, errors="replace")
        ok = proc.returncode == 0
        sys.stdout.write(proc.stdout)
        print("%s - %s" % ("ok" if ok else "FAILED", label))
        passed += ok
        failed += not ok
        sys.stdout.flush()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
