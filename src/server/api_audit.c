#include <stdio.h>
#include <stdlib.h>

#include "server/api.h"

static const char SQL_AUDIT_PAGE[] =
    "SELECT id, at, user_id, username, action, customer_id, reason, request_id FROM audit"
    " WHERE (?1 IS NULL OR customer_id = ?1) AND (?2 = 0 OR id < ?2)"
    " ORDER BY id DESC LIMIT ?3";

static json_t *audit_row(sqlite3_stmt *st)
{
    char id[24], user_id[24], customer_id[24];
    snprintf(id, sizeof id, "%lld", (long long)sqlite3_column_int64(st, 0));
    snprintf(user_id, sizeof user_id, "%lld", (long long)sqlite3_column_int64(st, 2));
    snprintf(customer_id, sizeof customer_id, "%lld", (long long)sqlite3_column_int64(st, 5));
    return json_pack("{s:s, s:s, s:s, s:s?, s:s, s:s?, s:s?, s:s?}", "id", id, "at",
                     Db_col_text(st, 1), "user_id", user_id, "username", Db_col_text(st, 3),
                     "action", Db_col_text(st, 4), "customer_id",
                     sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL : customer_id,
                     "reason", Db_col_text(st, 6), "request_id", Db_col_text(st, 7));
}

/* Newest first; the cursor is the id of the last row shown. */
void Api_audit_list(Request *rq, Reply *r)
{
    long limit, customer, cursor;
    if (!Request_int_param(rq, r, "limit", 1, 100, 50, &limit) ||
        !Request_int_param(rq, r, "customer_id", 1, 1L << 62, 0, &customer) ||
        !Request_int_param(rq, r, "cursor", 1, 1L << 62, 0, &cursor))
        return;
    sqlite3_stmt *st = Db_stmt(rq->db, SQL_AUDIT_PAGE);
    if (!st) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "Could not read the audit trail", NULL);
        return;
    }
    if (customer)
        sqlite3_bind_int64(st, 1, customer);
    sqlite3_bind_int64(st, 2, cursor);
    sqlite3_bind_int64(st, 3, limit + 1);
    json_t *items = json_array();
    long long last = 0;
    int n = 0;
    bool more = false;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n == limit) {
            more = true;
            break;
        }
        json_array_append_new(items, audit_row(st));
        last = sqlite3_column_int64(st, 0);
        n++;
    }
    sqlite3_reset(st);
    char next[24];
    snprintf(next, sizeof next, "%lld", last);
    Reply_json(r, 200, json_pack("{s:o, s:s?}", "items", items, "next_cursor", more ? next : NULL));
}
