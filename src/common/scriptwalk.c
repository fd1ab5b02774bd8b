/* scriptwalk: see scriptwalk.h. A path is a list of steps (read out,
 * skipped, answered with a candidate); each node of the walk replays its
 * path on a fresh Triage, so the engine alone decides what comes next
 * (and a safeguarding outcome, which cannot be stepped back from, costs
 * nothing special). Scripts are small: a few dozen paths each. */
#include "common/scriptwalk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/buf.h"
#include "common/triage_int.h"

enum { MAX_EXAMPLES = 3, MAX_CANDS = 48 };

typedef enum StepKind { STEP_ACK, STEP_SKIP, STEP_ANSWER } StepKind;

typedef struct Cand {
    StepKind kind;         /* STEP_SKIP or STEP_ANSWER */
    QValue v;
    size_t option;
} Cand;

typedef struct Cands {
    Cand c[MAX_CANDS];
    size_t n;
} Cands;

typedef struct Walk {
    const Questionnaire *q;
    const char *source;
    Diag *diag;
    ScriptWalk *out;
    Cands *cands;          /* per item */
    const Cand **path;     /* per depth: NULL for a display read out */
    size_t depth;
    bool *reached;
    int errors;
} Walk;

/* ---- the answers worth trying ------------------------------------------- */

static void Cand_add(Cands *cs, StepKind kind, const QValue *v, size_t option)
{
    if (cs->n == MAX_CANDS)
        return;
    for (size_t i = 0; v && i < cs->n; i++)
        if (cs->c[i].kind == kind && QValue_equal(&cs->c[i].v, v))
            return;
    Cand *c = &cs->c[cs->n];
    c->kind = kind;
    c->option = option;
    c->v = (QValue)QVALUE_INIT;
    if (v && QValue_copy(&c->v, v) < 0)
        return;
    cs->n++;
}

static void Cand_add_text(Cands *cs, QValueKind kind, const char *text)
{
    QValue v = QVALUE_INIT;
    v.kind = kind;
    v.str = (char *)text;
    Cand_add(cs, STEP_ANSWER, &v, QITEM_NONE);
}

/* The value and its neighbours, so < <= > >= are tried on both sides. */
static void Cand_add_around(Cands *cs, const QValue *v)
{
    QValue n = *v;
    n.str = NULL;
    if (v->kind == QV_INTEGER || v->kind == QV_DECIMAL) {
        for (int d = -1; d <= 1; d++) {
            n.integer = v->integer + d;
            n.decimal = v->decimal + d;
            Cand_add(cs, STEP_ANSWER, &n, QITEM_NONE);
        }
    } else if (v->kind == QV_DATE && v->str) {
        struct tm tm = {0};
        if (sscanf(v->str, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
            return;
        tm.tm_year -= 1900;
        tm.tm_mon -= 1;
        time_t base = timegm(&tm);
        for (int d = -1; d <= 1; d++) {
            time_t at = base + (time_t)d * 86400;
            struct tm out;
            char text[16];
            gmtime_r(&at, &out);
            strftime(text, sizeof text, "%Y-%m-%d", &out);
            Cand_add_text(cs, QV_DATE, text);
        }
    } else {
        Cand_add(cs, STEP_ANSWER, v, QITEM_NONE);
    }
}

/* One answer for a question nothing depends on. */
static void Cand_add_sample(Cands *cs, const QItem *it)
{
    QValue v = QVALUE_INIT;
    switch (it->type) {
    case QT_BOOLEAN: v.kind = QV_BOOLEAN; v.boolean = true; Cand_add(cs, STEP_ANSWER, &v, QITEM_NONE); break;
    case QT_INTEGER: v.kind = QV_INTEGER; v.integer = 1; Cand_add(cs, STEP_ANSWER, &v, QITEM_NONE); break;
    case QT_DECIMAL: v.kind = QV_DECIMAL; v.decimal = 1; Cand_add(cs, STEP_ANSWER, &v, QITEM_NONE); break;
    case QT_DATE: Cand_add_text(cs, QV_DATE, "2025-06-02"); break;
    case QT_DATETIME: Cand_add_text(cs, QV_DATETIME, "2025-06-02T21:30:00Z"); break;
    case QT_TIME: Cand_add_text(cs, QV_TIME, "21:30:00"); break;
    default: Cand_add_text(cs, QV_STRING, "sample text"); break;
    }
    /* A limit may refuse the sample: its bounds are answers too. */
    if (it->min_value.kind != QV_NONE)
        Cand_add(cs, STEP_ANSWER, &it->min_value, QITEM_NONE);
    if (it->max_value.kind != QV_NONE)
        Cand_add(cs, STEP_ANSWER, &it->max_value, QITEM_NONE);
}

static void Walk_candidates(const Questionnaire *q, size_t i, Cands *cs)
{
    const QItem *it = &q->items[i];
    bool referred = false;
    for (size_t k = 0; k < q->count; k++)
        for (size_t e = 0; e < q->items[k].ew_count; e++) {
            const EnableWhen *ew = &q->items[k].ew[e];
            if (ew->question != i)
                continue;
            referred = true;
            if (ew->op != EW_EXISTS && it->type != QT_CHOICE && it->type != QT_BOOLEAN)
                Cand_add_around(cs, &ew->answer);
            if (it->type == QT_STRING || it->type == QT_TEXT)
                Cand_add_text(cs, QV_STRING, "something else");
        }
    if (it->type == QT_CHOICE) {
        for (size_t o = 0; o < (referred ? it->option_count : 1) && o < it->option_count; o++)
            Cand_add(cs, STEP_ANSWER, NULL, o);
    } else if (it->type == QT_BOOLEAN) {
        QValue v = QVALUE_INIT;
        v.kind = QV_BOOLEAN;
        for (int b = 1; b >= (referred ? 0 : 1); b--) {
            v.boolean = b;
            Cand_add(cs, STEP_ANSWER, &v, QITEM_NONE);
        }
    } else if (cs->n == 0) {
        Cand_add_sample(cs, it);
    }
    if (!it->required && referred)
        Cand_add(cs, STEP_SKIP, NULL, QITEM_NONE);
}

/* ---- replaying a path --------------------------------------------------- */

static double Walk_decimal(const QValue *v)
{
    return v->kind == QV_INTEGER ? (double)v->integer : v->decimal;
}

static int Walk_apply(Triage *t, const Cand *c)
{
    if (!c)
        return Triage_acknowledge(t);
    if (c->kind == STEP_SKIP)
        return Triage_skip(t);
    const QItem *it = Triage_current(t);
    switch (it ? it->type : QT_GROUP) {
    case QT_CHOICE: return Triage_answer_option(t, c->option);
    case QT_BOOLEAN: return Triage_answer_boolean(t, c->v.boolean);
    case QT_INTEGER: return Triage_answer_integer(t, c->v.kind == QV_DECIMAL ? (long long)c->v.decimal : c->v.integer);
    case QT_DECIMAL: return Triage_answer_decimal(t, Walk_decimal(&c->v));
    case QT_DATE: return Triage_answer_date(t, c->v.str);
    case QT_DATETIME: return Triage_answer_datetime(t, c->v.str, 0);
    case QT_TIME: return Triage_answer_time(t, c->v.str);
    case QT_STRING: case QT_TEXT: return Triage_answer_string(t, c->v.str);
    default: return TRIAGE_WRONG_ITEM;
    }
}

/* The path so far on a fresh triage; NULL when the engine refused a step
 * (a candidate outside the question's limits: not a path). */
static Triage *Walk_replay(const Walk *w)
{
    Triage *t = Triage_new(w->q);
    for (size_t d = 0; t && d < w->depth; d++)
        if (Walk_apply(t, w->path[d]) != TRIAGE_OK) {
            Triage_free(t);
            return NULL;
        }
    return t;
}

static void Walk_dead_end(Walk *w, const Triage *t)
{
    if (w->out->dead_ends++ >= MAX_EXAMPLES)
        return;
    Buf b = BUF_INIT;
    TriageCrumb crumbs[64];
    size_t n = Triage_breadcrumb(t, crumbs, 64);
    for (size_t i = 0; i < n && i < 64; i++)
        Buf_printf(&b, "%s%s = %s", i ? "; " : "", QItem_link_id(crumbs[i].item),
                   crumbs[i].skipped ? "(skipped)" : crumbs[i].answer);
    Diag_add(w->diag, w->source, 0, "a path ends without an outcome: %s", b.data ? b.data : "(no answers)");
    Buf_free(&b);
    w->errors++;
}

static void Walk_node(Walk *w)
{
    if (w->out->paths >= SCRIPTWALK_MAX_PATHS) {
        w->out->truncated = true;
        return;
    }
    Triage *t = Walk_replay(w);
    if (!t)
        return;
    const QOutcome *o = Triage_outcome(t);
    const QItem *it = Triage_current(t);
    if (o || !it) {
        w->out->paths++;
        if (o)
            w->reached[it->index] = true;
        else
            Walk_dead_end(w, t);
        Triage_free(t);
        return;
    }
    size_t i = it->index;
    Triage_free(t);
    if (it->type == QT_DISPLAY) {
        w->path[w->depth++] = NULL;
        Walk_node(w);
        w->depth--;
        return;
    }
    for (size_t k = 0; k < w->cands[i].n; k++) {
        w->path[w->depth++] = &w->cands[i].c[k];
        Walk_node(w);
        w->depth--;
    }
}

int Scriptwalk_check(const Questionnaire *q, const char *source, Diag *diag, ScriptWalk *out)
{
    ScriptWalk local;
    out = out ? out : &local;
    memset(out, 0, sizeof *out);
    Walk w = {.q = q, .source = source, .diag = diag, .out = out};
    w.cands = calloc(q->count, sizeof *w.cands);
    w.path = calloc(q->count + 1, sizeof *w.path);
    w.reached = calloc(q->count, sizeof *w.reached);
    if (!w.cands || !w.path || !w.reached) {
        Diag_add(diag, source, 0, "out of memory walking the script");
        w.errors++;
    } else {
        for (size_t i = 0; i < q->count; i++)
            if (QItem_is_question(&q->items[i]))
                Walk_candidates(q, i, &w.cands[i]);
        Walk_node(&w);
        if (out->dead_ends > MAX_EXAMPLES)
            Diag_add(diag, source, 0, "%zu of %zu paths end without an outcome (the first %d shown)",
                     out->dead_ends, out->paths, MAX_EXAMPLES);
        for (size_t i = 0; !out->truncated && i < q->count; i++)
            if (q->items[i].is_outcome && !w.reached[i] && ++out->unreached && ++w.errors)
                Diag_add(diag, source, 0, "item '%s': no path reaches this outcome", q->items[i].link_id);
    }
    for (size_t i = 0; w.cands && i < q->count; i++)
        for (size_t k = 0; k < w.cands[i].n; k++)
            QValue_clear(&w.cands[i].c[k].v);
    free(w.cands);
    free(w.path);
    free(w.reached);
    return w.errors;
}
