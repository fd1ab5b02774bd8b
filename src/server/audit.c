/* audit: the handlers' side of the trail (see audit.h); no SQL here. */
#include "server/audit.h"

#include <stdlib.h>

/* The request's user and ids, as the store takes them. */
static AuditActor actor(const Request *rq)
{
    return (AuditActor){rq->user.id, rq->user.username, rq->request_id,
                        rq->client_request_id[0] ? rq->client_request_id : NULL};
}

int Audit_record(Request *rq, const char *action, long long customer_id, const char *reason)
{
    AuditActor who = actor(rq);
    return Audit_insert(rq->db, &who, action, customer_id, reason);
}

void Audit_shown_add(AuditShown *shown, long long customer_id)
{
    if (customer_id <= 0 || shown->n >= AUDIT_MAX_SHOWN)
        return;
    for (int i = 0; i < shown->n; i++)
        if (shown->ids[i] == customer_id)
            return;
    shown->ids[shown->n++] = customer_id;
}

void Audit_shown_from(AuditShown *shown, const json_t *items, const char *key)
{
    size_t i;
    const json_t *item;
    json_array_foreach(items, i, item) {
        const char *id = json_string_value(json_object_get(item, key));
        if (id)
            Audit_shown_add(shown, strtoll(id, NULL, 10));
    }
}

int Audit_list(Request *rq, const char *action, const char *reason, const AuditShown *shown)
{
    AuditActor who = actor(rq);
    return Audit_insert_list(rq->db, &who, action, reason, shown, false);
}

int Audit_each(Request *rq, const char *action, const char *reason, const AuditShown *shown)
{
    AuditActor who = actor(rq);
    return Audit_insert_list(rq->db, &who, action, reason, shown, true);
}

static bool begun(Reply *r, int begin_rc)
{
    if (begin_rc == 0)
        return true;
    Reply_problem(r, 503, PROBLEM_UNAVAILABLE, "Not shown",
                  "Every read of personal data is audited and the audit trail is not "
                  "available. Try again shortly.");
    return false;
}

bool Audit_read_begin(Request *rq, Reply *r)
{
    return begun(r, Db_begin(rq->db));
}

bool Audit_list_begin(Request *rq, Reply *r, bool lock)
{
    return begun(r, lock ? Db_begin(rq->db) : Db_begin_read(rq->db));
}

bool Audit_read_done(Request *rq, Reply *r, int audit_rc)
{
    bool in_tx = Db_in_transaction(rq->db);
    if (r->status >= 400) {
        Db_rollback(rq->db);
        return false;
    }
    if (audit_rc == 0 && (!in_tx || Db_commit(rq->db) == 0))
        return true;
    Db_rollback(rq->db);
    r->nheaders = 0;
    Reply_problem(r, 503, PROBLEM_UNAVAILABLE, "Not shown",
                  "Every read of personal data is audited and the audit trail could not be "
                  "written. Try again shortly.");
    return false;
}
