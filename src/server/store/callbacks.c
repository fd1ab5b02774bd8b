#include "server/store/callbacks.h"

#include <time.h>

#include "server/store/cases.h"
#include "server/store/db.h"

static const char SQL_INSERT[] =
    "INSERT INTO callbacks (customer_id, case_id, phone, due_at, reason, team_code, assignee_id,"
    " created_by, created_at, triage_response) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id";
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
static const char SQL_DUE_UNANNOUNCED[] =
    "SELECT b.id, b.team_code, COALESCE(b.assignee_id, 0) FROM callbacks b"
    " WHERE b.status = 'pending' AND b.due_at <= ?1 AND NOT EXISTS ("
    "  SELECT 1 FROM callbacks_announced a WHERE a.callback_id = b.id)"
    " ORDER BY b.id LIMIT 200";
static const char SQL_ANNOUNCED[] = "INSERT INTO callbacks_announced (callback_id) VALUES (?1)";
static const char SQL_COMPLETE[] =
    "UPDATE callbacks SET status = 'done', completed_at = ?2, contact_id = ?3 WHERE id = ?1"
    " AND status = 'pending'";

json_t *Callbacks_get(Db *db, long long id)
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
    const char *triage = b ? Db_col_text(st, 13) : NULL;
    if (triage)
        json_object_set_new(b, "triage_response", json_loads(triage, 0, NULL));
    Db_reset(st);
    return b;
}

long long Callbacks_insert(Db *db, const CallbackIn *in, long long actor)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_INSERT);
    if (!st)
        return -1;
    if (in->customer_id) Db_bind_int64(st, 1, in->customer_id);
    if (in->case_id) Db_bind_int64(st, 2, in->case_id);
    Db_bind_text(st, 3, in->phone);
    Db_bind_text(st, 4, in->due);
    Db_bind_text(st, 5, in->reason);
    Db_bind_text(st, 6, in->team);
    if (in->assignee) Db_bind_int64(st, 7, in->assignee);
    Db_bind_int64(st, 8, actor);
    Db_bind_text(st, 9, now);
    Db_bind_text(st, 10, in->triage);
    long long id = Db_step_id(st, NULL);
    if (id < 0)
        return -1;
    if (in->case_id && Cases_event(db, in->case_id, actor, "callback_booked",
                                   json_pack("{s:s}", "due_at", in->due)) < 0)
        return -1;
    return id;
}

/* The ids first, then each call-back as Callbacks_get shows it: one shape
 * for a list row and a single read. */
json_t *Callbacks_due(Db *db, const char *until, const char *team, long long user)
{
    DbStmt *st = Db_stmt(db, SQL_LIST);
    long long ids[200];
    int n = 0;
    if (st) {
        Db_bind_text(st, 1, until);
        Db_bind_text(st, 2, team);
        Db_bind_int64(st, 3, user);
        while (n < 200 && Db_step(st) == DB_ROW)
            ids[n++] = Db_col_int64(st, 0);
        Db_reset(st);
    }
    json_t *items = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(items, Callbacks_get(db, ids[i]));
    return items;
}

bool Callbacks_complete(Db *db, long long id, long long contact_id)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_COMPLETE);
    if (!st)
        return false;
    Db_bind_int64(st, 1, id);
    Db_bind_text(st, 2, now);
    Db_bind_int64(st, 3, contact_id);
    return Db_step(st) == DB_DONE && Db_changes(db) == 1;
}

static int mark_announced(Db *db, json_t *items)
{
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        DbStmt *st = Db_stmt(db, SQL_ANNOUNCED);
        if (!st)
            return -1;
        Db_bind_int64(st, 1, json_integer_value(json_object_get(it, "id")));
        int rc = Db_step(st);
        Db_reset(st);
        if (rc != DB_DONE)
            return -1;
    }
    return 0;
}

json_t *Callbacks_take_due(Db *db)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_DUE_UNANNOUNCED);
    if (!st)
        return NULL;
    Db_bind_text(st, 1, now);
    json_t *items = json_array();
    int rc;
    while ((rc = Db_step(st)) == DB_ROW)
        json_array_append_new(items, json_pack("{s:I, s:s, s:I}", "id",
                              (json_int_t)Db_col_int64(st, 0), "team", Db_col_text(st, 1),
                              "assignee_id", (json_int_t)Db_col_int64(st, 2)));
    Db_reset(st);
    if (rc != DB_DONE || mark_announced(db, items) < 0) {
        json_decref(items);
        return NULL;
    }
    return items;
}
