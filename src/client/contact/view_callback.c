/* view_callback: book a call-back (the number to ring, prefilled from the
 * customer; when, typed as people say it; why; for a team or a person)
 * and complete one (ring, then record the contact with its wrap code).
 * Both writes go through the outbox. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client/core/app.h"
#include "client/api/lib.h"
#include "client/cases/cases.h"
#include "client/core/form.h"
#include "client/outbox/outbox.h"
#include "client/cases/people.h"
#include "client/cases/teamlist.h"
#include "client/core/term.h"
#include "client/customer/warnings.h"
#include "client/contact/wrapup.h"
#include "common/jsonx.h"
#include "common/timefmt.h"

enum { TAG_LIST = 1, TAG_CUSTOMER, TAG_PEOPLE, TAG_TEAMS };

static const char *const outcomes[] = {"resolved", "signposted", "case_raised", "callback_booked",
                                       "abandoned", NULL};
static const char *const outcome_labels[] = {"Resolved", "Signposted", "Case raised",
                                             "Another call-back booked", "No answer", NULL};

typedef struct CallbackState {
    CallbackArg a;
    bool completing;
    json_t *cb;              /* completing: the call-back */
    json_t *customer;        /* the customer's record, for the warnings */
    People people;           /* booking: who "Or for person" names */
    TeamList teams;          /* booking: "For team" picks from these, by name */
    time_t started;
    Form form;
    char **wrap_codes, **wrap_labels;   /* completing: the pick list's copy */
    size_t nwrap;
    char note[400];
} CallbackState;

/* ---- booking ------------------------------------------------------------------- */

static void Book_open(View *v, void *arg)
{
    CallbackState *s = v->st;
    s->a = *(const CallbackArg *)arg;
    Form_add(&s->form, "Number to ring", "phone", true, NULL, NULL);
    Form_add(&s->form, "When", "when", true, NULL, NULL);
    Form_add(&s->form, "Why", "reason", true, NULL, NULL);
    Form_add_pick(&s->form, "For team", "team_code", false);
    Form_add(&s->form, "Or for person", "assignee", false, NULL, NULL);
    Form_load(&s->form, "phone", s->a.phone);
    /* The code until the list comes: then it shows as the team's name. */
    Form_load(&s->form, "team_code", s->a.team_code[0] ? s->a.team_code : "contact_centre");
    TeamList_request(&s->teams, v, TAG_TEAMS);
    s->customer = json_incref((json_t *)Warnings_record(s->a.customer_id));
}

/* The booking the form says (due_s holds its time); false, with s->note
 * saying why, when it cannot be booked. */
static bool Book_draft(CallbackState *s, CallbackDraft *d, char *due_s)
{
    time_t due;
    const char *why = NULL;
    if (Callback_parse_when(Form_value(&s->form, "when"), time(NULL), &due, &why) < 0) {
        snprintf(s->note, sizeof s->note, "When: %s", why);
        return false;
    }
    Timefmt_utc(due, due_s);
    const char *team = Form_value(&s->form, "team_code"), *person = Form_value(&s->form, "assignee");
    const json_t *who = person[0] ? People_checked(&s->people, person, s->note, sizeof s->note) : NULL;
    if (person[0] && !who)
        return false;
    *d = (CallbackDraft){.phone = Form_value(&s->form, "phone"), .due_at = due_s,
                         .reason = Form_value(&s->form, "reason"),
                         .assignee = who ? Jsonx_str(who, "username", "") : NULL,
                         .team_code = !who && team[0] ? team : NULL,
                         .customer_id = s->a.customer_id, .case_ref = s->a.case_ref};
    return true;
}

static void Book_submit(CallbackState *s)
{
    FormField *missing = Form_missing(&s->form);
    if (missing) {
        snprintf(s->note, sizeof s->note, "%s is needed.", missing->label);
        return;
    }
    CallbackDraft d;
    char due_s[TIMEFMT_LEN];
    if (!Book_draft(s, &d, due_s))
        return;
    char label[300], when[64];
    Cases_local_time(due_s, when, sizeof when);
    snprintf(label, sizeof label, "Call-back to %s at %s", s->a.customer_name[0] ? s->a.customer_name :
             Form_value(&s->form, "phone"), when);
    int rc = ApiContacts_book_callback(&d, label, NULL);
    if (rc < 0) {
        snprintf(s->note, sizeof s->note, "%s", Outbox_last_error());
        return;
    }
    App_message("%s: saved in the outbox, sending\u2026 Tell the customer when to expect the call.", label);
    View_pop();
}

/* ---- completing ------------------------------------------------------------------- */

static void Done_free_codes(CallbackState *s)
{
    for (size_t i = 0; i < s->nwrap; i++) {
        free(s->wrap_codes[i]);
        free(s->wrap_labels[i]);
    }
    free(s->wrap_codes);
    free(s->wrap_labels);
    s->wrap_codes = s->wrap_labels = NULL;
    s->nwrap = 0;
    Form_pick_set(&s->form, "wrap_code", NULL, NULL);
}

/* The wrap codes as the pick field's list, copied: the tree is replaced
 * when a fresh copy comes from the server. */
static void Done_load_codes(CallbackState *s)
{
    size_t n = Wrapcodes_count();
    if (n == s->nwrap)
        return;
    Done_free_codes(s);
    s->wrap_codes = calloc(n + 1, sizeof *s->wrap_codes);
    s->wrap_labels = calloc(n + 1, sizeof *s->wrap_labels);
    if (!s->wrap_codes || !s->wrap_labels)
        return;
    for (size_t i = 0; i < n; i++) {
        const WrapCode *w = Wrapcodes_get(i);
        char label[400];
        snprintf(label, sizeof label, "%s \u203a %s", w->topic_label, w->label);
        s->wrap_codes[i] = strdup(w->code);
        s->wrap_labels[i] = strdup(label);
        if (!s->wrap_codes[i] || !s->wrap_labels[i])
            break;
        s->nwrap = i + 1;
    }
    Form_pick_set(&s->form, "wrap_code", (const char *const *)s->wrap_codes,
                  (const char *const *)s->wrap_labels);
}

static void Done_open(View *v, void *arg)
{
    CallbackState *s = v->st;
    s->completing = true;
    s->cb = json_deep_copy((const json_t *)arg);
    s->started = time(NULL);
    Form_add_pick(&s->form, "Wrap code", "wrap_code", true);
    Form_add(&s->form, "Outcome", "outcome", true, outcomes, outcome_labels);
    Form_add(&s->form, "Note", "note", false, NULL, NULL);
    Form_load(&s->form, "outcome", "resolved");
    Done_load_codes(s);
    ApiContacts_callbacks(View_to(v, TAG_LIST, "Reading the call-back"));
    const char *id = Jsonx_str(s->cb, "customer_id", NULL);
    s->customer = json_incref((json_t *)Warnings_record(id));
    if (id && !s->customer)
        ApiCustomers_get(View_to(v, TAG_CUSTOMER, "Reading the customer's warnings"), id);
}

static void Done_on_response(View *v, int tag, const ApiResult *r)
{
    CallbackState *s = v->st;
    if (tag == TAG_CUSTOMER) {
        if (r->status == 200 && json_is_object(r->json) && !s->customer)
            s->customer = json_incref(r->json);
        return;
    }
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(r->json, "items"), i, it)
        if (strcmp(Jsonx_str(it, "id", ""), Jsonx_str(s->cb, "id", "?")) == 0) {
            json_object_update(s->cb, it);
            return;
        }
}

static void Done_submit(CallbackState *s)
{
    /* Only a code the advisor saw chosen (form_pick): never a first match. */
    const WrapCode *w = Wrapcodes_find(Form_value(&s->form, "wrap_code"));
    if (!w) {
        s->form.focus = 0;
        snprintf(s->note, sizeof s->note, "Choose a wrap code: type part of its name, then Enter.");
        return;
    }
    char start[TIMEFMT_LEN], end[TIMEFMT_LEN], label[200];
    Timefmt_utc(s->started, start);
    Timefmt_utc(time(NULL), end);
    ContactDraft d = {
        .channel = "phone", .started_at = start, .ended_at = end, .wrap_code = w->code,
        .outcome = Form_value(&s->form, "outcome"), .avoidable = -1,
        .customer_id = Jsonx_str(s->cb, "customer_id", NULL), .note = Form_value(&s->form, "note"),
        /* the server asks why an avoidable contact happened */
        .avoidable_reason = !w->avoidable ? NULL : w->progress_chasing ? "chasing_progress" : "could_self_serve",
        .case_ref = Jsonx_str(s->cb, "case_ref", NULL),
    };
    snprintf(label, sizeof label, "Call-back %s completed", Jsonx_str(s->cb, "id", ""));
    int rc = ApiContacts_complete_callback(Jsonx_str(s->cb, "id", ""), &d, label);
    if (rc < 0) {
        snprintf(s->note, sizeof s->note, "%s", Outbox_last_error());
        return;
    }
    Wrapcodes_note_used(w->code);
    App_message("%s (%s): saved in the outbox, sending\u2026", label, w->label);
    View_pop();
}

/* ---- shared ------------------------------------------------------------------------- */

static void Callback_close(View *v)
{
    CallbackState *s = v->st;
    json_decref(s->cb);
    Done_free_codes(s);
    json_decref(s->customer);
    People_free(&s->people);
    TeamList_free(&s->teams);
}

static void Book_on_response(View *v, int tag, const ApiResult *r)
{
    CallbackState *s = v->st;
    if (tag == TAG_PEOPLE) {
        People_in(&s->people, r);
    } else if (tag == TAG_TEAMS) {
        char code[64];
        snprintf(code, sizeof code, "%s", Form_value(&s->form, "team_code"));
        TeamList_in(&s->teams, r, &s->form, "team_code");
        if (!code[0] && !Form_changed(&s->form, "team_code"))   /* untouched: the default, by name */
            Form_pick_choose(&s->form, "team_code", s->a.team_code[0] ? s->a.team_code : "contact_centre");
    }
}

static bool Callback_action(View *v, Action a)
{
    CallbackState *s = v->st;
    if (!s->completing)
        TeamList_allow_unlisted(&s->teams, &s->form, "team_code");
    FormStep step = Form_action_or_leave(&s->form, a);
    if (step == FORM_SUBMIT && s->completing)
        Done_submit(s);
    else if (step == FORM_SUBMIT)
        Book_submit(s);
    return step != FORM_OTHER;
}

static void Callback_key(View *v, int key)
{
    CallbackState *s = v->st;
    s->note[0] = '\0';
    Form_key(&s->form, key);
    if (!s->completing)
        People_lookup(&s->people, v, TAG_PEOPLE, Form_value(&s->form, "assignee"));
}

/* Below the booking form: what "When" means. */
static void Callback_hint(CallbackState *s, const Rect *b, int y)
{
    char line[300];
    const char *person = s->completing ? "" : Form_value(&s->form, "assignee");
    if (person[0]) {   /* who the call-back goes to, before it is booked */
        People_draw(&s->people, person, "For: ", b, &y, 5);
        return;
    }
    if (!s->completing) {
        time_t due;
        const char *why = NULL;
        const char *when = Form_value(&s->form, "when");
        if (!when[0])
            snprintf(line, sizeof line, "When: 14:30, tomorrow 10:00, 24/11/2026 09:30 or +2h.");
        else if (Callback_parse_when(when, time(NULL), &due, &why) == 0)
            strftime(line, sizeof line, "When means: %A %d %B %Y at %H:%M", localtime(&due));
        else
            snprintf(line, sizeof line, "When: %s", why);
        Term_text_pad(y, b->x, line, b->w);
    }
}

static void Callback_draw(View *v, const Layout *l)
{
    CallbackState *s = v->st;
    const Rect *b = &l->body;
    char head[500];
    if (s->completing)
        snprintf(head, sizeof head, "Ring %s for %s: %s", Jsonx_str(s->cb, "phone", "(number loading)"),
                 Jsonx_str(s->cb, "customer", "the customer"), Jsonx_str(s->cb, "reason",
                 Jsonx_str(s->cb, "summary", "")));
    else
        snprintf(head, sizeof head, "Book a call-back for %s%s%s", s->a.customer_name[0] ?
                 s->a.customer_name : "the caller", s->a.case_ref[0] ? " about case " : "", s->a.case_ref);
    attrset(Term_attr(STYLE_HEADING));
    Term_text_pad(b->y, b->x, head, b->w);
    Warnings_summary(s->customer, head, sizeof head);
    attrset(Term_attr(STYLE_ALERT));
    Term_text_pad(b->y + 1, b->x, head, b->w);
    attrset(A_NORMAL);
    if (s->completing)
        Done_load_codes(s);
    int y = Form_draw(&s->form, b, b->y + 2, 18);
    attrset(Term_attr(STYLE_DIM));
    Callback_hint(s, b, y + 1);
    attrset(s->note[0] ? Term_attr(STYLE_ERROR) : Term_attr(STYLE_DIM));
    Term_hint_pad(b->y + b->h - 1, b->x, s->note[0] ? s->note : s->completing ?
                  "After the call: the wrap code, the outcome, F2 records it. Esc leaves it in the queue." :
                  "Tab moves, F2 books it (through the outbox), Esc leaves without booking.", b->w);
    attrset(A_NORMAL);
}

static void Callback_place_cursor(View *v, const Layout *l)
{
    CallbackState *s = v->st;
    (void)l;
    Form_place_cursor(&s->form);
}

static const char *Callback_title(View *v)
{
    CallbackState *s = v->st;
    return s->completing ? "Complete a call-back" : "Book a call-back";
}

const ViewOps view_callback_ops = {
    .name = "callback",
    .state_size = sizeof(CallbackState),
    .open = Book_open,
    .close = Callback_close,
    .draw = Callback_draw,
    .context = View_form_context,
    .action = Callback_action,
    .key = Callback_key,
    .on_response = Book_on_response,
    .place_cursor = Callback_place_cursor,
    .title = Callback_title,
};

const ViewOps view_callback_done_ops = {
    .name = "callback-done",
    .state_size = sizeof(CallbackState),
    .open = Done_open,
    .close = Callback_close,
    .draw = Callback_draw,
    .context = View_form_context,
    .action = Callback_action,
    .key = Callback_key,
    .on_response = Done_on_response,
    .place_cursor = Callback_place_cursor,
    .title = Callback_title,
};
