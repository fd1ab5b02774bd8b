/* cases: see cases.h. The glue: the triage hand-over, the outbox
 * handlers that report case and call-back writes whoever is looking, and
 * the entry points from the search and customer views. */
#include "client/cases/cases.h"
#include "client/cases/handoffs.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/core/ask.h"
#include "client/contact/contact.h"
#include "client/core/loop.h"
#include "client/outbox/outbox.h"
#include "client/core/screen.h"
#include "client/core/view.h"
#include "common/jsonx.h"
#include "common/timefmt.h"

bool Cases_is_ref(const char *s)
{
    while (*s == ' ')
        s++;
    if (toupper((unsigned char)s[0]) != 'F' || toupper((unsigned char)s[1]) != 'D' || s[2] != '-')
        return false;
    s += 3;
    size_t y = strspn(s, "0123456789");
    if (y != 2 || s[2] != '-')
        return false;
    s += 3;
    size_t n = strspn(s, "0123456789");
    if (n < 1 || n > 12)
        return false;
    for (s += n; *s == ' '; s++)
        ;
    return *s == '\0';
}

void Cases_open(const char *ref)
{
    char r[32];
    size_t n = 0;
    for (const char *p = ref; *p && n + 1 < sizeof r; p++)
        if (*p != ' ')
            r[n++] = (char)toupper((unsigned char)*p);
    r[n] = '\0';
    View_open(VIEW_CASE, r);
}

void Cases_words(const char *code, char *out, size_t cap)
{
    snprintf(out, cap, "%s", code ? code : "");
    for (char *p = out; *p; p++)
        if (*p == '_')
            *p = ' ';
}

bool Cases_open_for_service(const json_t *open_cases, const char *service, char *ref, size_t ref_cap,
                            char *line, size_t line_cap)
{
    size_t i;
    json_t *c;
    ref[0] = '\0';
    json_array_foreach(open_cases, i, c) {
        if (!service || strcmp(Jsonx_str(c, "service", ""), service) != 0)
            continue;
        time_t raised = 0;
        Timefmt_parse(Jsonx_str(c, "created_at", ""), &raised);
        long days = raised ? (long)((time(NULL) - raised) / 86400) : -1;
        char ago[48];
        if (days < 1)
            snprintf(ago, sizeof ago, "less than a day ago");
        else
            snprintf(ago, sizeof ago, "%ld day%s ago", days, days == 1 ? "" : "s");
        snprintf(ref, ref_cap, "%s", Jsonx_str(c, "ref", ""));
        snprintf(line, line_cap, "Open case %s for %s, raised %s \u2014 add a note to it?", ref, service, ago);
        return true;
    }
    return false;
}

void Cases_local_time(const char *t, char *out, size_t cap)
{
    json_t *v = t ? json_string(t) : NULL;
    Screen_format_value(v, FMT_DATETIME, false, out, cap);
    json_decref(v);
}

void Cases_sla_text(long long left, char *out, size_t cap)
{
    long long s = left < 0 ? -left : left;
    char t[48];
    if (s >= 86400)
        snprintf(t, sizeof t, "%lld d %02lld:%02lld", s / 86400, s % 86400 / 3600, s % 3600 / 60);
    else if (s >= 3600)
        snprintf(t, sizeof t, "%lld:%02lld:%02lld", s / 3600, s % 3600 / 60, s % 60);
    else
        snprintf(t, sizeof t, "%02lld:%02lld", s / 60, s % 60);
    if (left < 0)
        snprintf(out, cap, "PAST SLA by %s", t);
    else
        snprintf(out, cap, "%s left", t);
}

/* ---- outcomes of writes, whoever is looking ------------------------------- */

static bool Cases_ok(const ApiResult *r)
{
    return r->status >= 200 && r->status <= 299;
}

/* One message line: where to read the refusal whole comes first, so the
 * line's end may be cut but never that (the outbox shows every word). */
static void Cases_refused(const OutboxEntry *e, const ApiResult *r)
{
    App_error("%s: refused, kept in the outbox: see Alt-u (%s)", e->label,
              Jsonx_str(r->json, "title", r->message ? r->message : ""));
}

static void Cases_created(void *data, const OutboxEntry *e, const ApiResult *r, bool replayed)
{
    (void)data; (void)replayed;
    if (!Cases_ok(r)) {
        Cases_refused(e, r);
        return;
    }
    const char *ref = Jsonx_str(r->json, "ref", "");
    Contact_add_case_ref(ref);
    App_message("Case raised. Read the reference to the customer: %s", ref);
}

static void Cases_changed(void *data, const OutboxEntry *e, const ApiResult *r, bool replayed)
{
    (void)data; (void)replayed;
    if (Cases_ok(r)) {
        App_message("%s: saved.", e->label);
        ViewCase_reload_ref(Jsonx_str(r->json, "ref", ""));
    } else if (r->status == 412) {
        char id[OUTBOX_ID_LEN];
        snprintf(id, sizeof id, "%s", e->id);
        if (!View_top_has(VIEW_FLAG_CONFLICT))
            View_open(VIEW_CONFLICT, id);
        App_error("Someone else changed this case first: compare, then apply yours again or discard it.");
    } else {
        Cases_refused(e, r);
    }
}

static void Cases_note_added(void *data, const OutboxEntry *e, const ApiResult *r, bool replayed)
{
    (void)data; (void)replayed;
    if (!Cases_ok(r)) {
        Cases_refused(e, r);
        return;
    }
    App_message("%s: saved.", e->label);
    char ref[32];
    ApiCases_ref_of(e->path, ref, sizeof ref);
    ViewCase_reload_ref(ref);
}

static void Cases_callback_landed(void *data, const OutboxEntry *e, const ApiResult *r, bool replayed)
{
    (void)data; (void)replayed;
    if (!Cases_ok(r)) {
        Cases_refused(e, r);
        return;
    }
    App_message("%s: saved.", e->label);
    ViewCase_reload_ref(Jsonx_str(r->json, "case_ref", ""));
}

void Cases_init(void)
{
    Outbox_on_kind("case.create", Cases_created, NULL);
    Outbox_on_kind("case.update", Cases_changed, NULL);
    Outbox_on_kind("case.handoff", Cases_changed, NULL);
    Outbox_on_kind("case.note", Cases_note_added, NULL);
    Outbox_on_kind("callback.create", Cases_callback_landed, NULL);
    Outbox_on_kind("callback.complete", Cases_callback_landed, NULL);
    Handoffs_init();
    ViewCase_init();
}

/* ---- entry points from the customer and search views --------------------- */

static json_t *pending_cases;   /* the open cases the "which one?" question is about */

static void Cases_pick_answer(void *data, int key)
{
    (void)data;
    json_t *c = key >= '1' && key <= '9' ? json_array_get(pending_cases, (size_t)(key - '1')) : NULL;
    if (c)
        Cases_open(Jsonx_str(c, "ref", ""));
    json_decref(pending_cases);
    pending_cases = NULL;
}

static void Cases_open_from_customer(const json_t *rec)
{
    json_t *cases = json_object_get(rec, "open_cases");
    size_t n = json_array_size(cases);
    if (n == 0) {
        App_message("This customer has no open cases.");
        return;
    }
    if (n == 1) {
        Cases_open(Jsonx_str(json_array_get(cases, 0), "ref", ""));
        return;
    }
    char q[600] = "Open which case?", keys[10] = "";
    for (size_t i = 0; i < n && i < 9; i++) {
        size_t len = strlen(q);
        snprintf(q + len, sizeof q - len, " %zu %s", i + 1, Jsonx_str(json_array_get(cases, i), "ref", ""));
        keys[i] = (char)('1' + i);
    }
    json_decref(pending_cases);
    pending_cases = json_incref(cases);
    Ask(q, keys, '1', Cases_pick_answer, NULL);
}

/* By hand, the latest triage on the live contact goes with the case when
 * the case is for that contact's caller: the answers are not asked again. */
static void Cases_raise_by_hand(const json_t *rec)
{
    CaseDraft d = {0};
    if (rec) {
        snprintf(d.customer_id, sizeof d.customer_id, "%s", Jsonx_str(rec, "id", ""));
        snprintf(d.customer_name, sizeof d.customer_name, "%s", Jsonx_str(rec, "display_name", ""));
        d.open_cases = json_object_get(rec, "open_cases");   /* the view takes its own reference */
    }
    if (Contact_busy() && contact.triage && strcmp(contact.customer_id, d.customer_id) == 0) {
        d.response = contact.triage;   /* the view takes its own reference */
        snprintf(d.script_id, sizeof d.script_id, "%s", contact.script_id);
        d.script_version = atoi(contact.script_version);
    }
    View_open(VIEW_CASE_NEW, &d);
}

static void Cases_book_for_customer(const json_t *rec)
{
    CallbackArg a = {0};
    snprintf(a.customer_id, sizeof a.customer_id, "%s", Jsonx_str(rec, "id", ""));
    snprintf(a.customer_name, sizeof a.customer_name, "%s", Jsonx_str(rec, "display_name", ""));
    const char *mobile = Jsonx_str(rec, "mobile", ""), *phone = Jsonx_str(rec, "phone", "");
    snprintf(a.phone, sizeof a.phone, "%s", mobile[0] ? mobile : phone);
    View_open(VIEW_CALLBACK, &a);
}

bool Cases_action(View *top, Action a)
{
    const json_t *rec = View_record(top);
    switch (a) {
    case ACT_QUEUES:
        View_open_once(VIEW_QUEUE, NULL);
        return true;
    case ACT_RAISE_CASE:
        Cases_raise_by_hand(rec);
        return true;
    case ACT_ENTER: case ACT_OPEN_CASE:
        if (!rec)
            return false;
        Cases_open_from_customer(rec);
        return true;
    case ACT_BOOK_CALLBACK:
        if (!rec)
            return false;
        Cases_book_for_customer(rec);
        return true;
    default:
        return false;
    }
}
