/* GET /api/v1/audit: the trail, newest first (rows from store/audit.h). */
#include <stdio.h>

#include "server/api.h"
#include "server/store/audit.h"

/* The cursor is the id of the last row shown. */
void Api_audit_list(Request *rq, Reply *r)
{
    long limit, customer, cursor;
    if (!Request_int_param(rq, r, "limit", 1, 100, 50, &limit) ||
        !Request_int_param(rq, r, "customer_id", 1, 1L << 62, 0, &customer) ||
        !Request_int_param(rq, r, "cursor", 1, 1L << 62, 0, &cursor))
        return;
    long long last;
    json_t *items = Audit_page(rq->db, customer, cursor, (int)limit, &last);
    if (!items) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "Could not read the audit trail", NULL);
        return;
    }
    char next[24];
    snprintf(next, sizeof next, "%lld", last);
    Reply_json(r, 200, json_pack("{s:o, s:s?}", "items", items, "next_cursor", last ? next : NULL));
}
