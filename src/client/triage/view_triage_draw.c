/* view_triage_draw: what the triage shows. From the top: the customer's
 * flags (pinned, in words), who and what the triage is for, the answers
 * given so far (the latest ones, with a count of earlier ones when they do
 * not fit), then the question with what to say and the keys that answer
 * it; or, at the end, the outcome, pinned as a banner, with what happens
 * next. The bottom row names the keys. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "client/core/app.h"
#include "client/core/term.h"
#include "client/triage/triage_state.h"
#include "client/triage/view_reason.h"
#include "client/triage/view_triage_draw.h"
#include "client/triage/view_triage_records.h"
#include "client/customer/warnings.h"
#include "common/buf.h"
#include "common/jsonx.h"
#include "common/text.h"

enum { MAX_NOTES = 8, MAX_CRUMBS = 256, WRAP_MAX = 64 };

typedef struct TLine {
    char *text;
    int attr;
    bool prompt;   /* the answer box goes after the text */
} TLine;

typedef struct TLines {
    TLine *v;
    size_t n, cap;
    int width;
} TLines;

static void TL_add(TLines *L, const char *text, int attr)
{
    if (L->n == L->cap) {
        size_t cap = L->cap ? L->cap * 2 : 32;
        TLine *n = realloc(L->v, cap * sizeof *n);
        if (!n)
            return;
        L->v = n;
        L->cap = cap;
    }
    L->v[L->n++] = (TLine){strdup(text), attr, false};
}

/* text wrapped in the width, every line behind an indent of spaces. */
static void TL_wrap(TLines *L, const char *text, int indent, int attr)
{
    size_t starts[WRAP_MAX], lens[WRAP_MAX];
    int w = L->width - indent;
    int n = Layout_wrap(text, w > 10 ? w : 10, starts, lens, WRAP_MAX);
    for (int i = 0; i < n && i < WRAP_MAX; i++) {
        char line[2048];
        snprintf(line, sizeof line, "%*s%.*s", indent, "", (int)lens[i], text + starts[i]);
        TL_add(L, line, attr);
    }
}

static void TL_free(TLines *L)
{
    for (size_t i = 0; i < L->n; i++)
        free(L->v[i].text);
    free(L->v);
}

static int Draw_banners(const TriageState *s, const Rect *r, int y)
{
    attrset(Term_attr(STYLE_ALERT));
    /* More warnings than rows: every one by name on one line rather than
     * some in full and "and 2 more" hiding the rest. */
    if (s->nbanners > TRIAGE_MAX_BANNERS) {
        char all[600];
        Warnings_summary(s->customer, all, sizeof all);
        Term_text_pad(y++, r->x, all, r->w);
    }
    for (size_t i = 0; i < s->nbanners && i < TRIAGE_MAX_BANNERS - (s->nbanners > TRIAGE_MAX_BANNERS); i++)
        Term_hint_pad(y++, r->x, s->banners[i], r->w);
    /* Wrapped, not cut: the key to press is at the end of the line. */
    size_t starts[2], lens[2];
    int n = s->open_case[0] ? Layout_wrap(s->open_case_line, r->w - 3, starts, lens, 2) : 0;
    for (int i = 0; i < n && i < 2; i++) {
        char part[400];
        snprintf(part, sizeof part, "%s%.*s", i ? "   " : "", (int)lens[i], s->open_case_line + starts[i]);
        Term_text_pad(y++, r->x, part, r->w);
    }
    attrset(A_NORMAL);
    return y;
}

static int Draw_header(const TriageState *s, const Rect *r, int y)
{
    char who[300], line[800];
    const char *dot = Term_ascii() ? " - " : " \u00b7 ";
    if (s->offline)
        snprintf(who, sizeof who, "trying a script: no server, nothing is saved");
    else if (s->customer)
        snprintf(who, sizeof who, "for %s %s", Jsonx_str(s->customer, "display_name", ""),
                 Jsonx_str(s->customer, "customer_ref", ""));
    else
        snprintf(who, sizeof who, "information call (no customer)");
    if (s->service)
        snprintf(line, sizeof line, "%s (%s)%s%s%sscript %s v%d", Jsonx_str(s->service, "name", ""),
                 Jsonx_str(s->service, "tier", ""), dot, who, dot, s->script_id, s->version);
    else
        snprintf(line, sizeof line, "%s%sscript %s v%d", who, dot, s->script_id, s->version);
    attrset(Term_attr(STYLE_HEADING));
    Term_text_pad(y, r->x, line, r->w);
    attrset(A_NORMAL);
    return y + 1;
}

/* The latest answers that fit in rows, oldest first, and how many more. */
static int Draw_crumbs(const TriageState *s, const Rect *r, int y, int rows)
{
    static TriageCrumb crumbs[MAX_CRUMBS];
    size_t n = Triage_breadcrumb(s->t, crumbs, MAX_CRUMBS);
    if (n > MAX_CRUMBS)
        n = MAX_CRUMBS;
    if (n == 0 || rows < 1)
        return y;
    size_t show = n <= (size_t)rows ? n : (size_t)rows - 1;
    attrset(Term_attr(STYLE_DIM));
    if (show < n) {
        char more[80];
        snprintf(more, sizeof more, "  (%zu earlier answer%s)", n - show, n - show == 1 ? "" : "s");
        Term_text_pad(y++, r->x, more, r->w);
    }
    const char *tick = Term_ascii() ? "+" : "\u2713", *arrow = Term_ascii() ? "->" : "\u2192";
    for (size_t i = n - show; i < n; i++) {
        /* The question gives way first: the answer is what was said. */
        const char *answer = crumbs[i].skipped ? "(skipped)" : crumbs[i].answer;
        char sep[16], qa[2000], line[2100];
        snprintf(sep, sizeof sep, " %s ", arrow);
        Layout_qa(crumbs[i].question, sep, answer, r->w - 4, Term_ascii(), qa, sizeof qa);
        snprintf(line, sizeof line, "  %s %s", tick, qa);
        Term_text(y++, r->x, line, r->w);
    }
    attrset(A_NORMAL);
    return y;
}

static const char *Draw_format_hint(QItemType type)
{
    switch (type) {
    case QT_DATE: return "a date: DD/MM/YYYY";
    case QT_DATETIME: return "a date and time: DD/MM/YYYY HH:MM";
    case QT_TIME: return "a time: HH:MM";
    case QT_INTEGER: return "a whole number";
    case QT_DECIMAL: return "a number";
    case QT_CHOICE: return "the number or the words of an answer";
    case QT_BOOLEAN: return "yes or no";
    default: return "the words; Enter when done";
    }
}

static void Draw_choices(const TriageState *s, const QItem *it, TLines *L)
{
    size_t def = SIZE_MAX;
    const QValue *dv = Triage_default(s->t, &def);
    if (QItem_type(it) == QT_BOOLEAN) {
        bool d = dv && dv->kind == QV_BOOLEAN;
        TL_add(L, d && dv->boolean ? "  y  Yes   (Enter keeps this)" : "  y  Yes", A_NORMAL);
        TL_add(L, d && !dv->boolean ? "  n  No    (Enter keeps this)" : "  n  No", A_NORMAL);
        return;
    }
    size_t n = QItem_option_count(it);
    for (size_t i = 0; i < n; i++) {
        char line[600];
        snprintf(line, sizeof line, "  %*zu  %s%s", n > 9 ? 2 : 1, i + 1, QItem_option_label(it, i),
                 i == def ? "   (Enter keeps this)" : "");
        TL_add(L, line, A_NORMAL);
    }
}

static void Draw_prompt_line(TLines *L, const char *label)
{
    TL_add(L, label, A_BOLD);
    L->v[L->n - 1].prompt = true;
}

static void Draw_question(const TriageState *s, const QItem *it, TLines *L)
{
    for (const QItem *p = QItem_parent(it); p; p = QItem_parent(p)) {
        if (QItem_type(p) == QT_GROUP && QItem_text(p)) {
            TL_wrap(L, QItem_text(p), 0, Term_attr(STYLE_HEADING));
            break;
        }
    }
    char text[2048];
    snprintf(text, sizeof text, "%s%s%s", QItem_prefix(it) ? QItem_prefix(it) : "",
             QItem_prefix(it) ? " " : "", QItem_text(it) ? QItem_text(it) : QItem_link_id(it));
    TL_wrap(L, text, 0, A_BOLD);
    const QItem *notes[MAX_NOTES];
    size_t nn = Triage_notes(s->t, it, notes, MAX_NOTES);
    for (size_t i = 0; i < nn && i < MAX_NOTES; i++)
        TL_wrap(L, QItem_text(notes[i]) ? QItem_text(notes[i]) : "", 2, Term_attr(STYLE_DIM));
    if (QItem_type(it) == QT_DISPLAY)
        return;
    TL_add(L, QItem_required(it) ? "  (required)" : "  (optional: it can be skipped)", Term_attr(STYLE_DIM));
    TL_add(L, "", A_NORMAL);
    QItemType type = QItem_type(it);
    bool keyed = type == QT_BOOLEAN || (type == QT_CHOICE && QItem_option_count(it) <= 9);
    if (type == QT_BOOLEAN || type == QT_CHOICE)
        Draw_choices(s, it, L);
    size_t opt;
    const QValue *dv = Triage_default(s->t, &opt);
    char *kept = dv && !keyed && !s->typing ? QValue_display(dv) : NULL;
    if (kept) {
        char line[600];
        snprintf(line, sizeof line, "  Enter keeps: %s", kept);
        TL_add(L, line, A_NORMAL);
        free(kept);
    }
    if (!keyed || s->typing) {
        char hint[160];
        snprintf(hint, sizeof hint, "  Type %s.", Draw_format_hint(type));
        if (keyed)
            TL_add(L, "", A_NORMAL);
        Draw_prompt_line(L, "  Answer: ");
        TL_add(L, hint, Term_attr(STYLE_DIM));
    }
}

static const char *Draw_kind_banner(OutcomeKind k)
{
    switch (k) {
    case OUTCOME_RESOLVE: return "OUTCOME: RESOLVED - information given";
    case OUTCOME_SIGNPOST: return "OUTCOME: SIGNPOST - self-service or a partner organisation";
    case OUTCOME_CASE: return "OUTCOME: RAISE A CASE";
    case OUTCOME_TRANSFER: return "OUTCOME: TRANSFER the call";
    case OUTCOME_CALLBACK: return "OUTCOME: CALL-BACK";
    case OUTCOME_SAFEGUARDING: return "!! SAFEGUARDING: FOLLOW THIS PROCEDURE NOW !!";
    default: return "OUTCOME";
    }
}

static int Draw_outcome_banner(const TriageState *s, const QOutcome *o, const Rect *r, int y)
{
    if (o->kind != OUTCOME_SAFEGUARDING) {
        attrset(Term_attr(STYLE_HEADING) | A_BOLD);
        Term_text_pad(y++, r->x, Draw_kind_banner(o->kind), r->w);
        attrset(A_NORMAL);
        return y;
    }
    char second[600];
    const char *done = Triage_confirmation(s->t);
    if (done)
        snprintf(second, sizeof second, "!! Action taken recorded: %s", done);
    else
        snprintf(second, sizeof second, "!! Choose the action taken before you finish: it cannot be skipped.");
    attrset(Term_attr(STYLE_ALERT));
    Term_text_pad(y++, r->x, Draw_kind_banner(o->kind), r->w);
    Term_text_pad(y++, r->x, second, r->w);
    attrset(A_NORMAL);
    return y;
}

static void Draw_service_lines(const TriageState *s, const QOutcome *o, TLines *L)
{
    const char *code = o->service ? o->service : s->service ? Jsonx_str(s->service, "code", "") : NULL;
    const json_t *svc = code ? ViewReason_service(code) : NULL;
    if (!svc && s->service && code && strcmp(code, Jsonx_str(s->service, "code", "")) == 0)
        svc = s->service;
    char line[800];
    if (!s->finished && o->kind != OUTCOME_RESOLVE && o->kind != OUTCOME_SIGNPOST)
        TL_wrap(L, o->kind == OUTCOME_CALLBACK ? "Enter books this call-back:" :
                o->kind == OUTCOME_SAFEGUARDING ? "Enter raises this urgent case:" :
                "Enter raises this case:", 0, Term_attr(STYLE_HEADING));
    if (code && code[0] && o->kind != OUTCOME_RESOLVE && o->kind != OUTCOME_SIGNPOST) {
        const json_t *team = json_object_get(svc, "team");
        snprintf(line, sizeof line, "Service:  %s (%s)", svc ? Jsonx_str(svc, "name", code) : code, code);
        TL_wrap(L, line, 2, A_NORMAL);
        snprintf(line, sizeof line, "Team:     %s", team ? Jsonx_str(team, "name", "") : "not known");
        TL_wrap(L, line, 2, A_NORMAL);
        if (Jsonx_int(svc, "sla_hours", 0) > 0) {
            snprintf(line, sizeof line, "  SLA:      %lld hours", Jsonx_int(svc, "sla_hours", 0));
            TL_add(L, line, A_NORMAL);
        }
    }
    const char *url = s->service ? Jsonx_str(s->service, "self_service_url", NULL) : NULL;
    if (o->kind == OUTCOME_SIGNPOST && url && url[0]) {
        /* A caller with no e-mail cannot use a web form: reading out the
         * link would be a dead end, so the screen names the assisted route. */
        if (Warnings_no_email(s->customer))
            snprintf(line, sizeof line, "!  NO E-MAIL: do not read out a web link. Offer an assisted route:"
                     " do it with them now on the phone, a call-back, or face to face (the page: %s)", url);
        else
            snprintf(line, sizeof line, "Self-service (read it out): %s", url);
        TL_wrap(L, line, 2, A_NORMAL);
    }
    if (o->wrap) {
        snprintf(line, sizeof line, "  Wrap code: %s", o->wrap);
        TL_add(L, line, Term_attr(STYLE_DIM));
    }
}

static void Draw_answers(const TriageState *s, TLines *L)
{
    static TriageCrumb crumbs[MAX_CRUMBS];
    size_t n = Triage_breadcrumb(s->t, crumbs, MAX_CRUMBS);
    TL_add(L, "", A_NORMAL);
    TL_add(L, n ? "Answers given:" : "No answers were needed.", Term_attr(STYLE_HEADING));
    for (size_t i = 0; i < n && i < MAX_CRUMBS; i++) {
        char line[1200];
        snprintf(line, sizeof line, "%s: %s", crumbs[i].question,
                 crumbs[i].skipped ? "(skipped)" : crumbs[i].answer);
        TL_wrap(L, line, 2, A_NORMAL);
    }
}

static void Draw_action_list(const TriageState *s, TLines *L)
{
    TL_add(L, "Action taken (choose one; it cannot be skipped):", Term_attr(STYLE_ALERT));
    for (int a = 0; a < SAFEGUARD_ACTION_COUNT; a++) {
        char line[160];
        snprintf(line, sizeof line, "  %d  %s%s", a + 1, Safeguard_action_label((SafeguardAction)a),
                 a == SAFEGUARD_OTHER ? " (type what you did)" : "");
        TL_add(L, line, A_NORMAL);
    }
    if (s->other_action && s->typing)
        Draw_prompt_line(L, "Other action taken: ");
    TL_add(L, "", A_NORMAL);
}

/* What the finished outcome created, first: the reference is read aloud. */
static void Draw_created(const TriageState *s, TLines *L)
{
    char line[600];
    TL_add(L, "Created:", Term_attr(STYLE_HEADING));
    TL_wrap(L, ViewTriageRecords_status(s, line, sizeof line), 2, A_BOLD);
    TL_add(L, "", A_NORMAL);
}

static void Draw_outcome(const TriageState *s, const QOutcome *o, TLines *L)
{
    if (s->finished)
        Draw_created(s, L);
    if (s->asking_phone && s->typing) {
        Draw_prompt_line(L, "Number to ring: ");
        TL_add(L, "", A_NORMAL);
    }
    TL_wrap(L, o->text ? o->text : "", 0, A_BOLD);
    TL_add(L, "", A_NORMAL);
    /* Straight under the procedure: what was done is the next thing. */
    bool choosing = TriageState_needs_confirmation(s);
    if (choosing)
        Draw_action_list(s, L);
    Draw_service_lines(s, o, L);
    for (size_t i = 0; i < o->kb_count; i++) {
        char line[300];
        if (choosing)   /* the numbers choose the action until it is recorded */
            snprintf(line, sizeof line, "     Article: [%s]", o->kb[i]);
        else
            snprintf(line, sizeof line, "  %zu  Article: [%s]%s", i + 1, o->kb[i],
                     i == 0 ? "   (press the number to read it)" : "");
        TL_add(L, line, A_NORMAL);
    }
    Draw_answers(s, L);
}

/* The first key bound to an action, for the one-line hints. */
static void Draw_first_key(Action a, char *out, size_t cap)
{
    App_keys_hint(CTX_TRIAGE, a, out, cap);
    char *slash = strchr(out + 1, '/');
    if (slash)
        *slash = '\0';
}

static void Draw_hints(const TriageState *s, const QItem *it, const QOutcome *o, char *out, size_t cap)
{
    char back[32], kb[32], leave[32], skip[32];
    Draw_first_key(ACT_TRIAGE_BACK, back, sizeof back);
    Draw_first_key(ACT_KNOWLEDGE_BASE, kb, sizeof kb);
    Draw_first_key(ACT_CANCEL, leave, sizeof leave);
    Draw_first_key(ACT_SKIP_QUESTION, skip, sizeof skip);
    if (s->typing)
        snprintf(out, cap, " Enter: done  Esc: stop typing");
    else if (TriageState_needs_confirmation(s))
        snprintf(out, cap, " 1-%d: the action taken  %s: articles", SAFEGUARD_ACTION_COUNT, kb);
    else if (s->finished)
        snprintf(out, cap, " Enter: close  %s: articles", kb);
    else if (o && o->kind == OUTCOME_SAFEGUARDING)
        snprintf(out, cap, " Enter: finish  %s: articles", kb);
    else if (o)
        snprintf(out, cap, " Enter: finish  %s: back  %s: articles  %s: leave", back, kb, leave);
    else if (!it)
        snprintf(out, cap, " Enter: finish  %s: back  %s: leave", back, leave);
    else if (QItem_type(it) == QT_DISPLAY)
        snprintf(out, cap, " Enter: done, go on  %s: back  %s: articles  %s: leave", back, kb, leave);
    else {
        char sk[48] = "", how[64];
        if (!QItem_required(it))
            snprintf(sk, sizeof sk, "  %s: skip", skip);
        if (QItem_type(it) == QT_BOOLEAN)
            snprintf(how, sizeof how, "y/n: answer");
        else if (QItem_type(it) == QT_CHOICE && QItem_option_count(it) <= 9)
            snprintf(how, sizeof how, "1-%zu: answer", QItem_option_count(it));
        else
            snprintf(how, sizeof how, "type the answer, Enter");
        snprintf(out, cap, " %s  %s: back%s  %s: articles  %s: leave", how, back, sk, kb, leave);
    }
}

static void Draw_area(TriageState *s, const TLines *L, const Rect *r, int y, int rows)
{
    s->area_rows = rows;
    for (size_t i = 0; s->typing && i < L->n; i++)   /* the answer box stays in view */
        if (L->v[i].prompt && ((int)i < s->top || (int)i >= s->top + rows))
            s->top = (int)i - rows / 2;
    s->top = Layout_scroll_clamp(s->top, (int)L->n, rows);
    s->cursor_y = -1;
    for (int i = 0; i < rows && s->top + i < (int)L->n; i++) {
        const TLine *ln = &L->v[s->top + i];
        attrset(ln->attr);
        int used = Term_text(y + i, r->x, ln->text, r->w);
        attrset(A_NORMAL);
        if (ln->prompt) {
            attrset(Term_attr(STYLE_FIELD));
            s->cursor_x = Prompt_draw(TriageState_answer_box(), y + i, r->x + used, r->w - used - 1);
            attrset(A_NORMAL);
            s->cursor_y = y + i;
        }
    }
}

/* "Loading..." only while loading is going well: a down or frozen server
 * is said in the body too, not just in the status line. */
static const char *Draw_note(const TriageState *s)
{
    if (s->load && Api_stalled(s->load))
        return "The script cannot load: the server is not answering. Still trying; "
               "Esc goes back, and nothing you have recorded is lost.";
    return s->note;
}

void ViewTriageDraw_triage(TriageState *s, const Rect *r)
{
    int y = Draw_banners(s, r, r->y);
    y = Draw_header(s, r, y);
    if (!s->t) {
        TLines L = {NULL, 0, 0, r->w};
        TL_wrap(&L, Draw_note(s), 2, Term_attr(STYLE_ERROR));
        Draw_area(s, &L, r, y + 1, r->y + r->h - y - 1);
        TL_free(&L);
        return;
    }
    const QOutcome *o = Triage_outcome(s->t);
    const QItem *it = Triage_current(s->t);
    int end = r->y + r->h - 1;
    if (o)
        y = Draw_outcome_banner(s, o, r, y);
    else
        y = Draw_crumbs(s, r, y, (end - y) / 4 > 2 ? (end - y) / 4 : 2);
    Term_hline(y++, r->x, r->w);
    TLines L = {NULL, 0, 0, r->w};
    if (o)
        Draw_outcome(s, o, &L);
    else if (it)
        Draw_question(s, it, &L);
    else
        TL_wrap(&L, "The script has no more questions for these answers. Enter finishes.", 0, A_BOLD);
    Draw_area(s, &L, r, y, end - y);
    TL_free(&L);
    char hint[400];
    Draw_hints(s, it, o, hint, sizeof hint);
    attrset(Term_attr(STYLE_DIM));
    Term_text_pad(end, r->x, hint, r->w);
    attrset(A_NORMAL);
}
