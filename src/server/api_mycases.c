/* GET /api/v1/cases?assignee=me[&since=RFC3339]: the open cases assigned to
 * the caller, most recently assigned first. A receiver's client polls it so
 * that a warm transfer during a live contact opens the same case on their
 * screen without anyone reading a reference across the room. */
#include <stdio.h>
#include <string.h>

#include "common/timefmt.h"
#include "server/api.h"
#include "server/audit.h"
#include "server/store/caseread.h"

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
    if (!Request_int_param(rq, r, "limit", 1, AUDIT_MAX_SHOWN, 50, &limit))
        return;
    if (since)
        Timefmt_utc(t, since_utc);
    long long customers[AUDIT_MAX_SHOWN];
    AuditShown shown = {.n = 0};
    json_t *items = Caseread_mine(rq->db, rq->user.id, since ? since_utc : NULL, (int)limit,
                                  customers);
    for (size_t i = 0; i < json_array_size(items); i++)
        Audit_shown_add(&shown, customers[i]);
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
    Audit_read_done(rq, r, Audit_list(rq, "case.mine", NULL, &shown));
}
