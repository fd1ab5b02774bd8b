/* view_triage_records: an outcome does what it tells the customer. When the
 * advisor finishes a triage at a case, transfer, call-back or safeguarding
 * outcome, its record (a case in the service's team, a case handed to the
 * team the call went to, a call-back, the urgent duty case) is journalled in
 * the outbox with the triage response attached, before the triage counts
 * as finished. The screen then says what was created; the reference to
 * read aloud arrives when the server answers, and with the server down the
 * record waits in the outbox ("reference to follow") and nothing is lost. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client/core/app.h"
#include "client/core/loop.h"
#include "client/api/lib.h"
#include "client/triage/view_reason.h"
#include "client/triage/view_triage_records.h"
#include "common/jsonx.h"
#include "common/localday.h"
#include "common/text.h"
#include "common/timefmt.h"

/* What the customer was told: the script's "Say:" part, else the text. */
static const char *Records_told(const QOutcome *o)
{
    const char *text = o->text ? o->text : "";
    const char *say = strstr(text, "Say: ");
    return say ? say + 5 : text;
}

/* snprintf cuts by bytes: drop a character it left half-written. */
static void Records_cut(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && !Text_utf8_valid(s, n))
        s[--n] = '\0';
}

static void Records_landed(void *data, const OutboxEntry *e, const ApiResult *r, bool replayed)
{
    View *v = data;
    TriageState *s = v->st;
    (void)replayed;
    if (strcmp(e->id, s->record.outbox_id) != 0)
        return;
    if (r->status >= 200 && r->status <= 299) {
        /* A case has a reference worth reading aloud; a call-back only a
         * number, so it is read as "call-back 3", never a bare "3". */
        const char *ref = Jsonx_str(r->json, "ref", NULL);
        if (ref)
            snprintf(s->record.ref, sizeof s->record.ref, "%s", ref);
        else
            snprintf(s->record.ref, sizeof s->record.ref, "call-back %s", Jsonx_str(r->json, "id", "?"));
    } else {
        snprintf(s->record.problem, sizeof s->record.problem, "The server refused it (%s): it waits "
                 "in the outbox for you to correct.", r->message[0] ? r->message : "see the outbox");
    }
    Loop_dirty();
}

/* What a finished outcome's record is made from.
 * Everything is borrowed: copy (or json_incref) what you keep. */
typedef struct TriageCaseOutcome {
    const char *service_code;   /* the outcome's service, else the triage's */
    const char *service_name;   /* from the catalogue; may be "" */
    const char *team_code, *team_name;
    int sla_hours;              /* 0 when the catalogue does not say */
    const char *summary;        /* the outcome's text: what the advisor said */
    const char *wrap_code;      /* suggested wrap code */
    const char *customer_id;    /* NULL for an anonymous call */
    const char *customer_name;  /* "" for an anonymous call */
    const char *script_id;
    int script_version;         /* the stored version the triage used */
    const QOutcome *outcome;
    const json_t *response;     /* the FHIR QuestionnaireResponse */
} TriageCaseOutcome;

/* Fills c from the catalogue entry and the engine; response must outlive c. */
static void Records_case_outcome(TriageCaseOutcome *c, const json_t *service, const json_t *customer,
                                 const Questionnaire *q, const QOutcome *o, const json_t *response)
{
    memset(c, 0, sizeof *c);
    c->service_code = o && o->service ? o->service : Jsonx_str(service, "code", "");
    const json_t *svc = ViewReason_service(c->service_code);
    if (!svc && service && strcmp(Jsonx_str(service, "code", ""), c->service_code) == 0)
        svc = service;
    const json_t *team = json_object_get(svc, "team");
    c->service_name = Jsonx_str(svc, "name", "");
    c->team_code = Jsonx_str(team, "code", "");
    c->team_name = Jsonx_str(team, "name", "");
    c->sla_hours = (int)Jsonx_int(svc, "sla_hours", 0);
    c->summary = o && o->text ? o->text : "";
    c->wrap_code = o && o->wrap ? o->wrap : "";
    c->customer_id = customer ? Jsonx_str(customer, "id", NULL) : NULL;
    c->customer_name = customer ? Jsonx_str(customer, "display_name", "") : "";
    c->script_id = q ? Questionnaire_id(q) : NULL;
    c->script_version = q && Questionnaire_version(q) ? atoi(Questionnaire_version(q)) : 0;
    c->outcome = o;
    c->response = response;
}

static void Records_what(TriageState *s, const TriageCaseOutcome *c, const QOutcome *o,
                         const char *due);

/* Journals the case the outcome raises (its label is s->record.what). */
static int Records_send_case(TriageState *s, const TriageCaseOutcome *c, const QOutcome *o,
                             const char *action)
{
    char summary[500];
    const char *name = c->service_name[0] ? c->service_name : c->service_code;
    if (o->kind == OUTCOME_SAFEGUARDING)
        snprintf(summary, sizeof summary, "Safeguarding concern. Action taken: %s", action ? action : "");
    else if (o->kind == OUTCOME_TRANSFER)
        snprintf(summary, sizeof summary, "%s: caller transferred to the team", name);
    else
        snprintf(summary, sizeof summary, "%s", name);
    Records_cut(summary);
    char told[1000];   /* the server's limit */
    snprintf(told, sizeof told, "%s", Records_told(o));
    Records_cut(told);
    CaseNew d = {.service_code = c->service_code, .summary = summary, .next_steps = told,
                   .triage_response = c->response, .customer_id = c->customer_id,
                   .priority = o->kind == OUTCOME_SAFEGUARDING ? "urgent" : NULL,
                   .script_id = c->script_id, .script_version = c->script_version};
    Records_what(s, c, o, "");
    return ApiCases_create(&d, s->record.what, NULL, s->record.outbox_id);
}

/* The script item that asks which number to ring (frontdoor-scripts(5)). */
static const char CALLBACK_PHONE_ITEM[] = "callback-phone";

bool ViewTriageRecords_asks_phone(const TriageState *s)
{
    const QItem *it = s->t ? Triage_current(s->t) : NULL;
    return it && strcmp(QItem_link_id(it), CALLBACK_PHONE_ITEM) == 0;
}

/* The number to ring: the one the advisor typed at the outcome, the
 * script's "callback-phone" answer when it asks (the caller may want
 * another number), else the customer's own. */
static const char *Records_phone(const TriageState *s)
{
    if (s->callback_phone[0])
        return s->callback_phone;
    const QItem *asked = Questionnaire_find(s->q, CALLBACK_PHONE_ITEM);
    const QValue *v = asked ? Triage_answer(s->t, asked, NULL) : NULL;
    if (v && v->kind == QV_STRING && v->str && v->str[0])
        return v->str;
    const char *phone = Jsonx_str(s->customer, "mobile", NULL);
    return phone && phone[0] ? phone : Jsonx_str(s->customer, "phone", NULL);
}

/* Adds the local time to the words: "within 2 working days (Thu 03 Dec 15:00)". */
static time_t Records_due_at(time_t due, char *words, size_t cap)
{
    char when[40];
    struct tm tm;
    strftime(when, sizeof when, "%a %d %b %H:%M", localtime_r(&due, &tm));
    size_t n = strlen(words);
    snprintf(words + n, cap - n, " (%s)", when);
    return due;
}

/* When a call-back is due: what the outcome promised the customer
 * (urn:frontdoor:callback-within), else the service's SLA, else the next
 * working day; never "now", which would show it past its SLA at once.
 * words says it as the customer heard it, for the screen. */
static time_t Records_due(const TriageCaseOutcome *c, const QOutcome *o, char *words, size_t cap)
{
    time_t now = time(NULL);
    if (o->within_working_days > 0) {
        snprintf(words, cap, "within %d working day%s", o->within_working_days,
                 o->within_working_days == 1 ? "" : "s");
        return Records_due_at(Localday_add_working(now, o->within_working_days), words, cap);
    }
    int hours = o->within_hours > 0 ? o->within_hours : c->sla_hours;
    if (hours > 0) {
        snprintf(words, cap, "within %d hours", hours);
        return Records_due_at(now + (time_t)hours * 3600, words, cap);
    }
    snprintf(words, cap, "by the next working day");
    return Records_due_at(Localday_add_working(now, 1), words, cap);
}

/* Journals the call-back the outcome books; 1 (nothing journalled) when
 * there is no number to ring. */
static int Records_send_callback(TriageState *s, const TriageCaseOutcome *c, const QOutcome *o)
{
    char due_words[80] = "";
    time_t due = Records_due(c, o, due_words, sizeof due_words);
    const char *phone = Records_phone(s);
    if (!phone || !phone[0])
        return 1;
    char due_at[TIMEFMT_LEN], reason[500];
    Timefmt_utc(due, due_at);
    snprintf(reason, sizeof reason, "%s: %s", c->service_name[0] ? c->service_name : c->service_code,
             Records_told(o));
    Records_cut(reason);
    CallbackDraft d = {.phone = phone, .due_at = due_at, .reason = reason, .team_code = c->team_code,
                       .triage_response = c->response, .customer_id = c->customer_id};
    Records_what(s, c, o, due_words);
    return ApiContacts_book_callback(&d, s->record.what, s->record.outbox_id);
}

static void Records_what(TriageState *s, const TriageCaseOutcome *c, const QOutcome *o,
                         const char *due)
{
    const char *team = c->team_name[0] ? c->team_name : c->team_code;
    if (!team[0])   /* the catalogue is not loaded (a contact restored after a crash) */
        team = o->kind == OUTCOME_SAFEGUARDING ? "duty team" : "team";
    const char *name = c->service_name[0] ? c->service_name : c->service_code;
    char *w = s->record.what;
    size_t cap = sizeof s->record.what;
    switch (o->kind) {
    case OUTCOME_SAFEGUARDING: snprintf(w, cap, "Urgent case in the %s queue", team); break;
    case OUTCOME_TRANSFER: snprintf(w, cap, "Case handed to %s (%s)", team, name); break;
    case OUTCOME_CALLBACK: snprintf(w, cap, "Call-back by %s (%s), due %s", team, name, due); break;
    default: snprintf(w, cap, "Case for %s (%s)", team, name); break;
    }
}

bool ViewTriageRecords_need_phone(const TriageState *s, const QOutcome *o)
{
    const char *phone = Records_phone(s);
    return o && o->kind == OUTCOME_CALLBACK && !s->offline && (!phone || !phone[0]);
}

bool ViewTriageRecords_submit(View *v, const QOutcome *o, const json_t *response)
{
    TriageState *s = v->st;
    if (!o || s->offline || o->kind == OUTCOME_RESOLVE || o->kind == OUTCOME_SIGNPOST ||
        o->kind == OUTCOME_NONE)
        return false;
    TriageCaseOutcome c;
    Records_case_outcome(&c, s->service, s->customer, s->q, o, response);
    int rc = o->kind == OUTCOME_CALLBACK ? Records_send_callback(s, &c, o)
                                         : Records_send_case(s, &c, o, Triage_confirmation(s->t));
    if (rc > 0) {
        App_error("A call-back needs a number to ring.");
        return false;
    }
    if (rc < 0) {
        App_error("%s", Outbox_last_error());
        return false;
    }
    Outbox_watch(s->record.outbox_id, Records_landed, v);
    return true;
}

const char *ViewTriageRecords_status(const TriageState *s, char *out, size_t cap)
{
    if (s->record.problem[0])
        snprintf(out, cap, "%s: %s", s->record.what, s->record.problem);
    else if (s->record.ref[0])
        snprintf(out, cap, "%s: reference %s (read it to the caller)", s->record.what, s->record.ref);
    else
        snprintf(out, cap, "%s: saved in the outbox, reference to follow", s->record.what);
    return out;
}
