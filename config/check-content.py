#!/usr/bin/env python3
"""check-content.py: self-check for Frontdoor's demo content (config/).

Usage: check-content.py [-v] [CONTENT_DIR]   (default: the directory of this file)
       -v also prints, per script, how many answer sets were walked.

Checks teams.csv, services.csv, wrapcodes.csv, every triage script in
scripts/*.json and every knowledge base article in kb/*.md, and walks every
script over all answer combinations that matter to its logic (every choice
and boolean answer, values either side of each numeric threshold, answered
and unanswered for optional questions that something depends on) to prove
that exactly one outcome is reached for every complete set of answers.

Prints one line per failed check, then "N passed, N failed"; exits 1 on any
failure. Python 3 standard library only.
"""

import csv
import datetime
import glob
import itertools
import json
import os
import random
import re
import sys

ARGS = [a for a in sys.argv[1:] if a != "-v"]
VERBOSE = "-v" in sys.argv[1:]
ROOT = os.path.abspath(ARGS[0] if ARGS else os.path.dirname(os.path.abspath(__file__)))

ITEM_TYPES = {"group", "display", "boolean", "choice", "string", "text", "integer",
              "decimal", "date", "dateTime", "time"}
QUESTION_TYPES = ITEM_TYPES - {"group", "display"}
OPERATORS = {"exists", "=", "!=", "<", ">", "<=", ">="}
OUTCOMES = {"resolve", "signpost", "case", "transfer", "callback", "safeguarding"}
TIERS = {"simple", "assisted", "complex"}
SYS_OUTCOME = "urn:frontdoor:outcome"
SYS_WRAP = "urn:frontdoor:wrap"
SYS_SERVICE = "urn:frontdoor:service"
SYS_KB = "urn:frontdoor:kb"
KNOWN_SYSTEMS = {SYS_OUTCOME, SYS_WRAP, SYS_SERVICE, SYS_KB}
# What a value of each question type is compared with, and how.
ANSWER_KEY = {"boolean": "answerBoolean", "integer": "answerInteger",
              "decimal": "answerDecimal", "date": "answerDate", "dateTime": "answerDateTime",
              "time": "answerTime", "string": "answerString", "text": "answerString"}
ROOT_KEYS = {"resourceType", "id", "url", "version", "name", "title", "status", "item",
             "description", "publisher", "date", "purpose", "subjectType", "language", "meta",
             "text", "identifier", "experimental", "contact", "copyright", "approvalDate",
             "lastReviewDate", "effectivePeriod", "jurisdiction", "useContext", "code"}
ITEM_KEYS = {"linkId", "text", "type", "required", "enableWhen", "enableBehavior",
             "answerOption", "item", "code", "prefix", "readOnly", "maxLength", "repeats"}
REFUSED = {"extension", "modifierExtension", "answerValueSet", "initial", "definition",
           "enableWhenExpression", "calculatedExpression", "answerExpression", "variable",
           "contained"}
SIGNPOST_WHERE = re.compile(r"https?://|\b0\d{3,4} ?\d{3} ?\d{3,4}\b|\b1\d{2}\b|\b\d{3} \d{3}\b")
URL_OK = re.compile(r"https://www\.frontdoor\.example(/|$)")
DISPLAY_LEAD = re.compile(r"^(Say|Check|Ask|Do|Read|Tell):")
MAX_PATHS = 200000

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


def flatten(items, parent, out, where):
    for it in items:
        out.append((it, parent))
        if isinstance(it.get("item"), list):
            flatten(it["item"], len(out) - 1, out, where)
    return out


def outcome_codes(it):
    codes = {}
    for c in it.get("code") or []:
        codes.setdefault(c.get("system"), []).append(c.get("code"))
    return codes


def parse_when_value(ew):
    for k, v in ew.items():
        if k.startswith("answer"):
            return k, v
    return None, None


def norm(v):
    """A comparable form of an answer or an enableWhen value."""
    if isinstance(v, dict):  # Coding
        return ("coding", v.get("system"), v.get("code"))
    return v


def matches_eq(ans, val):
    if isinstance(val, dict) or (isinstance(ans, tuple) and ans and ans[0] == "coding"):
        a = ans if isinstance(ans, tuple) else ("coding", None, ans)
        b = norm(val)
        if a[1] and b[1] and a[1] != b[1]:
            return False
        return a[2] == b[2]
    if isinstance(ans, bool) or isinstance(val, bool):
        return ans is val
    return ans == val


def compare(ans, op, val):
    if op == "=":
        return matches_eq(ans, val)
    if op == "!=":
        return not matches_eq(ans, val)
    try:
        if op == "<":
            return ans < val
        if op == ">":
            return ans > val
        if op == "<=":
            return ans <= val
        if op == ">=":
            return ans >= val
    except TypeError:
        return False
    return False


def shift(typ, v, d):
    """A value just above (d=1) or below (d=-1) v for a numeric or temporal type."""
    if typ == "integer":
        return v + d
    if typ == "decimal":
        return round(v + 0.5 * d, 2)
    if typ == "date":
        return (datetime.date.fromisoformat(v) + datetime.timedelta(days=d)).isoformat()
    if typ == "dateTime":
        t = datetime.datetime.fromisoformat(v) + datetime.timedelta(minutes=d)
        return t.isoformat()
    if typ == "time":
        t = datetime.datetime.combine(datetime.date(2000, 1, 1),
                                      datetime.time.fromisoformat(v))
        return (t + datetime.timedelta(seconds=d)).time().isoformat()
    return v


DEFAULTS = {"integer": 1, "decimal": 10.0, "date": "2025-06-02",
            "dateTime": "2025-06-02T21:30:00", "time": "21:30:00", "string": "sample",
            "text": "sample text"}


def check_script(path, sid_by_file):
    name = "scripts/" + os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            q = json.load(f)
    except (OSError, ValueError) as e:
        ok(False, "%s: not valid JSON: %s" % (name, e))
        return
    ok(True, "")
    sid = os.path.basename(path)[:-5]
    ok(q.get("resourceType") == "Questionnaire", name + ": resourceType must be Questionnaire")
    ok(q.get("id") == sid, name + ": id must be '%s' (the file name)" % sid)
    ok(q.get("url") == "urn:frontdoor:script:" + sid, name + ": url must be "
       "urn:frontdoor:script:" + sid)
    ok(q.get("version") == "1" or (isinstance(q.get("version"), str) and q["version"]),
       name + ": version must be a string")
    ok(q.get("status") == "active", name + ": status must be active")
    ok(isinstance(q.get("name"), str) and re.fullmatch(r"[A-Z][A-Za-z0-9_]*", q["name"]),
       name + ": name must be a computer-friendly name (e.g. MissedBinCollection)")
    ok(isinstance(q.get("title"), str) and q["title"], name + ": title required")
    bad_root = set(q) - ROOT_KEYS
    ok(not bad_root, name + ": unsupported element(s) %s" % sorted(bad_root))
    ok(sid in sid_by_file, name + ": no service in services.csv uses this script")
    if not ok(isinstance(q.get("item"), list) and q["item"], name + ": needs items"):
        return

    flat = flatten(q["item"], None, [], name)
    index = {}
    for i, (it, parent) in enumerate(flat):
        lid = it.get("linkId")
        where = "%s: item %s" % (name, lid or "#%d" % i)
        ok(isinstance(lid, str) and lid, where + ": linkId required")
        ok(lid not in index, where + ": duplicate linkId")
        index.setdefault(lid, i)
        bad = set(it) - ITEM_KEYS
        ok(not bad, where + ": unsupported element(s) %s" % sorted(bad & REFUSED or bad))
        ok(not it.get("repeats"), where + ": repeats is not supported")
        ok(it.get("type") in ITEM_TYPES, where + ": type '%s' not supported" % it.get("type"))
        ok(isinstance(it.get("text"), str) and it["text"].strip(), where + ": text required")
        if it.get("type") == "choice":
            opts = it.get("answerOption") or []
            ok(opts, where + ": choice needs answerOption")
            seen = set()
            for o in opts:
                keys = [k for k in o if k.startswith("value")]
                ok(len(keys) == 1 and keys[0] in ("valueCoding", "valueString", "valueInteger"),
                   where + ": each answerOption needs exactly one valueCoding/valueString/"
                   "valueInteger")
                v = norm(o.get(keys[0])) if keys else None
                ok(v not in seen, where + ": duplicate answer option %r" % (v,))
                seen.add(v)
                if keys and keys[0] == "valueCoding":
                    ok(o["valueCoding"].get("code") and o["valueCoding"].get("display"),
                       where + ": valueCoding needs code and display")
        else:
            ok("answerOption" not in it, where + ": answerOption only on choice items")
        if it.get("type") in ("display", "group"):
            ok("required" not in it, where + ": required makes no sense on a %s" % it["type"])
        if it.get("type") == "display":
            ok(not it.get("item"), where + ": display items cannot have children")
        if it.get("type") == "group":
            ok(it.get("item"), where + ": group without items")
        ews = it.get("enableWhen") or []
        if len(ews) > 1:
            ok(it.get("enableBehavior") in ("all", "any"), where + ": enableBehavior all/any "
               "needed with more than one enableWhen")
        elif "enableBehavior" in it:
            ok(it["enableBehavior"] in ("all", "any"), where + ": bad enableBehavior")
        for ew in ews:
            ref = ew.get("question")
            if not ok(ref in index and index[ref] < i, where + ": enableWhen refers to '%s', "
                      "which is not an earlier item" % ref):
                continue
            rit = flat[index[ref]][0]
            rtype = rit.get("type")
            ok(rtype in QUESTION_TYPES, where + ": enableWhen refers to '%s', a %s, not a "
               "question" % (ref, rtype))
            # the item must not be a descendant-owner of the question it depends on
            p = parent
            while p is not None:
                ok(flat[p][0].get("linkId") != ref, where + ": enableWhen on its own ancestor")
                p = flat[p][1]
            op = ew.get("operator")
            ok(op in OPERATORS, where + ": operator '%s' not supported" % op)
            k, v = parse_when_value(ew)
            if op == "exists":
                ok(k == "answerBoolean", where + ": exists needs answerBoolean")
                continue
            if rtype == "choice":
                opts = [norm(o.get("valueCoding", o.get("valueString", o.get("valueInteger"))))
                        for o in rit.get("answerOption") or []]
                want = {"valueCoding": "answerCoding", "valueString": "answerString",
                        "valueInteger": "answerInteger"}
                kinds = {want[x] for o in rit.get("answerOption") or [] for x in o
                         if x in want}
                ok(k in kinds, where + ": %s does not match the options of '%s'" % (k, ref))
                if k == "answerCoding":
                    ok(any(o[0] == "coding" and matches_eq(o, v) for o in opts if
                           isinstance(o, tuple)),
                       where + ": answerCoding %s is not an option of '%s'"
                       % (v.get("code"), ref))
                elif k:
                    ok(v in opts, where + ": %r is not an option of '%s'" % (v, ref))
                ok(op in ("=", "!="), where + ": only = and != make sense on a choice")
            else:
                ok(k == ANSWER_KEY.get(rtype) or (rtype == "decimal" and k == "answerInteger"),
                   where + ": %s does not fit '%s' (a %s)" % (k, ref, rtype))
                if rtype == "boolean":
                    ok(op in ("=", "!="), where + ": only = and != make sense on a boolean")

    # ------------------------------------------------------------ outcomes
    outcomes = []
    last_question = max((i for i, (it, _) in enumerate(flat)
                         if it.get("type") in QUESTION_TYPES), default=-1)
    nquestions = sum(1 for it, _ in flat if it.get("type") in QUESTION_TYPES)
    ok(5 <= nquestions <= 15, name + ": has %d questions (5-15 wanted)" % nquestions)
    for i, (it, parent) in enumerate(flat):
        codes = outcome_codes(it)
        where = "%s: item %s" % (name, it.get("linkId"))
        for c in it.get("code") or []:
            ok(c.get("system") in KNOWN_SYSTEMS, where + ": unknown code system %s"
               % c.get("system"))
        if SYS_OUTCOME not in codes:
            if it.get("type") == "display":
                ok(DISPLAY_LEAD.match(it.get("text", "")), where + ": display text should start "
                   "with what to do, e.g. 'Say:' or 'Check:'")
            ok(not codes, where + ": only outcome items carry codes")
            continue
        outcomes.append(i)
        ok(it.get("type") == "display", where + ": an outcome must be a display item")
        ok(len(codes[SYS_OUTCOME]) == 1 and codes[SYS_OUTCOME][0] in OUTCOMES,
           where + ": exactly one outcome code from " + "/".join(sorted(OUTCOMES)))
        kind = codes[SYS_OUTCOME][0]
        ok(DISPLAY_LEAD.match(it.get("text", "")), where + ": outcome text should start with "
           "'Say:' or 'Do:'")
        w = codes.get(SYS_WRAP, [])
        ok(len(w) == 1, where + ": exactly one wrap code needed")
        for x in w:
            ok(x in wrap_codes, where + ": wrap code '%s' not in wrapcodes.csv" % x)
        sv = codes.get(SYS_SERVICE, [])
        ok(len(sv) <= 1, where + ": at most one service")
        if kind == "case":
            ok(len(sv) == 1, where + ": a case outcome must name its service")
        for x in sv:
            ok(x in service_codes, where + ": service '%s' not in services.csv" % x)
        kb = codes.get(SYS_KB, [])
        if kind in ("resolve", "signpost"):
            ok(kb, where + ": a %s outcome needs a KB article" % kind)
        for x in kb:
            ok(x in kb_ids, where + ": KB article '%s' does not exist" % x)
        if kind == "signpost":
            ok(SIGNPOST_WHERE.search(it.get("text", "")), where + ": a signpost must say where "
               "to go (web address or phone number)")
        ok(i > last_question, where + ": outcomes go after the last question")
        ok(it.get("enableWhen"), where + ": an outcome needs enableWhen")
    ok(outcomes, name + ": no outcomes")

    walk_script(name, flat, index, outcomes)


def candidates(flat, i, refs):
    """Answers worth trying for question i: those that can change what is enabled."""
    it = flat[i][0]
    typ = it["type"]
    lid = it["linkId"]
    conds = refs.get(lid, [])
    vals = []
    if typ == "boolean":
        vals = [True, False] if conds else [True]
    elif typ == "choice":
        for o in it.get("answerOption") or []:
            if "valueCoding" in o:
                vals.append(norm(o["valueCoding"]))
            elif "valueString" in o:
                vals.append(o["valueString"])
            else:
                vals.append(o.get("valueInteger"))
        if not conds:
            vals = vals[:1]
    else:
        pts = set()
        for ew in conds:
            k, v = parse_when_value(ew)
            if ew.get("operator") == "exists" or v is None:
                continue
            if typ in ("string", "text"):
                pts.add(v)
            else:
                pts.update({v, shift(typ, v, -1), shift(typ, v, 1)})
        if typ in ("string", "text") and conds:
            pts.add("something else")
        vals = sorted(pts) if pts else [DEFAULTS[typ]]
    if not it.get("required") and conds:
        vals = vals + [None]
    return vals


def walk_script(name, flat, index, outcomes):
    refs = {}
    for it, _ in flat:
        for ew in it.get("enableWhen") or []:
            refs.setdefault(ew.get("question"), []).append(ew)
    ne_unanswered = set()

    def enabled(i, answers, en):
        it, parent = flat[i]
        if parent is not None and not en[parent]:
            return False
        ews = it.get("enableWhen") or []
        if not ews:
            return True
        # FHIR engines differ on '!=' against a question with no answer: some
        # say false, some true. Work out both, use false, and report any item
        # whose enablement depends on the choice.
        verdicts = []
        for ne_value in (False, True):
            res = []
            for ew in ews:
                ans = answers.get(ew.get("question"))
                op = ew.get("operator")
                _, val = parse_when_value(ew)
                if op == "exists":
                    res.append((ans is not None) == bool(val))
                elif ans is None:
                    res.append(ne_value if op == "!=" else False)
                else:
                    res.append(compare(ans, op, val))
            verdicts.append(any(res) if it.get("enableBehavior") == "any" else all(res))
        if verdicts[0] != verdicts[1]:
            ne_unanswered.add(it.get("linkId"))
        return verdicts[0]

    results = []
    paths = [0]

    def walk(i, answers, en):
        if paths[0] > MAX_PATHS:
            return
        if i == len(flat):
            paths[0] += 1
            results.append((dict(answers), [j for j in outcomes if en[j]]))
            return
        it = flat[i][0]
        e = enabled(i, answers, en)
        en.append(e)
        if e and it.get("type") in QUESTION_TYPES:
            for v in candidates(flat, i, refs):
                if v is not None:
                    answers[it["linkId"]] = v
                walk(i + 1, answers, en)
                answers.pop(it["linkId"], None)
        else:
            walk(i + 1, answers, en)
        en.pop()

    walk(0, {}, [])
    if paths[0] > MAX_PATHS:
        # Too many combinations: fall back to random sampling of answer sets.
        print("note: %s has more than %d answer combinations; sampling" % (name, MAX_PATHS))
        results = []
        rng = random.Random(4217)
        for _ in range(20000):
            answers, en = {}, []
            for i, (it, _) in enumerate(flat):
                e = enabled(i, answers, en)
                en.append(e)
                if e and it.get("type") in QUESTION_TYPES:
                    v = rng.choice(candidates(flat, i, refs))
                    if v is not None:
                        answers[it["linkId"]] = v
            results.append((answers, [j for j in outcomes if en[j]]))

    ok(not ne_unanswered, name + ": item(s) %s depend on '!=' against an unanswered question, "
       "which FHIR engines treat differently; add an 'exists' condition or use '='"
       % sorted(ne_unanswered))
    bad = [(a, o) for a, o in results if len(o) != 1]
    if not ok(not bad, "%s: %d of %d complete answer sets reach %s outcome(s)"
              % (name, len(bad), len(results), "no or several")):
        for a, o in bad[:3]:
            shown = {k: (v[2] if isinstance(v, tuple) else v) for k, v in a.items()}
            print("   answers %s -> outcomes %s" % (json.dumps(shown, default=str),
                                                   [flat[j][0]["linkId"] for j in o]))
    reached = {o[0] for _, o in results if len(o) == 1}
    if VERBOSE:
        print("%s: %d complete answer sets walked, %d outcomes, %d reached"
              % (name, len(results), len(outcomes), len(reached)))
    for j in outcomes:
        ok(j in reached, "%s: outcome %s can never be reached" % (name, flat[j][0]["linkId"]))
    return len(results)


sid_by_file = {s["script"]: s["code"] for s in services}
script_files = sorted(glob.glob(os.path.join(ROOT, "scripts", "*.json")))
ok(script_files, "no scripts in scripts/")
for p in script_files:
    check_script(p, sid_by_file)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
