/* GET /api/v1/cases?assignee=me[&since=RFC3339]: the open cases assigned to
 * the caller, most recently assigned first. A receiver's client polls it so
 * that a warm transfer during a live contact opens the same case on their
 * screen without anyone reading a reference across the room. */
#include <stdio.h>
#include <string.h>

#include "common/timefmt.h"
#include "server/api.h"
#include "server/audit.h"

static const char SQL_MINE[] =
    "SELECT ref, summary, status, priority, due_at, assigned_at, assigned_by, customer,"
    " customer_id FROM ("
    " SELECT c.ref, c.summary, c.status, c.priority, c.due_at, c.customer_id,"
    "  (SELECT e.at FROM case_events e WHERE e.case_id = c.id AND e.kind IN ('handoff', 'claimed')"
    "   ORDER BY e.id DESC LIMIT 1) AS assigned_at,"
    "  (SELECT u.display_name FROM case_events e JOIN users u ON u.id = e.actor_id"
    "   WHERE e.case_id = c.id AND e.kind IN ('handoff', 'claimed') ORDER BY e.id DESC LIMIT 1)"
    "   AS assigned_by,"
    "  (SELECT given_name || ' ' || family_name FROM customers WHERE id = c.customer_id) AS customer"
    " FROM cases c WHERE c.assignee_id = ?1 AND c.status NOT IN ('resolved', 'closed'))"
    " WHERE ?2 IS NULL OR assigned_at > ?2 ORDER BY assigned_at DESC LIMIT ?3";

void Api_cases_list(Request *rq, Reply *r)
{
    const char *who = Request_query(rq, "assignee"), *since = Request_query(rq, "since");
    long limit;
    time_t t;
    char since_utc[TIMEFMT_LEN];
    if (!who || strcmp(who, "me") != 0) {
        Reply_invalid(r, "assignee", "Only assignee=me is supported: your own open cases.");
        return;
    }
    if (since && !Timefmt_parse(since, &t)) {
        Reply_invalid(r, "since", "since must be an RFC 3339 time.");
        return;
    }
    if (!Request_int_param(rq, r, "limit", 1, 200, 50, &limit))
        return;
    if (since)
        Timefmt_utc(t, since_utc);
    AuditShown shown = {.n = 0};
    DbStmt *st = Db_stmt(rq->db, SQL_MINE);
    json_t *items = json_array();
    if (st) {
        Db_bind_int64(st, 1, rq->user.id);
        Db_bind_text(st, 2, since ? since_utc : NULL);
        Db_bind_int64(st, 3, limit);
        while (Db_step(st) == DB_ROW) {
            Audit_shown_add(&shown, Db_col_int64(st, 8));
            json_array_append_new(items, json_pack(
                "{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?}", "ref", Db_col_text(st, 0),
                "summary", Db_col_text(st, 1), "status", Db_col_text(st, 2), "priority",
                Db_col_text(st, 3), "due_at", Db_col_text(st, 4), "assigned_at",
                Db_col_text(st, 5), "assigned_by", Db_col_text(st, 6), "customer",
                Db_col_text(st, 7)));
        }
        Db_reset(st);
    }
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
    Audit_read_done(rq, r, Audit_list(rq, "case.mine", NULL, &shown));
}
