/* view_case_new: raise a case, from a triage that ended at "raise a case"
 * (everything prefilled: service, owning team, SLA, summary, the answers
 * and what the customer was told would happen next) or by hand from the
 * customer or search screen (pick the service). The case goes through the
 * outbox; when it lands its reference is shown large enough to read aloud,
 * and during a live contact it is linked to the contact. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/core/ask.h"
#include "client/cases/cases.h"
#include "client/core/form.h"
#include "client/core/loop.h"
#include "client/outbox/outbox.h"
#include "client/core/term.h"
#include "common/buf.h"
#include "common/jsonx.h"

enum { TAG_SERVICES = 1, MAX_SERVICES = 48, MAX_QA = 40 };

static const char *const priorities[] = {"low", "normal", "high", "urgent", NULL};
static const char *const priority_labels[] = {"Low", "Normal", "High", "Urgent", NULL};

typedef struct NewState {
    CaseDraft d;
    bool by_hand;
    Form form;
    json_t *services;                        /* by hand: the catalogue */
    const char *svc_codes[MAX_SERVICES + 1], *svc_names[MAX_SERVICES + 1];
    const char *svc_scripts[MAX_SERVICES + 1];
    char *qa[MAX_QA];                        /* "Q? — A" lines of the triage */
    int nqa;
    char outbox_id[OUTBOX_ID_LEN];
    char refused_id[OUTBOX_ID_LEN];          /* a 4xx kept in the outbox */
    char ref[32];                            /* once landed */
    char open_ref[32];                       /* the open case the advisor was told of */
    bool raise_anyway;                       /* ...and chose to raise this one all the same */
    char note[400];
} NewState;

/* ---- the triage answers in plain words ------------------------------------ */

static void New_answer_text(const json_t *a, char *out, size_t cap)
{
    const json_t *v;
    if ((v = json_object_get(a, "valueCoding")))
        snprintf(out, cap, "%s", Jsonx_str(v, "display", Jsonx_str(v, "code", "")));
    else if ((v = json_object_get(a, "valueBoolean")))
        snprintf(out, cap, "%s", json_is_true(v) ? "Yes" : "No");
    else if ((v = json_object_get(a, "valueInteger")))
        snprintf(out, cap, "%lld", (long long)json_integer_value(v));
    else if ((v = json_object_get(a, "valueDecimal")))
        snprintf(out, cap, "%g", json_number_value(v));
    else {
        const char *keys[] = {"valueString", "valueDate", "valueDateTime", "valueTime"};
        out[0] = '\0';
        for (int i = 0; i < 4 && !out[0]; i++)
            snprintf(out, cap, "%s", json_string_value(json_object_get(a, keys[i])) ?
                     json_string_value(json_object_get(a, keys[i])) : "");
    }
}

static void New_flatten(NewState *s, const json_t *items)
{
    size_t i, j;
    json_t *it, *a;
    json_array_foreach(items, i, it) {
        json_array_foreach(json_object_get(it, "answer"), j, a) {
            char ans[300];
            New_answer_text(a, ans, sizeof ans);
            Buf b = BUF_INIT;
            Buf_printf(&b, "%s \u2014 %s", Jsonx_str(it, "text", Jsonx_str(it, "linkId", "")), ans);
            if (s->nqa < MAX_QA)
                s->qa[s->nqa++] = Buf_steal(&b);
            else
                Buf_free(&b);
            New_flatten(s, json_object_get(a, "item"));
        }
        New_flatten(s, json_object_get(it, "item"));
    }
}

/* ---- opening ------------------------------------------------------------------ */

static void New_open(View *v, void *arg)
{
    NewState *s = v->st;
    const CaseDraft *d = arg;
    s->d = *d;
    s->d.next_steps = d->next_steps ? strdup(d->next_steps) : NULL;
    s->d.response = d->response ? json_incref(d->response) : NULL;
    s->d.open_cases = d->open_cases ? json_incref(d->open_cases) : NULL;
    s->by_hand = !d->service_code[0];
    if (s->by_hand) {
        Form_add_pick(&s->form, "Service", "service_code", true);
        ApiContent_services(View_to(v, TAG_SERVICES, "Loading the services"));
    }
    Form_add(&s->form, "Summary", "summary", true, NULL, NULL);
    Form_add(&s->form, "Priority", "priority", true, priorities, priority_labels);
    if (s->by_hand)
        Form_add(&s->form, "Customer is told", "next_steps", false, NULL, NULL);
    Form_add(&s->form, "Note for the team", "note", false, NULL, NULL);
    Form_load(&s->form, "summary", s->d.summary);
    Form_load(&s->form, "priority", "normal");
    New_flatten(s, json_object_get(s->d.response, "item"));
}

static void New_close(View *v)
{
    NewState *s = v->st;
    Outbox_unwatch_owner(v);
    free(s->d.next_steps);
    json_decref(s->d.response);
    json_decref(s->d.open_cases);
    json_decref(s->services);
    for (int i = 0; i < s->nqa; i++)
        free(s->qa[i]);
}

/* The one service whose script the attached triage ran, or NULL. */
static const char *New_triage_service(const NewState *s)
{
    const char *found = NULL;
    for (int i = 0; s->d.script_id[0] && s->svc_codes[i]; i++) {
        if (strcmp(s->svc_scripts[i], s->d.script_id) != 0)
            continue;
        if (found)
            return NULL;
        found = s->svc_codes[i];
    }
    return found;
}

static void New_on_response(View *v, int tag, const ApiResult *r)
{
    NewState *s = v->st;
    (void)tag;
    json_t *items = json_object_get(r->json, "items");
    if (r->status != 200 || !json_is_array(items)) {
        snprintf(s->note, sizeof s->note, "The services could not be loaded: %s", r->message);
        return;
    }
    s->services = json_incref(items);
    size_t i, n = 0;
    json_t *it;
    json_array_foreach(items, i, it) {
        if (n == MAX_SERVICES)
            break;
        s->svc_codes[n] = Jsonx_str(it, "code", "");
        s->svc_scripts[n] = Jsonx_str(it, "script_id", "");
        s->svc_names[n++] = Jsonx_str(it, "name", "");
    }
    /* No default service: the advisor picks one, or it is the service of
     * the triage that goes with the case. */
    Form_pick_set(&s->form, "service_code", s->svc_codes, s->svc_names);
    const char *triaged = New_triage_service(s);
    if (triaged)
        Form_pick_choose(&s->form, "service_code", triaged);
}

/* ---- sending ---------------------------------------------------------------------- */

/* The case the form says (borrowing the form's and the draft's strings). */
static CaseNew New_case(NewState *s)
{
    const char *next = s->by_hand ? Form_value(&s->form, "next_steps") : s->d.next_steps;
    return (CaseNew){.service_code = s->by_hand ? Form_value(&s->form, "service_code") : s->d.service_code,
                     .summary = Form_value(&s->form, "summary"),
                     .priority = Form_value(&s->form, "priority"), .customer_id = s->d.customer_id,
                     .next_steps = next && next[0] ? next : NULL, .note = Form_value(&s->form, "note"),
                     .triage_response = s->d.response, .script_id = s->d.script_id,
                     .script_version = s->d.script_version};
}

static void New_landed(void *owner, const OutboxEntry *e, const ApiResult *r, bool replayed)
{
    (void)e; (void)replayed;
    View *v = owner;
    NewState *s = v->st;
    s->outbox_id[0] = '\0';
    if (r->status >= 200 && r->status <= 299) {
        snprintf(s->ref, sizeof s->ref, "%s", Jsonx_str(r->json, "ref", ""));
        s->note[0] = '\0';
    } else {
        Form_set_errors(&s->form, r->json);
        snprintf(s->note, sizeof s->note, "The server refused the case: %s Correct it and press F2 "
                 "again; it is kept in the outbox meanwhile.", r->message ? r->message : "");
        snprintf(s->refused_id, sizeof s->refused_id, "%s", e->id);
    }
    Loop_dirty();
}

static const char *New_service_name(const NewState *s, const char *code)
{
    for (int i = 0; code && s->svc_codes[i]; i++)
        if (strcmp(s->svc_codes[i], code) == 0)
            return s->svc_names[i];
    return NULL;
}

static void New_submit(View *v);

static void New_duplicate_answer(void *data, int answer)
{
    View *v = data;
    NewState *s = v->st;
    if (answer == 'r') {
        s->raise_anyway = true;
        New_submit(v);
    } else if (answer == 'n') {   /* the note form, in place of this one */
        char ref[32];
        snprintf(ref, sizeof ref, "%s", s->open_ref);
        View_pop();
        View_open(VIEW_NOTE, ref);
    } else {
        snprintf(s->note, sizeof s->note, "Not raised: %s is open for this service. F2 asks again.", s->open_ref);
    }
}

/* By hand, an open case for the chosen service is said before a second
 * one is raised, in the triage's words: a note to it is what the caller
 * usually needs, so raising anyway takes its own key. */
static bool New_duplicate_asked(View *v)
{
    NewState *s = v->st;
    const char *name = New_service_name(s, Form_value(&s->form, "service_code"));
    char line[300], q[400];
    if (!s->by_hand || s->raise_anyway ||
        !Cases_open_for_service(s->d.open_cases, name, s->open_ref, sizeof s->open_ref, line, sizeof line))
        return false;
    snprintf(q, sizeof q, "%s  n: add a note to it   r: raise this one anyway   Esc: neither", line);
    Ask(q, "nr", 0, New_duplicate_answer, v);
    return true;
}

static void New_submit(View *v)
{
    NewState *s = v->st;
    if (s->outbox_id[0] || s->ref[0])
        return;
    FormField *missing = Form_missing(&s->form);
    if (missing) {
        snprintf(s->note, sizeof s->note, "%s is needed.", missing->label);
        return;
    }
    if (New_duplicate_asked(v))
        return;
    CaseNew c = New_case(s);
    if (s->by_hand) {   /* what the landed screen reads back */
        free(s->d.next_steps);
        s->d.next_steps = strdup(Form_value(&s->form, "next_steps"));
    }
    char label[300];
    snprintf(label, sizeof label, "Case for %s", s->d.customer_name[0] ? s->d.customer_name : "an anonymous caller");
    Form_clear_errors(&s->form);
    /* A refused case is corrected in place: the same outbox entry, so
     * there is only ever one copy of it. */
    const char *again = s->refused_id[0] && Outbox_find(s->refused_id) ? s->refused_id : NULL;
    int rc = ApiCases_create(&c, label, again, s->outbox_id);
    if (rc < 0) {
        snprintf(s->note, sizeof s->note, "%s", Outbox_last_error());
        return;
    }
    Outbox_watch(s->outbox_id, New_landed, v);
    snprintf(s->note, sizeof s->note, "Saved in the outbox; sending\u2026 The reference appears here.");
}

static bool New_action(View *v, Action a)
{
    NewState *s = v->st;
    if (s->ref[0] && (a == ACT_ENTER || a == ACT_SUBMIT)) {
        char ref[32];
        snprintf(ref, sizeof ref, "%s", s->ref);
        View_pop();
        Cases_open(ref);
        return true;
    }
    FormStep step = Form_action(&s->form, a);
    if (step == FORM_SUBMIT)
        New_submit(v);
    if (step != FORM_OTHER)
        return true;
    switch (a) {
    case ACT_CANCEL: case ACT_BACK:
        if (!s->outbox_id[0] && !s->ref[0])
            App_message("No case was raised.");
        View_pop();
        return true;
    default: return false;
    }
}

static void New_key(View *v, int key)
{
    NewState *s = v->st;
    if (s->ref[0])
        return;
    s->note[0] = '\0';
    Form_key(&s->form, key);
}

/* ---- drawing ------------------------------------------------------------------------ */

static int New_text(const Rect *b, int y, const char *lead, const char *text, int max_rows)
{
    size_t starts[12], lens[12];
    int lw = (int)strlen(lead);
    int n = Layout_wrap(text, b->w - lw - 1, starts, lens, 12);
    for (int i = 0; i < n && i < max_rows && y < b->y + b->h - 2; i++) {
        char line[800];
        snprintf(line, sizeof line, "%-*s%.*s", lw, i ? "" : lead, (int)lens[i], text + starts[i]);
        Term_text_pad(y++, b->x, line, b->w);
    }
    return y;
}

/* "question — answer" on one line: the question is cut, not the answer. */
static int New_answer_line(const Rect *b, int y, const char *lead, const char *qa)
{
    const char *sep = strstr(qa, " \u2014 ");
    if (!sep)
        return New_text(b, y, lead, qa, 1);
    char question[1200], fit[2000], line[2100];
    snprintf(question, sizeof question, "%.*s", (int)(sep - qa), qa);
    Layout_qa(question, " \u2014 ", sep + strlen(" \u2014 "), b->w - (int)strlen(lead), Term_ascii(),
              fit, sizeof fit);
    snprintf(line, sizeof line, "%s%s", lead, fit);
    Term_text_pad(y, b->x, line, b->w);
    return y + 1;
}

static void New_draw_landed(NewState *s, const Rect *b)
{
    char line[200];
    attrset(Term_attr(STYLE_HEADING) | A_BOLD);
    snprintf(line, sizeof line, "Read the reference to the customer: %s", s->ref);
    Term_text_pad(b->y + 2, b->x + 2, line, b->w - 4);
    attrset(A_NORMAL);
    char spaced[80] = "";
    for (const char *p = s->ref; *p; p++) {
        size_t len = strlen(spaced);
        snprintf(spaced + len, sizeof spaced - len, "%c ", *p);
    }
    snprintf(line, sizeof line, "    Spelled out: %s", spaced);
    Term_text_pad(b->y + 4, b->x, line, b->w);
    New_text(b, b->y + 6, "    They were told: ", s->d.next_steps ? s->d.next_steps : "", 4);
    Term_text_pad(b->y + b->h - 1, b->x, "Enter opens the case (to hand it off or add to it); q goes back.", b->w);
}

static void New_draw(View *v, const Layout *l)
{
    NewState *s = v->st;
    const Rect *b = &l->body;
    if (s->ref[0]) {
        New_draw_landed(s, b);
        return;
    }
    char line[600], due[80] = "";
    if (s->d.sla_hours > 0) {
        time_t t = time(NULL) + (time_t)s->d.sla_hours * 3600;
        strftime(due, sizeof due, ", due about %d %b %Y %H:%M", localtime(&t));
    }
    snprintf(line, sizeof line, "Raise a case for %s", s->d.customer_name[0] ? s->d.customer_name :
             s->d.customer_id[0] ? "this customer" : "an anonymous caller");
    attrset(Term_attr(STYLE_HEADING));
    Term_text_pad(b->y, b->x, line, b->w);
    attrset(A_NORMAL);
    int y = b->y + 1;
    if (!s->by_hand) {
        snprintf(line, sizeof line, "%s \u2192 %s (SLA %d h%s)", s->d.service_name, s->d.team_name,
                 s->d.sla_hours, due);
        y = New_text(b, y, "Service: ", line, 2);
    }
    y = Form_draw(&s->form, b, y + 1, 20);
    if (s->by_hand && s->nqa) {
        snprintf(line, sizeof line, "The triage goes with it: %s v%d, %d answer%s (%s)", s->d.script_id,
                 s->d.script_version, s->nqa, s->nqa == 1 ? "" : "s", s->qa[0]);
        y = New_text(b, y + 1, "", line, 2);
    }
    if (!s->by_hand) {
        y = New_text(b, y + 1, "Customer is told: ", s->d.next_steps ? s->d.next_steps : "", 4);
        for (int i = 0; i < s->nqa && y < b->y + b->h - 3; i++)
            y = New_answer_line(b, y, i ? "  " : "Answers: ", s->qa[i]);
    }
    attrset(s->note[0] && !s->outbox_id[0] ? Term_attr(STYLE_ERROR) : Term_attr(STYLE_DIM));
    Term_hint_pad(b->y + b->h - 1, b->x, s->note[0] ? s->note :
                  "Tab moves, Left/Right change a choice, F2 raises the case, Esc leaves without one.", b->w);
    attrset(A_NORMAL);
}

static void New_place_cursor(View *v, const Layout *l)
{
    NewState *s = v->st;
    if (s->ref[0])
        move(l->body.y + 2, l->body.x + 2);
    else
        Form_place_cursor(&s->form);
}

static Context New_context(View *v)
{
    NewState *s = v->st;
    return s->ref[0] ? CTX_CASE : CTX_FORM;
}

static const char *New_title(View *v)
{
    NewState *s = v->st;
    return s->ref[0] ? "Case raised" : "Raise a case";
}

const ViewOps view_case_new_ops = {
    .name = "case-new",
    .state_size = sizeof(NewState),
    .open = New_open,
    .close = New_close,
    .draw = New_draw,
    .context = New_context,
    .action = New_action,
    .key = New_key,
    .on_response = New_on_response,
    .place_cursor = New_place_cursor,
    .title = New_title,
};
