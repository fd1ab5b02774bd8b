/* Call-backs: instead of making a customer wait on hold, book a time to
 * ring them back. Due call-backs appear in their team's queue; completing
 * one records the contact, wrap code and all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/jsonx.h"
#include "common/text.h"
#include "common/timefmt.h"
#include "server/api.h"
#include "server/audit.h"
#include "server/contactrec.h"
#include "server/authz.h"
#include "server/fields.h"
#include "server/livequeue.h"
#include "server/store/memberships.h"
#include "server/store/callbacks.h"
#include "server/store/cases.h"
#include "server/store/queues.h"

static void read_target(Fields *f, Db *db, CallbackIn *in)
{
    const char *team = Fields_string(f, "team_code", false, 64);
    const char *user = Fields_string(f, "assignee", false, 64);
    if (user && !(in->assignee = Memberships_user(db, user, in->team)))
        Fields_error(f, "assignee", "No such user.");
    if (team && !Queues_exists(db, team))
        Fields_error(f, "team_code", "No such team.");
    else if (team)
        snprintf(in->team, sizeof in->team, "%s", team);
    if (!in->team[0])
        Fields_error(f, "team_code", "Say which team (or person) makes the call-back.");
}

static void read_callback(Fields *f, Db *db, CallbackIn *in)
{
    static const char *const known[] = {"customer_id", "case_ref", "phone", "due_at", "reason",
                                        "team_code", "assignee", "triage_response", NULL};
    Fields_only(f, known);
    const char *cid = Fields_string(f, "customer_id", false, 20);
    if (cid && (!Api_parse_id(cid, &in->customer_id) ||
                !Cases_customer_exists(db, in->customer_id)))
        Fields_error(f, "customer_id", "No customer has this id.");
    const char *ref = Fields_string(f, "case_ref", false, 32);
    if (ref && !(in->case_id = Cases_find(db, ref, NULL)))
        Fields_error(f, "case_ref", "No such case.");
    char digits[32];
    in->phone = Fields_string(f, "phone", true, 32);
    if (in->phone && !Text_phone(in->phone, digits, sizeof digits))
        Fields_error(f, "phone", "Enter the number to ring, e.g. 07700 900123.");
    in->reason = Fields_string(f, "reason", true, 500);
    time_t due;
    if (Fields_time(f, "due_at", true, &due))
        Timefmt_utc(due, in->due);
    in->triage = Fields_response(f, "triage_response");
    read_target(f, db, in);
}

void Api_callback_create(Request *rq, Reply *r)
{
    Fields f;
    CallbackIn in = {0};
    long long id;
    if (!Fields_open(&f, rq, r, NULL))
        return;
    read_callback(&f, rq->db, &in);
    if (!Fields_ok(&f))
        Fields_reply(&f, r);
    else if ((id = Callbacks_insert(rq->db, &in, rq->user.id)) < 0 ||
             Audit_record(rq, "callback.create", in.customer_id, NULL) < 0 ||
             Livequeue_changed(rq->db, in.team) < 0)
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The call-back was not booked", "Try again.");
    else
        Reply_json(r, 201, Callbacks_get(rq->db, id));
    free(in.triage);
    Fields_close(&f);
}

/* ?due=now (default: due by now) or ?due=all; ?team=CODE; ?mine=true|false. */
void Api_callbacks_list(Request *rq, Reply *r)
{
    static const char *const dues[] = {"now", "all", NULL}, *const bools[] = {"false", "true", NULL};
    const char *team = Request_query(rq, "team");
    int all, mine;
    char until[TIMEFMT_LEN];
    if (!Request_choice_param(rq, r, "due", dues, 0, &all) ||
        !Request_choice_param(rq, r, "mine", bools, 0, &mine))
        return;
    Timefmt_utc(all ? (time_t)4102444800 : time(NULL), until);
    if (!Audit_read_begin(rq, r))
        return;
    json_t *items = Callbacks_due(rq->db, until, team, mine ? rq->user.id : 0);
    /* Phone numbers: each customer's own trail, not one list row. */
    AuditShown shown = {.n = 0};
    Audit_shown_from(&shown, items, "customer_id");
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
    Audit_read_done(rq, r, Audit_each(rq, "callback.list", NULL, &shown));
}

/* POST /api/v1/callbacks/{id}/complete: the body is the contact to record
 * (channel, times, wrap code, outcome...), exactly as POST /contacts takes. */
void Api_callback_complete(Request *rq, Reply *r)
{
    long long id;
    json_t *b = Api_parse_id(rq->params[0], &id) ? Callbacks_get(rq->db, id) : NULL;
    if (!b) {
        Api_reply_not_found(r, "call-back");
        return;
    }
    if (strcmp(Jsonx_str(b, "status", ""), "pending") != 0) {
        Reply_problem(r, 409, PROBLEM_CONFLICT, "This call-back is already done",
                      "Nothing to complete.");
        json_decref(b);
        return;
    }
    if (!Authz_callback_complete(rq, r, Jsonx_str(b, "claimed_by", NULL))) {
        json_decref(b);
        return;
    }
    json_t *body = Request_json(rq, r);
    long long contact = body ? Contactrec_record(rq, body, r) : -1;
    bool done = contact > 0 && Callbacks_complete(rq->db, id, contact);
    if (done && Livequeue_changed(rq->db, Jsonx_str(b, "team_code", NULL)) < 0)
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The call-back was not completed", "Try again.");
    else if (done)
        Reply_json(r, 200, Callbacks_get(rq->db, id));
    else if (contact > 0)
        Reply_problem(r, 409, PROBLEM_CONFLICT, "This call-back is already done", NULL);
    json_decref(body);
    json_decref(b);
}
