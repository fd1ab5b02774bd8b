#include "server/store/handovers.h"

#include "server/store/db.h"

static const char SQL_REFS[] =
    "SELECT c.ref FROM cases c WHERE c.assignee_id = ?1"
    " AND c.status NOT IN ('resolved', 'closed') AND EXISTS (SELECT 1 FROM case_events e"
    "  WHERE e.id = (SELECT MAX(l.id) FROM case_events l WHERE l.case_id = c.id"
    "   AND l.kind IN ('handoff', 'claimed'))"
    "  AND e.kind = 'handoff' AND (e.actor_id IS NULL OR e.actor_id <> ?1))";

json_t *Handovers_refs(Db *db, long long user)
{
    json_t *refs = json_array();
    DbStmt *st = Db_stmt(db, SQL_REFS);
    if (!st)
        return refs;
    Db_bind_int64(st, 1, user);
    while (Db_step(st) == DB_ROW)
        json_array_append_new(refs, json_string(Db_col_text(st, 0)));
    Db_reset(st);
    return refs;
}
