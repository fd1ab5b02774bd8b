#!/usr/bin/env python3
"""No SQL outside the server's stores: in src/ (all but STORE), no C string
literal holding an SQL statement, no sqlite3 identifier (nor <sqlite3.h>),
no call of the driver (db.h: Db_stmt, Db_step, Db_bind_*, Db_col_* …) and
no #include of server/store/db.h. Each finding is printed as file:line.

SQL is recognised by statement shape with the keywords in capitals, as the
stores write them (SELECT … FROM, INSERT INTO, UPDATE x SET, DELETE FROM,
CREATE TABLE/INDEX, PRAGMA x, and BEGIN/COMMIT/ROLLBACK as the whole
literal), so help text that says "update" or "select a customer from the
list" is not taken for SQL.

usage: check_sql.py [ROOT]      (ROOT defaults to the repository)
       check_sql.py --self-test"""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clex  # noqa: E402

STORE = "src/server/store"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SQL = re.compile(r"""
    \bSELECT\b[^;]*?\bFROM\b
  | \bINSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\b
  | \bREPLACE\s+INTO\b
  | \bUPDATE\s+\w+\s+SET\b
  | \bDELETE\s+FROM\b
  | \bCREATE\s+(?:UNIQUE\s+|VIRTUAL\s+|TEMP\s+|TEMPORARY\s+)*(?:TABLE|INDEX|TRIGGER|VIEW)\b
  | \bDROP\s+(?:TABLE|INDEX|TRIGGER|VIEW)\b
  | \bALTER\s+TABLE\b
  | \bPRAGMA\s+\w+
  | ^\s*(?:BEGIN(?:\s+(?:IMMEDIATE|DEFERRED|EXCLUSIVE))?(?:\s+TRANSACTION)?
         | COMMIT | ROLLBACK(?:\s+TO(?:\s+SAVEPOINT)?\s+\w+)?
         | SAVEPOINT\s+\w+ | RELEASE(?:\s+SAVEPOINT)?\s+\w+)\s*;?\s*$
""", re.X)
# The driver's face (db.h); store.h (connections, transactions) is for all.
DRIVER = re.compile(r"\b(DbStmt|Db_(?:stmt|prepare|finalize|bind_\w+|step|step_id|reset|"
                    r"col_\w+|changes|errmsg|exec|exists|lookup_int|schema_version|"
                    r"migrate_to))\b")
SQLITE = re.compile(r"\b(sqlite3\w*|SQLITE_\w+)\b")
DB_H = re.compile(r'^[ \t]*#[ \t]*include[ \t]*[<"](?:server/store/|store/)?db\.h[>"]', re.M)


def findings(root):
    out = []
    for rel, text in clex.sources(root, "src", skip=(STORE,)):
        strings, code = clex.scan(text)
        for line, value in strings:
            m = SQL.search(value)
            if m:
                out.append("%s:%d: SQL in a string literal outside %s/: \"%s\""
                           % (rel, line, STORE, m.group(0).strip()[:60]))
        for m in SQLITE.finditer(code):
            out.append("%s:%d: sqlite3 identifier '%s' outside %s/"
                       % (rel, clex.line_of(code, m.start()), m.group(1), STORE))
        for m in DRIVER.finditer(code):
            out.append("%s:%d: driver's '%s' used outside %s/ (go through a store)"
                       % (rel, clex.line_of(code, m.start()), m.group(1), STORE))
        for m in DB_H.finditer(text):
            out.append("%s:%d: includes the driver header db.h outside %s/"
                       % (rel, clex.line_of(text, m.start()), STORE))
    return out


def check(root):
    found = findings(root)
    for f in found:
        print(f)
    print("sql: %d finding(s) outside %s/" % (len(found), STORE))
    return found


BAD = r'''#include <sqlite3.h>
#include "server/store/db.h"
/* a comment may say SELECT x FROM y, sqlite3_open or Db_step() */
static const char *help = "Select a customer from the list, then update it.";
static const char *begin = "Begin the call";
void f(Db *db)
{
    DbStmt *st = Db_stmt(db, "SELECT id "
                             "FROM customers WHERE id = ?1");
    Db_step(st);
    Db_exec(db, "BEGIN IMMEDIATE");
    sqlite3_step(0);
}
#define BY_ID \
    "SELECT id," \
    " name FROM customers"
'''
GOOD = r'''#include "server/store/store.h"
static const char *help = "Select a customer from the list, then update it.";
static const char *msg = "Could not begin: the database is busy";
static const char *pragma = "pragmatic";
'''


def self_test():
    with tempfile.TemporaryDirectory() as tmp:
        clex.write_tree(tmp, {"src/server/bad.c": BAD, "src/server/good.c": GOOD,
                              "src/server/store/ok.c": BAD})  # the stores may do all of it
        found = findings(tmp)
    want = ["src/server/bad.c:1: sqlite3", "src/server/bad.c:2: includes",
            "src/server/bad.c:8: driver's 'DbStmt'", "src/server/bad.c:8: driver's 'Db_stmt'",
            "src/server/bad.c:8: SQL", "src/server/bad.c:10: driver's 'Db_step'",
            "src/server/bad.c:11: SQL", "src/server/bad.c:11: driver's 'Db_exec'",
            "src/server/bad.c:12: sqlite3",
            "src/server/bad.c:15: SQL"]
    missing = [w for w in want if not any(f.startswith(w) for f in found)]
    extra = [f for f in found if not any(f.startswith(w) for w in want)]
    for m in missing:
        print("self-test: not found: " + m)
    for e in extra:
        print("self-test: false positive: " + e)
    ok = not missing and not extra
    print("sql self-test: %s" % ("ok" if ok else "FAILED"))
    return ok


if __name__ == "__main__":
    sys.exit(clex.main(sys.argv, __doc__, check, self_test, ROOT))
