/* Screen pop (issue 12): the phone system offers a ringing call to an
 * advisor (POST /calls, its own API key in X-Api-Key, made by `frontdoord
 * phone-key` (keys.h): never an advisor's bearer token, never an Open311
 * key), the advisor's client
 * hears "call.offered" on the live channel and opens GET /calls/{id}: the
 * caller's number, the service the dialled number is for and the
 * customers with that number. Taking it (/take) or the caller hanging up
 * (/end, the phone system again: "call.ended" closes a pop not yet
 * taken) moves it on. Events and logs carry the call's id, never the
 * number. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/log.h"
#include "common/text.h"
#include "server/api.h"
#include "server/audit.h"
#include "server/events.h"
#include "server/fields.h"
#include "server/keys.h"
#include "server/roles.h"
#include "server/store/calls.h"
#include "server/store/customers.h"
#include "server/store/users.h"

#define PHONE_KEY_HEADER "X-Api-Key"

#define QUEUED_SECONDS_MAX 86400
/* Who may read and take a call (routes.c: LIVE_DATA); a trainer works in
 * the sandbox and is offered none. */
#define CALL_TAKERS (ROLE_ADVISOR | ROLE_BACKOFFICE | ROLE_SUPERVISOR | ROLE_ADMIN)

typedef struct Offer {
    CallIn in;
    char caller[CALLS_NUMBER_MAX], dialled[CALLS_NUMBER_MAX];
    const char *agent_problem;  /* why agent cannot be offered the call */
} Offer;

/* The phone system's requests carry its key; false with a 401 in r. */
static bool phone_system(Request *rq, Reply *r)
{
    if (Keys_valid(rq->db, CLIENT_KEYS_PHONE, Request_header(rq, PHONE_KEY_HEADER)))
        return true;
    Reply_problem(r, 401, PROBLEM_UNAUTHENTICATED, "A phone system's API key is needed",
                  "Send the key from `frontdoord phone-key create` in the X-Api-Key header;"
                  " an advisor's sign-in does not offer calls.");
    return false;
}

static json_t *call_state(long long id, const char *state)
{
    char s[24];
    snprintf(s, sizeof s, "%lld", id);
    return json_pack("{s:s, s:s}", "id", s, "state", state);
}

/* The facts are the call's id alone: who rang is read by id, audited. */
static int publish(Db *db, const char *kind, long long user_id, long long call_id)
{
    EventsAudience to = {.kind = EVENTS_TO_USER, .user_id = user_id};
    char id[24];
    snprintf(id, sizeof id, "%lld", call_id);
    return Events_publish(db, kind, to, json_pack("{s:s}", "call_id", id)) < 0 ? -1 : 0;
}

/* The caller as customers' numbers are kept (Text_phone), so it can
 * match one. A number of another shape (a short international one, say)
 * is still a caller: kept as its digits (and a leading +), it matches
 * nobody, and the pop still opens. False for something that is not a
 * number at all. */
static bool caller_number(const char *in, char *out, size_t cap)
{
    if (Text_phone(in, out, cap))
        return true;
    size_t n = 0, digits = 0;
    for (const char *p = in; *p; p++) {
        bool digit = isdigit((unsigned char)*p);
        if ((!digit && !(*p == '+' && n == 0) && !strchr(" ()-.", *p)) || n + 1 >= cap)
            return false;
        if (digit || *p == '+')
            out[n++] = *p;
        digits += digit;
    }
    out[n] = '\0';
    return digits >= 3;
}

static void read_numbers(Fields *f, Offer *o)
{
    const char *caller = Fields_string(f, "caller", true, CALLS_NUMBER_MAX - 1);
    const char *dialled = Fields_string(f, "dialled", true, CALLS_NUMBER_MAX - 1);
    if (caller && strcasecmp(caller, "withheld") != 0) {
        if (caller_number(caller, o->caller, sizeof o->caller))
            o->in.caller = o->caller;
        else
            Fields_error(f, "caller", "caller is a phone number, or \"withheld\".");
    }
    if (dialled && Text_phone(dialled, o->dialled, sizeof o->dialled))
        o->in.dialled = o->dialled;
    else if (dialled)
        Fields_error(f, "dialled", "dialled is the council number the caller rang.");
}

static void read_offer(Fields *f, Db *db, Offer *o)
{
    read_numbers(f, o);
    json_t *q = json_object_get(f->body, "queued_seconds");
    if (q && !json_is_null(q) &&
        (!json_is_integer(q) || json_integer_value(q) < 0 ||
         json_integer_value(q) > QUEUED_SECONDS_MAX))
        Fields_error(f, "queued_seconds", "queued_seconds is a whole number, 0 to 86400.");
    else if (q && json_is_integer(q))
        o->in.queued_seconds = (int)json_integer_value(q);
    const char *agent = Fields_string(f, "agent", true, USERS_NAME_MAX);
    UsersAccount a;
    if (agent && !(o->in.user_id = Calls_agent(db, agent)))
        o->agent_problem = "agent names no enabled user by user name or extension; set"
                           " extensions with PATCH /api/v1/admin/users/{name} or `frontdoord"
                           " user set-extension`.";
    else if (agent && (!Users_by_id(db, o->in.user_id, &a) ||
                       !(Roles_parse(a.roles) & CALL_TAKERS)))
        o->agent_problem = "agent's roles do not take calls (a trainer works in the sandbox).";
}

/* How many customers have the caller's number: "none", "one", "many";
 * NULL if the look-up failed. */
static const char *match_count(Db *db, const char *digits)
{
    long long ids[1];
    int n = digits ? Calls_matches(db, digits, ids, 1) : 0;
    return n < 0 ? NULL : n == 0 ? "none" : n == 1 ? "one" : "many";
}

static void offer(Request *rq, Reply *r, Offer *o)
{
    long long id = -1;
    if ((o->in.matched = match_count(rq->db, o->in.caller)) &&
        (id = Calls_insert(rq->db, &o->in)) > 0 &&
        publish(rq->db, "call.offered", o->in.user_id, id) == 0) {
        Log_event(LOG_INFO, "call.offered", "call=%lld user=%lld matched=%s", id,
                  o->in.user_id, o->in.matched);
        Reply_json(r, 201, call_state(id, "offered"));
    } else {
        Reply_problem(r, 503, PROBLEM_UNAVAILABLE, "The call was not recorded",
                      "Nothing was offered. Try again shortly.");
    }
}

void Api_call_offer(Request *rq, Reply *r)
{
    static const char *const known[] = {"caller", "dialled", "agent", "queued_seconds", NULL};
    Fields f;
    Offer o = {.in = {.caller = NULL}};
    if (!phone_system(rq, r) || !Fields_open(&f, rq, r, known))
        return;
    read_offer(&f, rq->db, &o);
    if (!Fields_ok(&f))
        Fields_reply(&f, r);
    else if (o.agent_problem)
        Reply_problem(r, 422, PROBLEM_VALIDATION, "This agent cannot be offered calls",
                      o.agent_problem);
    else
        offer(rq, r, &o);
    Fields_close(&f);
}

/* The {id} path segment as a call: false with a 404 in r if there is none. */
static bool path_call(Request *rq, Reply *r, long long *id, CallState *cs)
{
    if (Api_parse_id(rq->params[0], id) && Calls_state(rq->db, *id, cs))
        return true;
    Api_reply_not_found(r, "call");
    return false;
}

/* The customers with the caller's number, into call and shown: their ids
 * and, for exactly one, enough to open the record. */
static int add_matches(Db *db, json_t *call, AuditShown *shown)
{
    const char *caller = json_string_value(json_object_get(call, "caller"));
    long long ids[CALLS_MATCHES_MAX];
    int n = caller ? Calls_matches(db, caller, ids, CALLS_MATCHES_MAX) : 0;
    if (n < 0)
        return -1;
    json_t *list = json_array();
    for (int i = 0; i < n && i < CALLS_MATCHES_MAX; i++) {
        char s[24];
        snprintf(s, sizeof s, "%lld", ids[i]);
        json_array_append_new(list, json_string(s));
        Audit_shown_add(shown, ids[i]);
    }
    json_object_set_new(call, "customer_ids", list);
    json_object_set_new(call, "more_customers", json_boolean(n > CALLS_MATCHES_MAX));
    json_t *one = n == 1 ? Customers_summary(db, ids[0], "phone") : NULL;
    json_object_set_new(call, "customer", one ? one : json_null());
    return 0;
}

/* One row per customer shown (the number is theirs), or one naming the
 * call when nobody matched. */
static int audit_call(Request *rq, long long id, const AuditShown *shown)
{
    char reason[32];
    snprintf(reason, sizeof reason, "call %lld", id);
    if (shown->n == 0)
        return Audit_record(rq, "call.read", 0, reason);
    for (int i = 0; i < shown->n; i++)
        if (Audit_record(rq, "call.read", shown->ids[i], reason) < 0)
            return -1;
    return 0;
}

void Api_call_get(Request *rq, Reply *r)
{
    long long id;
    CallState cs;
    if (!path_call(rq, r, &id, &cs))
        return;
    if (cs.user_id != rq->user.id && !(rq->user.roles & ROLE_SUPERVISOR)) {
        Reply_problem(r, 403, PROBLEM_FORBIDDEN, "This call was offered to someone else",
                      "A call is shown to the advisor it was offered to and to supervisors.");
        return;
    }
    if (!Audit_read_begin(rq, r))
        return;
    json_t *call = Calls_json(rq->db, id);
    AuditShown shown = {.n = 0};
    int rc = call ? add_matches(rq->db, call, &shown) : -1;
    if (rc == 0)
        rc = audit_call(rq, id, &shown);
    if (rc == 0)
        Reply_json(r, 200, call);
    else
        json_decref(call);
    Audit_read_done(rq, r, rc);
}

void Api_call_take(Request *rq, Reply *r)
{
    long long id;
    CallState cs;
    if (!path_call(rq, r, &id, &cs))
        return;
    if (cs.user_id != rq->user.id)
        Reply_problem(r, 403, PROBLEM_FORBIDDEN, "This call was offered to someone else",
                      "Only the advisor it was offered to takes a call.");
    else if (strcmp(cs.state, "ended") == 0)
        Reply_problem(r, 409, PROBLEM_CONFLICT, "The caller has hung up",
                      "This call has ended; it cannot be taken.");
    else if (Calls_take(rq->db, id) < 0)
        Reply_problem(r, 503, PROBLEM_UNAVAILABLE, "The change was not saved",
                      "Try again shortly.");
    else
        Reply_json(r, 200, call_state(id, "taken"));
}

/* The caller hung up (or the call finished): idempotent; only the first
 * end tells the advisor's client. */
void Api_call_end(Request *rq, Reply *r)
{
    long long id;
    CallState cs;
    int changed;
    if (!phone_system(rq, r) || !path_call(rq, r, &id, &cs))
        return;
    if ((changed = Calls_end(rq->db, id)) < 0 ||
        (changed && publish(rq->db, "call.ended", cs.user_id, id) < 0)) {
        Reply_problem(r, 503, PROBLEM_UNAVAILABLE, "The change was not saved",
                      "Try again shortly.");
        return;
    }
    if (changed)
        Log_event(LOG_INFO, "call.ended", "call=%lld user=%lld", id, cs.user_id);
    Reply_json(r, 200, call_state(id, "ended"));
}
