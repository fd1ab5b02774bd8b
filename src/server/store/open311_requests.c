#include "server/store/open311_requests.h"

#include "server/store/db.h"

#define SELECT_REQUEST \
    "SELECT c.ref, c.status, s.name, c.service_code, t.name, c.created_at, c.updated_at," \
    " c.closed_at, c.due_at, c.address, c.lat, c.long, c.media_url" \
    " FROM cases c JOIN services s ON s.code = c.service_code" \
    " JOIN teams t ON t.code = c.team_code WHERE c.source = 'open311'"

static const char SQL_BY_REF[] = SELECT_REQUEST " AND c.ref = ?1";
/* The closed test is spelt as a number: PostgreSQL will not compare a
 * boolean with the integer bound to ?4. */
static const char SQL_SEARCH[] = SELECT_REQUEST
    " AND (?1 IS NULL OR c.service_code = ?1) AND c.created_at >= ?2 AND c.created_at <= ?3"
    " AND (?4 IS NULL OR CASE WHEN c.status IN ('resolved', 'closed') THEN 1 ELSE 0 END = ?4)"
    " ORDER BY c.created_at DESC, c.id DESC LIMIT 1000";
static const char SQL_NOTE[] =
    "INSERT INTO case_notes (case_id, author_id, body, created_at) VALUES (?1, NULL, ?2, ?3)";

static json_t *real_or_null(DbStmt *st, int col)
{
    return Db_col_is_null(st, col) ? json_null() : json_real(Db_col_double(st, col));
}

static json_t *row(DbStmt *st)
{
    static const char *const text[] = {"ref", "status", "service_name", "service_code",
                                       "team", "created_at", "updated_at", "closed_at",
                                       "due_at", "address"};
    json_t *r = json_object();
    for (int i = 0; i < 10; i++) {
        const char *v = Db_col_text(st, i);
        json_object_set_new(r, text[i], v ? json_string(v) : json_null());
    }
    json_object_set_new(r, "lat", real_or_null(st, 10));
    json_object_set_new(r, "long", real_or_null(st, 11));
    const char *media = Db_col_text(st, 12);
    json_object_set_new(r, "media_url", media ? json_string(media) : json_null());
    return r;
}

json_t *Open311_requests_get(Db *db, const char *ref)
{
    DbStmt *st = Db_stmt(db, SQL_BY_REF);
    json_t *out = NULL;
    if (!st)
        return NULL;
    Db_bind_text(st, 1, ref);
    if (Db_step(st) == DB_ROW)
        out = row(st);
    Db_reset(st);
    return out;
}

int Open311_requests_search(Db *db, const char *service_code, const char *from,
                            const char *to, int closed, json_t *out)
{
    DbStmt *st = Db_stmt(db, SQL_SEARCH);
    if (!st)
        return -1;
    Db_bind_text(st, 1, service_code);
    Db_bind_text(st, 2, from);
    Db_bind_text(st, 3, to);
    if (closed >= 0)
        Db_bind_int(st, 4, closed);
    while (Db_step(st) == DB_ROW)
        json_array_append_new(out, row(st));
    Db_reset(st);
    return 0;
}

int Open311_requests_add_note(Db *db, long long case_id, const char *body, const char *now)
{
    DbStmt *st = Db_stmt(db, SQL_NOTE);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, case_id);
    Db_bind_text(st, 2, body);
    Db_bind_text(st, 3, now);
    int rc = Db_step(st) == DB_DONE ? 0 : -1;
    Db_reset(st);
    return rc;
}
