#!/usr/bin/env python3
"""check-content.py: self-check for Frontdoor's demo content (config/).

Usage: check-content.py [CONTENT_DIR]   (default: the directory of this file)

Checks teams.csv, services.csv, wrapcodes.csv and every knowledge base
article in kb/*.md. The triage scripts are checked by the engine that runs
them: `frontdoor script check --content DIR DIR/scripts/*.json` walks every
path through each one and checks what its outcomes name against DIR.

Prints one line per failed check, then "N passed, N failed"; exits 1 on any
failure. Python 3 standard library only.
"""

import csv
import datetime
import glob
import os
import re
import sys

ARGS = [a for a in sys.argv[1:] if a != "-v"]
ROOT = os.path.abspath(ARGS[0] if ARGS else os.path.dirname(os.path.abspath(__file__)))

TIERS = {"simple", "assisted", "complex"}
URL_OK = re.compile(r"https://www\.frontdoor\.example(/|$)")

passed = 0
failed = 0


def ok(cond, what):
    """Count one check; print it when it fails."""
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)
    return cond


def read_csv(name, header, optional=()):
    path = os.path.join(ROOT, name)
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
    except OSError as e:
        ok(False, "%s: cannot read: %s" % (name, e))
        return []
    ok(rows and rows[0] == header, "%s: header must be %s" % (name, ",".join(header)))
    out = []
    for n, r in enumerate(rows[1:], start=2):
        if not r or r[0].startswith("#"):
            continue
        if ok(len(r) == len(header), "%s:%d: expected %d fields, found %d"
              % (name, n, len(header), len(r))):
            ok(all(x.strip() for h, x in zip(header, r) if h not in optional),
               "%s:%d: empty field" % (name, n))
            ok(all("\n" not in x for x in r), "%s:%d: newline in a field" % (name, n))
            d = dict(zip(header, r))
            d["_line"] = n
            out.append(d)
    return out


# --------------------------------------------------------------------- CSVs
teams = read_csv("teams.csv", ["code", "name", "description"])
team_codes = [t["code"] for t in teams]
ok(len(set(team_codes)) == len(team_codes), "teams.csv: duplicate team code")

services = read_csv("services.csv", ["code", "name", "tier", "team", "sla_hours",
                                     "self_service_url", "script", "keywords"],
                    # no script: reached only from other scripts' outcomes
                    # (the safeguarding duty teams)
                    optional=("script",))
service_codes = {s["code"] for s in services}
ok(len(service_codes) == len(services), "services.csv: duplicate service code")
for s in services:
    where = "services.csv:%d (%s)" % (s["_line"], s["code"])
    ok(re.fullmatch(r"[a-z][a-z0-9_]*", s["code"]), where + ": code must be snake_case")
    ok(s["tier"] in TIERS, where + ": tier must be one of " + "/".join(sorted(TIERS)))
    ok(s["team"] in team_codes, where + ": team '%s' is not in teams.csv" % s["team"])
    ok(s["sla_hours"].isdigit() and int(s["sla_hours"]) > 0, where + ": sla_hours must be a "
       "positive whole number")
    ok(URL_OK.match(s["self_service_url"]), where + ": self_service_url must be on "
       "https://www.frontdoor.example/")
    ok(not s["script"] or os.path.isfile(os.path.join(ROOT, "scripts", s["script"] + ".json")),
       where + ": script file scripts/%s.json does not exist" % s["script"])
    ok(len(s["keywords"].split()) >= 3, where + ": give at least 3 keywords")

# Break reasons (branch ev-live, issue 12): optional for older content.
if os.path.exists(os.path.join(ROOT, "break_reasons.csv")):
    breaks = read_csv("break_reasons.csv", ["code", "label"])
    ok(len({b["code"] for b in breaks}) == len(breaks), "break_reasons.csv: duplicate code")
    for b in breaks:
        ok(re.fullmatch(r"[a-z_]{1,31}", b["code"]),
           "break_reasons.csv:%d: code must be a-z and _, at most 31" % b["_line"])

wraps = read_csv("wrapcodes.csv", ["topic_code", "topic_label", "reason_code", "reason_label",
                                   "avoidable", "progress_chasing"])
wrap_codes = {w["reason_code"] for w in wraps}
ok(len(wrap_codes) == len(wraps), "wrapcodes.csv: reason_code must be unique")
topic_labels = {}
for w in wraps:
    where = "wrapcodes.csv:%d" % w["_line"]
    ok(w["avoidable"] in ("yes", "no") and w["progress_chasing"] in ("yes", "no"),
       where + ": avoidable and progress_chasing must be yes or no")
    ok(topic_labels.setdefault(w["topic_code"], w["topic_label"]) == w["topic_label"],
       where + ": topic '%s' has two labels" % w["topic_code"])
    ok(w["reason_code"] not in topic_labels, where + ": reason code equals a topic code")

# ----------------------------------------------------------------------- KB
kb_ids = {}
for path in sorted(glob.glob(os.path.join(ROOT, "kb", "*.md"))):
    aid = os.path.basename(path)[:-3]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head, sep, body = text.partition("\n\n")
    meta = {}
    for ln in head.splitlines():
        m = re.fullmatch(r"([a-z]+): ?(.*)", ln)
        if ok(m, "kb/%s.md: header line '%s' is not 'key: value'" % (aid, ln)):
            meta[m.group(1)] = m.group(2).strip()
    ok(sep and meta.get("title"), "kb/%s.md: needs a title: header then a blank line" % aid)
    ok(set(meta) <= {"title", "services", "tags", "updated"},
       "kb/%s.md: unknown header key(s) %s" % (aid, sorted(set(meta) - {"title", "services",
                                                                      "tags", "updated"})))
    for sc in meta.get("services", "").split():
        ok(sc in service_codes, "kb/%s.md: service '%s' is not in services.csv" % (aid, sc))
    if "updated" in meta:
        try:
            datetime.date.fromisoformat(meta["updated"])
            ok(True, "")
        except ValueError:
            ok(False, "kb/%s.md: updated must be YYYY-MM-DD" % aid)
    words = len(re.findall(r"[A-Za-z0-9£'’-]+", body))
    ok(150 <= words <= 500, "kb/%s.md: body has %d words (150-500 wanted)" % (aid, words))
    ok(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", aid), "kb/%s.md: id must be kebab-case" % aid)
    kb_ids[aid] = body

for aid, body in kb_ids.items():
    for target in re.findall(r"\]\(([^)]*)\)", body):
        if target.startswith("kb:"):
            ok(target[3:] in kb_ids, "kb/%s.md: link to missing article %s" % (aid, target))
        else:
            ok(target.startswith("https://"), "kb/%s.md: link '%s' must be kb:ID or https://"
               % (aid, target))
            if "frontdoor" in target:
                ok(URL_OK.match(target), "kb/%s.md: council link '%s' must be on "
                   "https://www.frontdoor.example/" % (aid, target))
    ok(re.search(r"\]\(kb:", body), "kb/%s.md: should link to at least one related article"
       % aid)

# ----------------------------------------------------------------- scripts
# The scripts are judged by the triage engine itself, every path walked:
#   frontdoor script check --content config config/scripts/*.json
# (tests/run-all runs it). Here only: every service's script exists (above).

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
