/* GET /api/v1/me/work: what waits for me (issue 12), each part with its
 * count: my open cases (those handed over to me also listed under
 * "handovers": store/handovers.h says which), call-backs booked for me
 * (whenever due) or due now in my teams and not booked for someone else,
 * unread messages to me or my teams (ids, never the words), and the
 * calls offered to me in the last hour and not yet answered or ended
 * (a busy advisor's screen pop waits here; ids, never the number). The
 * cases are audited as GET /cases?assignee=me audits them, the
 * call-backs (phone numbers) as GET /callbacks does. */
#include <string.h>
#include <time.h>

#include "common/jsonx.h"
#include "common/timefmt.h"
#include "server/api.h"
#include "server/audit.h"
#include "server/store/callbacks.h"
#include "server/store/calls.h"
#include "server/store/caseread.h"
#include "server/store/handovers.h"
#include "server/store/memberships.h"
#include "server/store/messages.h"

#define MYWORK_LIMIT 50
/* A call the phone system never ended is not waiting for ever. */
#define CALLS_WAITING_SECONDS 3600

/* A part of my work: how many there are in all (count) and the first
 * MYWORK_LIMIT of them (items, already cut to that); count < 0: as many
 * as listed. */
static json_t *part(json_t *items, long long count)
{
    json_int_t n = count >= 0 ? (json_int_t)count : (json_int_t)json_array_size(items);
    return json_pack("{s:I, s:o}", "count", n, "items", items);
}

static bool has_string(const json_t *array, const char *s)
{
    size_t i;
    const json_t *v;
    json_array_foreach(array, i, v)
        if (s && strcmp(json_string_value(v), s) == 0)
            return true;
    return false;
}

/* My cases, each noting the customer shown; those handed to me also go
 * into handovers, and *handed how many were handed to me in all. */
static json_t *my_cases(Request *rq, AuditShown *shown, json_t *handovers, long long *handed)
{
    long long customers[MYWORK_LIMIT];
    json_t *items = Caseread_mine(rq->db, rq->user.id, NULL, MYWORK_LIMIT, customers), *c;
    json_t *refs = Handovers_refs(rq->db, rq->user.id);
    *handed = (long long)json_array_size(refs);
    size_t i;
    json_array_foreach(items, i, c) {
        Audit_shown_add(shown, customers[i]);
        if (has_string(refs, Jsonx_str(c, "ref", NULL)))
            json_array_append(handovers, c);
    }
    json_decref(refs);
    return items;
}

/* Add team call-backs not already listed and not someone else's. */
static void add_team_callbacks(json_t *out, json_t *team, json_t *ids, const char *me)
{
    size_t i;
    json_t *b;
    json_array_foreach(team, i, b) {
        const char *who = Jsonx_str(b, "assignee", NULL), *id = Jsonx_str(b, "id", "");
        if ((!who || strcmp(who, me) == 0) && !has_string(ids, id)) {
            json_array_append_new(ids, json_string(id));
            json_array_append(out, b);
        }
    }
}

static json_t *my_callbacks(Request *rq, long long *count)
{
    char now[TIMEFMT_LEN];
    json_t *out = Callbacks_due(rq->db, "9999-12-31T23:59:59Z", NULL, rq->user.id), *b, *t;
    json_t *ids = json_array(), *teams = Memberships_list(rq->db, rq->user.id);
    size_t i;
    json_array_foreach(out, i, b)
        json_array_append_new(ids, json_string(Jsonx_str(b, "id", "")));
    Timefmt_utc(time(NULL), now);
    json_array_foreach(teams, i, t) {
        json_t *due = Callbacks_due(rq->db, now, Jsonx_str(t, "team_code", ""), 0);
        add_team_callbacks(out, due, ids, rq->user.username);
        json_decref(due);
    }
    json_decref(ids);
    json_decref(teams);
    *count = (long long)json_array_size(out);
    while (json_array_size(out) > MYWORK_LIMIT)   /* soonest first: the rest wait, unaudited */
        json_array_remove(out, MYWORK_LIMIT);
    return out;
}

void Api_my_work(Request *rq, Reply *r)
{
    AuditShown cases_shown = {.n = 0}, callbacks_shown = {.n = 0};
    if (!Audit_read_begin(rq, r))
        return;
    json_t *handovers = json_array();
    long long handed_count;
    json_t *cases = my_cases(rq, &cases_shown, handovers, &handed_count);
    long long callbacks_count;
    json_t *callbacks = my_callbacks(rq, &callbacks_count);
    Audit_shown_from(&callbacks_shown, callbacks, "customer_id");
    json_t *messages = Messages_unread(rq->db, rq->user.id, MYWORK_LIMIT);
    char since[TIMEFMT_LEN];
    Timefmt_utc(time(NULL) - CALLS_WAITING_SECONDS, since);
    json_t *calls = Calls_waiting(rq->db, rq->user.id, since, MYWORK_LIMIT);
    Reply_json(r, 200, json_pack("{s:o, s:o, s:o, s:o, s:o}",
                                 "cases", part(cases, Caseread_mine_count(rq->db, rq->user.id)),
                                 "handovers", part(handovers, handed_count),
                                 "callbacks", part(callbacks, callbacks_count),
                                 "messages", part(messages, Messages_unread_count(rq->db,
                                                                                  rq->user.id)),
                                 "calls", part(calls, -1)));
    int rc = Audit_list(rq, "case.mine", NULL, &cases_shown);
    if (rc == 0)
        rc = Audit_each(rq, "callback.list", NULL, &callbacks_shown);
    Audit_read_done(rq, r, rc);
}
