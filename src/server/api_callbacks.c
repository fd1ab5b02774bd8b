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
#include "server/authz.h"
#include "server/casestore.h"
#include "server/fields.h"
#include "server/store/memberships.h"
#include "server/queue.h"

static const char SQL_INSERT[] =
    "INSERT INTO callbacks (customer_id, case_id, phone, due_at, reason, team_code, assignee_id,"
    " created_by, created_at, triage_response) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id";
static const char SQL_TEAM[] = "SELECT 1 FROM teams WHERE code = ?1";
static const char SQL_CUSTOMER[] = "SELECT 1 FROM customers WHERE id = ?1";
static const char SQL_GET[] =
    "SELECT b.id, b.customer_id, c.ref, b.phone, b.due_at, b.reason, b.team_code, u.username,"
    " b.status, b.created_at, b.completed_at, b.contact_id, cl.username, b.triage_response"
    " FROM callbacks b LEFT JOIN cases c ON c.id = b.case_id"
    " LEFT JOIN users u ON u.id = b.assignee_id LEFT JOIN users cl ON cl.id = b.claimed_by"
    " WHERE b.id = ?1";
static const char SQL_LIST[] =
    "SELECT id FROM callbacks WHERE status = 'pending' AND due_at <= ?1"
    " AND (?2 IS NULL OR team_code = ?2) AND (?3 = 0 OR assignee_id = ?3 OR claimed_by = ?3)"
    " ORDER BY due_at, id LIMIT 200";
static const char SQL_COMPLETE[] =
    "UPDATE callbacks SET status = 'done', completed_at = ?2, contact_id = ?3 WHERE id = ?1"
    " AND status = 'pending'";

typedef struct CallbackIn {
    long long customer_id, case_id, assignee;
    const char *phone, *reason;
    char team[64], due[TIMEFMT_LEN];
    char *triage;       /* the answers of the triage that booked it, or NULL */
} CallbackIn;

static void read_target(Fields *f, Db *db, CallbackIn *in)
{
    const char *team = Fields_string(f, "team_code", false, 64);
    const char *user = Fields_string(f, "assignee", false, 64);
    if (user && !(in->assignee = Memberships_user(db, user, in->team)))
        Fields_error(f, "assignee", "No such user.");
    if (team && !Db_exists(db, SQL_TEAM, team, 0))
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
                !Db_exists(db, SQL_CUSTOMER, NULL, in->customer_id)))
        Fields_error(f, "customer_id", "No customer has this id.");
    const char *ref = Fields_string(f, "case_ref", false, 32);
    if (ref && !(in->case_id = Casestore_find(db, ref, NULL)))
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

static json_t *callback_json(Db *db, long long id)
{
    DbStmt *st = Db_stmt(db, SQL_GET);
    if (!st)
        return NULL;
    Db_bind_int64(st, 1, id);
    json_t *b = NULL;
    if (Db_step(st) == DB_ROW)
        b = json_pack("{s:s, s:s?, s:s?, s:s, s:s, s:s, s:s, s:s?, s:s, s:s, s:s?, s:s?, s:s?}",
                      "id", Db_col_text(st, 0), "customer_id", Db_col_text(st, 1), "case_ref",
                      Db_col_text(st, 2), "phone", Db_col_text(st, 3), "due_at",
                      Db_col_text(st, 4), "reason", Db_col_text(st, 5), "team_code",
                      Db_col_text(st, 6), "assignee", Db_col_text(st, 7), "status",
                      Db_col_text(st, 8), "created_at", Db_col_text(st, 9), "completed_at",
                      Db_col_text(st, 10), "contact_id", Db_col_text(st, 11), "claimed_by",
                      Db_col_text(st, 12));
    const char *triage = Db_col_text(st, 13);
    if (b && triage)
        json_object_set_new(b, "triage_response", json_loads(triage, 0, NULL));
    Db_reset(st);
    return b;
}

static long long insert_callback(Request *rq, const CallbackIn *in)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(rq->db, SQL_INSERT);
    if (!st)
        return -1;
    if (in->customer_id) Db_bind_int64(st, 1, in->customer_id);
    if (in->case_id) Db_bind_int64(st, 2, in->case_id);
    Db_bind_text(st, 3, in->phone);
    Db_bind_text(st, 4, in->due);
    Db_bind_text(st, 5, in->reason);
    Db_bind_text(st, 6, in->team);
    if (in->assignee) Db_bind_int64(st, 7, in->assignee);
    Db_bind_int64(st, 8, rq->user.id);
    Db_bind_text(st, 9, now);
    Db_bind_text(st, 10, in->triage);
    long long id = Db_step_id(st, NULL);
    if (id < 0)
        return -1;
    if (in->case_id && Casestore_event(rq->db, in->case_id, rq->user.id, "callback_booked",
                                       json_pack("{s:s}", "due_at", in->due)) < 0)
        return -1;
    return id;
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
    else if ((id = insert_callback(rq, &in)) < 0 ||
             Audit_record(rq, "callback.create", in.customer_id, NULL) < 0)
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The call-back was not booked", "Try again.");
    else
        Reply_json(r, 201, callback_json(rq->db, id));
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
    DbStmt *st = Db_stmt(rq->db, SQL_LIST);
    long long ids[200];
    int n = 0;
    if (st) {
        Db_bind_text(st, 1, until);
        Db_bind_text(st, 2, team);
        Db_bind_int64(st, 3, mine ? rq->user.id : 0);
        while (n < 200 && Db_step(st) == DB_ROW)
            ids[n++] = Db_col_int64(st, 0);
        Db_reset(st);
    }
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, callback_json(rq->db, ids[i]));
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
    json_t *b = Api_parse_id(rq->params[0], &id) ? callback_json(rq->db, id) : NULL;
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
    long long contact = body ? Api_contact_record(rq, body, r) : -1;
    if (contact > 0) {
        char now[TIMEFMT_LEN];
        Timefmt_utc(time(NULL), now);
        DbStmt *st = Db_stmt(rq->db, SQL_COMPLETE);
        Db_bind_int64(st, 1, id);
        Db_bind_text(st, 2, now);
        Db_bind_int64(st, 3, contact);
        if (Db_step(st) == DB_DONE && Db_changes(rq->db) == 1)
            Reply_json(r, 200, callback_json(rq->db, id));
        else
            Reply_problem(r, 409, PROBLEM_CONFLICT, "This call-back is already done", NULL);
    }
    json_decref(body);
    json_decref(b);
}
