#include "server/store/events.h"

#include <time.h>

#include "common/timefmt.h"
#include "server/store/db.h"

static const char SQL_INSERT[] =
    "INSERT INTO events (at, kind, to_user, to_team, to_roles, facts)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
/* A viewer sees their own events, their current teams' and their roles'.
 * The team test reads memberships directly (as memberships.c does: an
 * expired day membership counts for nothing). */
static const char SQL_PAGE[] =
    "SELECT e.id, e.at, e.kind, e.facts FROM events e WHERE e.id > ?1 AND ("
    " e.to_user = ?2 OR (e.to_roles & ?3) != 0 OR e.to_team IN ("
    "  SELECT m.team_code FROM memberships m WHERE m.user_id = ?2"
    "  AND (m.expires_at IS NULL OR m.expires_at > ?4)))"
    " ORDER BY e.id LIMIT ?5";
static const char SQL_OLDEST[] = "SELECT COALESCE(MIN(id), 0) FROM events";
static const char SQL_LATEST[] = "SELECT COALESCE(MAX(id), 0) FROM events";
static const char SQL_PRUNE[] =
    "DELETE FROM events WHERE at < ?1 AND id < (SELECT MAX(id) FROM events)";

long long Events_insert(Db *db, const EventsRow *row)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_INSERT);
    if (!st)
        return -1;
    Db_bind_text(st, 1, now);
    Db_bind_text(st, 2, row->kind);
    if (row->to_user)
        Db_bind_int64(st, 3, row->to_user);
    Db_bind_text(st, 4, row->to_team);
    Db_bind_int64(st, 5, row->to_roles);
    Db_bind_text(st, 6, row->facts ? row->facts : "{}");
    return Db_step_id(st, NULL);
}

static json_t *page_item(DbStmt *st)
{
    json_t *facts = json_loads(Db_col_text(st, 3), 0, NULL);
    return json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)Db_col_int64(st, 0), "at",
                     Db_col_text(st, 1), "kind", Db_col_text(st, 2), "facts",
                     facts ? facts : json_object());
}

json_t *Events_page(Db *db, const EventsViewer *viewer, long long after, int limit)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_PAGE);
    if (!st)
        return NULL;
    Db_bind_int64(st, 1, after);
    Db_bind_int64(st, 2, viewer->user_id);
    Db_bind_int64(st, 3, viewer->roles);
    Db_bind_text(st, 4, now);
    Db_bind_int(st, 5, limit);
    json_t *items = json_array();
    int rc;
    while ((rc = Db_step(st)) == DB_ROW)
        json_array_append_new(items, page_item(st));
    Db_reset(st);
    if (rc != DB_DONE) {
        json_decref(items);
        return NULL;
    }
    return items;
}

static long long one_number(Db *db, const char *sql)
{
    long long v = -1;
    DbStmt *st = Db_stmt(db, sql);
    if (st && Db_step(st) == DB_ROW)
        v = Db_col_int64(st, 0);
    if (st)
        Db_reset(st);
    return v;
}

long long Events_oldest(Db *db)
{
    return one_number(db, SQL_OLDEST);
}

long long Events_latest(Db *db)
{
    return one_number(db, SQL_LATEST);
}

int Events_prune(Db *db, const char *cutoff)
{
    DbStmt *st = Db_stmt(db, SQL_PRUNE);
    if (!st)
        return -1;
    Db_bind_text(st, 1, cutoff);
    int rc = Db_step(st);
    Db_reset(st);
    return rc == DB_DONE ? Db_changes(db) : -1;
}
