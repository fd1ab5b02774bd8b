/* view_case: everything about one case on one screen, so whoever picks it
 * up never asks the customer to repeat themselves: the customer with their
 * warnings pinned at the top (words, not colour), what the customer was
 * told would happen next, the triage questions and answers in plain
 * words, every note, the contact history that led here, and the timeline
 * of who did what. The last row counts down to the SLA every second.
 * When someone else changes the case meanwhile (the live channel's
 * case.changed with a newer version than the one shown, and no write of
 * ours in the outbox), the screen says so above that row and F5 (refresh)
 * reads it again, as after a 412. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/core/ask.h"
#include "client/cases/cases.h"
#include "client/core/loop.h"
#include "client/outbox/outbox.h"
#include "client/core/reclines.h"
#include "client/core/term.h"
#include "client/customer/warnings.h"
#include "client/live/live.h"
#include "common/jsonx.h"
#include "common/text.h"
#include "common/timefmt.h"

enum { TAG_CASE = 1, TAG_EVENTS, TAG_CONTACTS, TAG_ME };
enum { MAX_WRAP = 40 };

typedef struct CaseState {
    char ref[32];
    json_t *c, *events, *contacts;
    json_t *me;              /* GET /me: who we are, our roles and teams today */
    Reclines rl;
    char note[300];
    char title[200];
    unsigned tick;
    bool loading;            /* the case is being read (again) */
    long long live_version;  /* the newest version the live channel told of */
} CaseState;

static bool Case_own_write_pending(const CaseState *s);

static void Case_line(CaseState *s, const char *text, bool heading)
{
    Reclines_add(&s->rl, text, heading, heading ? STYLE_HEADING : STYLE_NORMAL, false);
}

/* text wrapped to the width, the first line after lead, the rest indented;
 * as a heading when heading (a long case title is wrapped, never cut). */
static void Case_wrapped_as(CaseState *s, const char *lead, const char *text, bool heading)
{
    size_t starts[MAX_WRAP], lens[MAX_WRAP];
    int indent = (int)strlen(lead);
    int w = s->rl.width - indent - 1;
    int n = Layout_wrap(text, w > 20 ? w : 20, starts, lens, MAX_WRAP);
    for (int i = 0; i < n && i < MAX_WRAP; i++) {
        char line[1200];
        if (i == 0)
            snprintf(line, sizeof line, "%s%.*s", lead, (int)lens[i], text + starts[i]);
        else
            snprintf(line, sizeof line, "%*s%.*s", indent, "", (int)lens[i], text + starts[i]);
        if (heading && i + 1 < n && i + 1 < MAX_WRAP)   /* the rule goes after the last line */
            Reclines_add(&s->rl, line, false, STYLE_HEADING, false);
        else
            Case_line(s, line, heading);
    }
}

static void Case_wrapped(CaseState *s, const char *lead, const char *text)
{
    Case_wrapped_as(s, lead, text, false);
}

static void Case_field(CaseState *s, const char *label, const char *value)
{
    char lead[64];
    snprintf(lead, sizeof lead, "  %-20s ", label);
    Case_wrapped(s, lead, value && value[0] ? value : "\u2014");
}

static void Case_banners(CaseState *s, const json_t *customer)
{
    size_t max = Warnings_max(customer);
    if (Reclines_banners_alloc(&s->rl, max))
        s->rl.nbanners = Warnings_lines(customer, false, s->rl.banners, max);
}

static void Case_build_customer(CaseState *s, const json_t *cu)
{
    Case_line(s, "Customer", true);
    if (!json_is_object(cu)) {
        Case_line(s, "  No customer on file (an anonymous case).", false);
        return;
    }
    char dob[64], addr[400];
    json_t *d = json_object_get(cu, "date_of_birth");
    Screen_format_value(d, FMT_DATE, false, dob, sizeof dob);
    snprintf(addr, sizeof addr, "%s, %s %s", Jsonx_str(cu, "address_line", ""), Jsonx_str(cu, "town", ""),
             Jsonx_str(cu, "postcode", ""));
    Case_field(s, "Name", Jsonx_str(cu, "display_name", ""));
    Case_field(s, "Customer reference", Jsonx_str(cu, "customer_ref", ""));
    Case_field(s, "Date of birth", dob);
    Case_field(s, "Phone", Jsonx_str(cu, "phone", ""));
    Case_field(s, "Mobile", Jsonx_str(cu, "mobile", ""));
    Case_field(s, "Email", Jsonx_str(cu, "email", ""));
    Case_field(s, "Address", addr);
    for (size_t i = 0; i < s->rl.nbanners; i++)
        Case_field(s, i ? "" : "Warnings", s->rl.banners[i]);
}

static void Case_build_triage(CaseState *s)
{
    json_t *qa = json_object_get(s->c, "triage_answers");
    Case_line(s, "Triage questions and answers", true);
    if (json_array_size(qa) == 0)
        Case_line(s, "  No triage was recorded with this case.", false);
    size_t i;
    json_t *a;
    json_array_foreach(qa, i, a) {
        Case_wrapped(s, "  Q: ", Jsonx_str(a, "question", ""));
        Case_wrapped(s, "     A: ", Jsonx_str(a, "answer", ""));
    }
}

static void Case_build_notes(CaseState *s)
{
    json_t *notes = json_object_get(s->c, "notes");
    char head[64];
    snprintf(head, sizeof head, "Notes (%zu)", json_array_size(notes));
    Case_line(s, head, true);
    if (json_array_size(notes) == 0)
        Case_line(s, "  No notes yet.", false);
    size_t i;
    json_t *n;
    json_array_foreach(notes, i, n) {
        char when[64], lead[300];
        Cases_local_time(Jsonx_str(n, "created_at", NULL), when, sizeof when);
        snprintf(lead, sizeof lead, "  %s, %s:", when, Jsonx_str(n, "author", "someone"));
        Case_line(s, lead, false);
        Case_wrapped(s, "    ", Jsonx_str(n, "body", ""));
    }
}

static void Case_build_contacts(CaseState *s)
{
    Case_line(s, "Contact history that led here", true);
    json_t *items = json_object_get(s->contacts, "items");
    if (!json_is_object(json_object_get(s->c, "customer"))) {
        Case_line(s, "  Not known: the caller was anonymous.", false);
        return;
    }
    if (!s->contacts)
        Case_line(s, "  Loading\u2026", false);
    else if (json_array_size(items) == 0)
        Case_line(s, "  No contacts recorded.", false);
    size_t i;
    json_t *c;
    json_array_foreach(items, i, c) {
        char when[64], what[600], ch[40], out[40];
        Cases_local_time(Jsonx_str(c, "started_at", NULL), when, sizeof when);
        Cases_words(Jsonx_str(c, "channel", ""), ch, sizeof ch);
        Cases_words(Jsonx_str(c, "outcome", ""), out, sizeof out);
        snprintf(what, sizeof what, "%s, %s, %s: %s (%s)", when, ch, Jsonx_str(c, "advisor", ""),
                 Jsonx_str(c, "wrap_label", Jsonx_str(c, "wrap_code", "")), out);
        Case_wrapped(s, "  ", what);
    }
}

/* summary: the case's own, shown on its "created" event so the timeline
 * says what was raised (for safeguarding, the action taken). */
static void Case_event_text(const json_t *e, const char *summary, char *out, size_t cap)
{
    const char *kind = Jsonx_str(e, "kind", "");
    const json_t *d = json_object_get(e, "detail");
    char a[64], b[64], team[80];
    Cases_words(Jsonx_str(d, "from", ""), a, sizeof a);
    Cases_words(Jsonx_str(d, "to", ""), b, sizeof b);
    Cases_words(Jsonx_str(d, "team", ""), team, sizeof team);
    if (strcmp(kind, "handoff") == 0 && Jsonx_str(d, "assignee_id", NULL))
        snprintf(out, cap, "handed off to %s (%s): %s", Jsonx_str(d, "assignee_name", "a named person"),
                 team, Jsonx_str(d, "reason", ""));
    else if (strcmp(kind, "handoff") == 0)
        snprintf(out, cap, "handed off to %s: %s", team, Jsonx_str(d, "reason", ""));
    else if (strcmp(kind, "status") == 0 || strcmp(kind, "reopened") == 0 || strcmp(kind, "priority") == 0)
        snprintf(out, cap, "%s: %s \u2192 %s%s%s", kind, a, b, Jsonx_str(d, "resolution", NULL) ? ": " : "",
                 Jsonx_str(d, "resolution", ""));
    else if (strcmp(kind, "callback_booked") == 0)
        snprintf(out, cap, "call-back booked");
    else if (strcmp(kind, "created") == 0 && summary[0])
        snprintf(out, cap, "created: %s", summary);
    else
        Cases_words(kind, out, cap);
}

static void Case_build_timeline(CaseState *s)
{
    Case_line(s, "Timeline", true);
    json_t *items = json_object_get(s->events, "items");
    if (!s->events)
        Case_line(s, "  Loading\u2026", false);
    size_t i;
    json_t *e;
    json_array_foreach(items, i, e) {
        char when[64], what[700], line[900];
        Cases_local_time(Jsonx_str(e, "at", NULL), when, sizeof when);
        Case_event_text(e, Jsonx_str(s->c, "summary", ""), what, sizeof what);
        snprintf(line, sizeof line, "  %s  %s: %s", when, Jsonx_str(e, "actor", "system"), what);
        Case_wrapped(s, "", line);
    }
}

static bool Case_me_in(const json_t *list, const char *field, const char *value)
{
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e) {
        const char *got = field ? Jsonx_str(e, field, NULL) : json_string_value(e);
        if (got && strcmp(got, value) == 0)
            return true;
    }
    return false;
}

/* The server's rule (PATCH /cases/{ref}), checked before the advisor
 * types a resolution only to have the outbox refuse it: the assignee, a
 * member of the case's team today, or a supervisor or admin. Without our
 * teams (server not reached) the server judges. */
static bool Case_may_change(const CaseState *s)
{
    if (!json_is_object(s->me))
        return true;
    const json_t *roles = json_object_get(s->me, "roles");
    const char *assignee = Jsonx_str(s->c, "assignee_id", NULL);
    const char *team = Jsonx_str(json_object_get(s->c, "team"), "code", "");
    return Case_me_in(roles, NULL, "supervisor") || Case_me_in(roles, NULL, "admin") ||
           (assignee && strcmp(assignee, Jsonx_str(s->me, "id", "")) == 0) ||
           Case_me_in(json_object_get(s->me, "teams"), "team_code", team);
}

/* Who may change it, named as people know them: "Sam Supervisor, the
 * Waste Services team or a supervisor". */
static void Case_who_may(const CaseState *s, char *out, size_t cap)
{
    const json_t *team = json_object_get(s->c, "team");
    const char *name = Jsonx_str(team, "name", Jsonx_str(team, "code", "its"));
    const char *assignee = Jsonx_str(s->c, "assignee", "");
    snprintf(out, cap, "%s%sthe %s team or a supervisor", assignee, assignee[0] ? ", " : "", name);
}

static void Case_build(CaseState *s, int width)
{
    Reclines_free(&s->rl);
    s->rl.width = width;
    if (!s->c)
        return;
    const json_t *cu = json_object_get(s->c, "customer");
    Case_banners(s, cu);
    char st[64], pr[64], head[600];
    Cases_words(Jsonx_str(s->c, "status", ""), st, sizeof st);
    Cases_words(Jsonx_str(s->c, "priority", ""), pr, sizeof pr);
    snprintf(head, sizeof head, "Case %s: %s", s->ref, Jsonx_str(s->c, "summary", ""));
    Case_wrapped_as(s, "", head, true);
    Case_field(s, "Service", Jsonx_str(json_object_get(s->c, "service"), "name", ""));
    Case_field(s, "Team", Jsonx_str(json_object_get(s->c, "team"), "name", ""));
    Case_field(s, "Assigned to", Jsonx_str(s->c, "assignee", "nobody yet (in the team queue)"));
    if (Case_may_change(s)) {
        Case_field(s, "Status", st);
    } else {   /* said before u is pressed, not after the resolution is typed */
        char who[400], line[500];
        Case_who_may(s, who, sizeof who);
        snprintf(line, sizeof line, "%s (only %s may change it)", st, who);
        Case_field(s, "Status", line);
    }
    Case_field(s, "Priority", pr);
    Case_line(s, "", false);
    Case_line(s, "What the customer was told would happen next", true);
    Case_wrapped(s, "  ", Jsonx_str(s->c, "next_steps", "Nothing was recorded."));
    Case_line(s, "", false);
    Case_build_customer(s, cu);
    Case_line(s, "", false);
    Case_build_triage(s);
    Case_line(s, "", false);
    Case_build_notes(s);
    Case_line(s, "", false);
    Case_build_contacts(s);
    Case_line(s, "", false);
    Case_build_timeline(s);
}

/* ---- fetching --------------------------------------------------------------- */

static void Case_fetch(View *v)
{
    CaseState *s = v->st;
    /* Asked again with the case (first, so it is there when the case
     * is): a supervisor may add us to a team today. */
    ApiAuth_me(View_to(v, TAG_ME, "Reading your teams"));
    s->loading = ApiCases_get(View_to(v, TAG_CASE, "Opening the case"), s->ref) != NULL;
    ApiCases_events(View_to(v, TAG_EVENTS, "Reading the timeline"), s->ref);
}

static void Case_fetch_contacts(View *v)
{
    CaseState *s = v->st;
    const char *id = Jsonx_str(json_object_get(s->c, "customer"), "id", NULL);
    if (!id)
        return;
    ApiCustomers_contacts(View_to(v, TAG_CONTACTS, "Reading the contact history"), id, 20, NULL);
}

static void Case_on_response(View *v, int tag, const ApiResult *r)
{
    CaseState *s = v->st;
    if (tag == TAG_CASE)
        s->loading = false;
    if (r->status != 200 || !json_is_object(r->json)) {
        if (tag == TAG_CASE)
            snprintf(s->note, sizeof s->note, "%s", r->status == 404 ?
                     "No case has this reference: check it with the customer." : r->message);
        return;
    }
    json_t **slot = tag == TAG_CASE ? &s->c : tag == TAG_EVENTS ? &s->events
                  : tag == TAG_ME ? &s->me : &s->contacts;
    json_decref(*slot);
    *slot = json_incref(r->json);
    if (tag == TAG_CASE) {
        s->note[0] = '\0';
        snprintf(s->title, sizeof s->title, "Case %s", s->ref);
        Case_fetch_contacts(v);
    }
    Case_build(s, app.layout.body.w);
}

static void Case_tick(void *data)
{
    View *v = data;
    CaseState *s = v->st;
    s->tick = Loop_timer_add(1000, Case_tick, v);
    if (View_top() == v)
        Loop_dirty();   /* ncurses sends only the cells that changed */
}

static void Case_open(View *v, void *arg)
{
    CaseState *s = v->st;
    snprintf(s->ref, sizeof s->ref, "%s", (const char *)arg);
    snprintf(s->title, sizeof s->title, "Case %s", s->ref);
    snprintf(s->note, sizeof s->note, "Opening case %s\u2026", s->ref);
    Case_fetch(v);
    s->tick = Loop_timer_add(1000, Case_tick, v);
}

static void Case_close(View *v)
{
    CaseState *s = v->st;
    Loop_timer_cancel(s->tick);
    Reclines_free(&s->rl);
    json_decref(s->c);
    json_decref(s->events);
    json_decref(s->contacts);
    json_decref(s->me);
}

void ViewCase_reload_ref(const char *ref)
{
    for (View *v = View_top(); v && ref && ref[0]; v = v->below) {
        CaseState *s = View_is(v, VIEW_CASE) ? v->st : NULL;
        if (s && strcmp(s->ref, ref) == 0)
            Case_fetch(v);
    }
}

/* "case.changed" {case_id, version}: noted on every screen of that case;
 * the words appear once nothing of ours explains it (Case_stale). */
static void Case_live_changed(const char *kind, const json_t *facts, void *ctx)
{
    (void)kind;
    (void)ctx;
    long long id = Jsonx_int(facts, "case_id", 0), version = Jsonx_int(facts, "version", 0);
    for (View *v = View_top(); v; v = v->below) {
        CaseState *s = View_is(v, VIEW_CASE) ? v->st : NULL;
        if (s && s->c && atoll(Jsonx_str(s->c, "id", "0")) == id && version > s->live_version) {
            s->live_version = version;
            Loop_dirty();
        }
    }
}

/* "live.reload": events were missed, so every case shown is read again. */
static void Case_live_reload(const char *kind, const json_t *facts, void *ctx)
{
    (void)kind;
    (void)facts;
    (void)ctx;
    for (View *v = View_top(); v; v = v->below)
        if (View_is(v, VIEW_CASE))
            Case_fetch(v);
}

void ViewCase_init(void)
{
    Live_subscribe("case.changed", Case_live_changed, NULL);
    Live_subscribe(LIVE_RELOAD, Case_live_reload, NULL);
}

/* ---- drawing -------------------------------------------------------------------- */

/* Someone else's change is newer than what is shown: not while our own
 * write is on its way or being read back (its version is the news). */
static bool Case_stale(const CaseState *s)
{
    return s->c && !s->loading && s->live_version > Jsonx_int(s->c, "version", 0) &&
           !Case_own_write_pending(s);
}

static int Case_visible(const CaseState *s, const Layout *l)
{
    return l->body.h - Reclines_banner_rows(&s->rl) - 2 - (Case_stale(s) ? 1 : 0);
}

static void Case_draw_stale(const Rect *b)
{
    char key[40], line[300];
    App_keys_hint(CTX_CASE, ACT_REFRESH, key, sizeof key);
    snprintf(line, sizeof line, "Someone else changed this case since it was read. %s shows "
             "their change.", key);
    attrset(Term_attr(STYLE_ALERT));
    Term_text_pad(b->y + b->h - 2, b->x, line, b->w);
    attrset(A_NORMAL);
}

static void Case_draw_status(CaseState *s, const Rect *b)
{
    char line[600], sla[64], st[64], due[64];
    time_t due_t = 0;
    Timefmt_parse(Jsonx_str(s->c, "due_at", ""), &due_t);
    Cases_sla_text((long long)(due_t - time(NULL)), sla, sizeof sla);
    Cases_words(Jsonx_str(s->c, "status", ""), st, sizeof st);
    Cases_local_time(Jsonx_str(s->c, "due_at", NULL), due, sizeof due);
    bool closed = strcmp(st, "resolved") == 0 || strcmp(st, "closed") == 0;
    snprintf(line, sizeof line, "%s | %s | SLA: %s (due %s) | n note  H hand off  u status  b call-back",
             s->ref, st, closed ? "stopped" : sla, due);
    if ((int)Text_display_width(line) > b->w)   /* the keys matter more than the due date */
        snprintf(line, sizeof line, "%s | %s | %s | n note  H hand off  u status  b call-back",
                 s->ref, st, closed ? "stopped" : sla);
    attrset(Term_attr(!closed && due_t < time(NULL) ? STYLE_ALERT : STYLE_HEADING));
    Term_hint_pad(b->y + b->h - 1, b->x, line, b->w);
    attrset(A_NORMAL);
}

static void Case_draw(View *v, const Layout *l)
{
    CaseState *s = v->st;
    const Rect *b = &l->body;
    if (s->c && s->rl.width != b->w)
        Case_build(s, b->w);
    if (!s->c) {
        Term_text(b->y + 1, b->x + 2, s->note, b->w - 4);
        return;
    }
    int y = Reclines_draw_banners(&s->rl, b, "!! and more warnings: see Customer below");
    Reclines_draw(&s->rl, y, Case_visible(s, l), b);
    if (Case_stale(s))
        Case_draw_stale(b);
    Case_draw_status(s, b);
}

/* ---- actions ------------------------------------------------------------------------ */

static void Case_status_answer(void *data, int key)
{
    CaseResolveArg *a = data;
    static const char *const to[] = {"in_progress", "awaiting_customer", "resolved", "closed", "in_progress"};
    if (key == '3') {
        View_open(VIEW_CASE_RESOLVE, a);   /* asks what was done first */
    } else if (key >= '1' && key <= '5') {
        char label[120], words[40];
        Cases_words(to[key - '1'], words, sizeof words);
        snprintf(label, sizeof label, "Case %s %s %s", a->ref, key == '5' ? "reopened as" : "now", words);
        if (ApiCases_set_status(a->ref, a->version, to[key - '1'], NULL, label) < 0)
            App_error("%s", Outbox_last_error());
        else
            App_message("%s: saved in the outbox, sending\u2026", label);
    }
    free(a);
}

/* True while one of our own writes to this case is still unsent: the
 * version shown is about to change, so a status change now would only
 * conflict with ourselves. */
static bool Case_own_write_pending(const CaseState *s)
{
    for (size_t i = 0; i < Outbox_count(); i++) {
        const OutboxEntry *e = Outbox_entry(i);
        char ref[80];
        if (e->state != OUTBOX_ATTENTION && ApiCases_ref_of(e->path, ref, sizeof ref) &&
            strncmp(ref, s->ref, strlen(s->ref)) == 0)
            return true;
    }
    return false;
}

static void Case_ask_status(CaseState *s)
{
    if (s->c && !Case_may_change(s)) {
        char who[400];
        Case_who_may(s, who, sizeof who);
        App_error("Only %s may change it.", who);
        return;
    }
    if (Case_own_write_pending(s)) {
        App_message("Your last change to %s is still being sent; try again in a moment.", s->ref);
        return;
    }
    CaseResolveArg *a = calloc(1, sizeof *a);
    if (!a || !s->c) {
        free(a);
        return;
    }
    snprintf(a->ref, sizeof a->ref, "%s", s->ref);
    a->version = Jsonx_int(s->c, "version", 0);
    Ask("Status: 1 in progress  2 awaiting customer  3 resolved  4 closed  5 reopen  (Esc: no change)",
        "12345", 0, Case_status_answer, a);
}

static void Case_book_callback(CaseState *s)
{
    CallbackArg a = {0};
    const json_t *cu = json_object_get(s->c, "customer");
    snprintf(a.case_ref, sizeof a.case_ref, "%s", s->ref);
    snprintf(a.customer_id, sizeof a.customer_id, "%s", Jsonx_str(cu, "id", ""));
    snprintf(a.customer_name, sizeof a.customer_name, "%s", Jsonx_str(cu, "display_name", ""));
    const char *mobile = Jsonx_str(cu, "mobile", ""), *phone = Jsonx_str(cu, "phone", "");
    snprintf(a.phone, sizeof a.phone, "%s", mobile[0] ? mobile : phone);
    snprintf(a.team_code, sizeof a.team_code, "%s", Jsonx_str(json_object_get(s->c, "team"), "code", ""));
    View_open(VIEW_CALLBACK, &a);
}

static bool Case_edit_action(View *v, Action a)
{
    CaseState *s = v->st;
    if (!s->c)
        return false;
    switch (a) {
    case ACT_ADD_NOTE: View_open(VIEW_NOTE, s->ref); return true;
    case ACT_HAND_OFF: {
        HandoffArg h = {0};
        const json_t *team = json_object_get(s->c, "team");
        snprintf(h.ref, sizeof h.ref, "%s", s->ref);
        snprintf(h.team_code, sizeof h.team_code, "%s", Jsonx_str(team, "code", ""));
        snprintf(h.team_name, sizeof h.team_name, "%s", Jsonx_str(team, "name", h.team_code));
        View_open(VIEW_HANDOFF, &h);
        return true;
    }
    case ACT_CASE_STATUS: Case_ask_status(s); return true;
    case ACT_BOOK_CALLBACK: Case_book_callback(s); return true;
    default: return false;
    }
}

static bool Case_action(View *v, Action a)
{
    CaseState *s = v->st;
    if (Reclines_scroll(&s->rl, a, Case_visible(s, &app.layout)))
        return true;
    switch (a) {
    case ACT_REFRESH: Case_fetch(v); return true;
    case ACT_BACK: View_pop(); return true;
    default: return Case_edit_action(v, a);
    }
}

static Context Case_context(View *v)
{
    (void)v;
    return CTX_CASE;
}

static const char *Case_title(View *v)
{
    CaseState *s = v->st;
    return s->title;
}

static void Case_place_cursor(View *v, const Layout *l)
{
    (void)v;
    /* The first warning banner, so a screen reader says it first. */
    move(l->body.y, l->body.x);
}

const ViewOps view_case_ops = {
    .name = "case",
    .state_size = sizeof(CaseState),
    .open = Case_open,
    .close = Case_close,
    .draw = Case_draw,
    .context = Case_context,
    .action = Case_action,
    .on_response = Case_on_response,
    .place_cursor = Case_place_cursor,
    .title = Case_title,
    .flags = VIEW_FLAG_READING,
};
