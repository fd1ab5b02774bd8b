#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/api.h"

/* A customer's trail: the rows about them, and the list rows that showed
 * them among others (audit_subjects). */
static const char SQL_AUDIT_PAGE[] =
    "SELECT a.id, a.at, a.user_id, a.username, a.action, a.customer_id, a.reason, a.request_id,"
    " a.client_request_id,"
    " (SELECT group_concat(s.customer_id) FROM audit_subjects s WHERE s.audit_id = a.id)"
    " FROM audit a WHERE (?1 IS NULL OR a.customer_id = ?1"
    "  OR a.id IN (SELECT audit_id FROM audit_subjects WHERE customer_id = ?1))"
    " AND (?2 = 0 OR a.id < ?2) ORDER BY a.id DESC LIMIT ?3";

/* "12,40,7" as ["12","40","7"]; NULL (no list) as NULL. */
static json_t *id_list(const char *csv)
{
    if (!csv)
        return NULL;
    json_t *ids = json_array();
    for (const char *p = csv; *p;) {
        size_t n = strcspn(p, ",");
        json_array_append_new(ids, json_stringn(p, n));
        p += n + (p[n] == ',');
    }
    return ids;
}

static json_t *audit_row(DbStmt *st)
{
    char id[24], user_id[24], customer_id[24];
    snprintf(id, sizeof id, "%lld", (long long)Db_col_int64(st, 0));
    snprintf(user_id, sizeof user_id, "%lld", (long long)Db_col_int64(st, 2));
    snprintf(customer_id, sizeof customer_id, "%lld", (long long)Db_col_int64(st, 5));
    return json_pack("{s:s, s:s, s:s, s:s?, s:s, s:s?, s:s?, s:s?, s:s?, s:o?}", "id", id,
                     "at", Db_col_text(st, 1), "user_id", user_id, "username",
                     Db_col_text(st, 3), "action", Db_col_text(st, 4), "customer_id",
                     Db_col_is_null(st, 5) ? NULL : customer_id,
                     "reason", Db_col_text(st, 6), "request_id", Db_col_text(st, 7),
                     "client_request_id", Db_col_text(st, 8), "customer_ids",
                     id_list(Db_col_text(st, 9)));
}

/* Newest first; the cursor is the id of the last row shown. */
void Api_audit_list(Request *rq, Reply *r)
{
    long limit, customer, cursor;
    if (!Request_int_param(rq, r, "limit", 1, 100, 50, &limit) ||
        !Request_int_param(rq, r, "customer_id", 1, 1L << 62, 0, &customer) ||
        !Request_int_param(rq, r, "cursor", 1, 1L << 62, 0, &cursor))
        return;
    DbStmt *st = Db_stmt(rq->db, SQL_AUDIT_PAGE);
    if (!st) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "Could not read the audit trail", NULL);
        return;
    }
    if (customer)
        Db_bind_int64(st, 1, customer);
    Db_bind_int64(st, 2, cursor);
    Db_bind_int64(st, 3, limit + 1);
    json_t *items = json_array();
    long long last = 0;
    int n = 0;
    bool more = false;
    while (Db_step(st) == DB_ROW) {
        if (n == limit) {
            more = true;
            break;
        }
        json_array_append_new(items, audit_row(st));
        last = Db_col_int64(st, 0);
        n++;
    }
    Db_reset(st);
    char next[24];
    snprintf(next, sizeof next, "%lld", last);
    Reply_json(r, 200, json_pack("{s:o, s:s?}", "items", items, "next_cursor", more ? next : NULL));
}
