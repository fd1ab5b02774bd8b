/* Team queues for the back office: depths for the wallboard, the items in
 * the order they should be worked, and an atomic claim-next. */

#include "server/api.h"
#include "server/audit.h"
#include "server/authz.h"
#include "server/livequeue.h"
#include "server/store/queues.h"

static bool team_exists(Request *rq, Reply *r)
{
    bool found = Queues_exists(rq->db, rq->params[0]);
    if (!found)
        Api_reply_not_found(r, "team");
    return found;
}

void Api_queues_list(Request *rq, Reply *r)
{
    json_t *items = Queues_summary(rq->db);
    Livequeue_tide_levels(items);
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

void Api_queue_items(Request *rq, Reply *r)
{
    long limit;
    long long customers[AUDIT_MAX_SHOWN];
    AuditShown shown = {.n = 0};
    if (!team_exists(rq, r) || !Request_int_param(rq, r, "limit", 1, AUDIT_MAX_SHOWN, 50, &limit))
        return;
    json_t *items = Queues_items(rq->db, rq->params[0], (int)limit, customers);
    for (size_t i = 0; i < json_array_size(items); i++)
        Audit_shown_add(&shown, customers[i]);
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
    Audit_read_done(rq, r, Audit_list(rq, "queue.items", rq->params[0], &shown));
}

/* 200 with the claimed item, or 204 when there is nothing to claim. */
void Api_queue_claim(Request *rq, Reply *r)
{
    if (!team_exists(rq, r) || !Authz_claim(rq, r, rq->params[0]))
        return;
    json_t *item = Queues_claim(rq->db, rq->params[0], rq->user.id);
    if (item && Livequeue_changed(rq->db, rq->params[0]) < 0) {
        json_decref(item);
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The claim was not saved", "Try again.");
    } else if (item)
        Reply_json(r, 200, item);
    else
        Reply_empty(r, 204);
}
