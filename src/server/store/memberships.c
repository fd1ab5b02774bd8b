#include "server/store/memberships.h"

#include <stdio.h>
#include <time.h>

#include "common/timefmt.h"
#include "server/store/db.h"

/* RFC 3339 UTC strings compare in time order, so expiry is a string test. */
#define CURRENT "(m.expires_at IS NULL OR m.expires_at > ?2)"

static const char SQL_ACTIVE[] =
    "SELECT 1 FROM memberships m WHERE m.user_id = ?1 AND " CURRENT " AND m.team_code = ?3";
static const char SQL_HOME[] =
    "SELECT team_code FROM memberships WHERE user_id = ?1 AND expires_at IS NULL"
    " ORDER BY id LIMIT 1";
static const char SQL_USER[] = "SELECT id FROM users WHERE username = ?1 AND active = 1";
static const char SQL_TEAM[] = "SELECT 1 FROM teams WHERE code = ?1";
static const char SQL_ADD[] =
    "INSERT INTO memberships (user_id, team_code, expires_at, added_by, added_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (user_id, team_code) DO UPDATE SET"
    " expires_at = excluded.expires_at, added_by = excluded.added_by,"
    " added_at = excluded.added_at";
static const char SQL_REMOVE[] = "DELETE FROM memberships WHERE user_id = ?1 AND team_code = ?2";
static const char SQL_IS_DAY[] =
    "SELECT 1 FROM memberships m WHERE m.user_id = ?1 AND " CURRENT " AND m.team_code = ?3"
    " AND m.expires_at IS NOT NULL";
static const char SQL_LIST[] =
    "SELECT m.team_code, t.name, m.expires_at FROM memberships m"
    " LEFT JOIN teams t ON t.code = m.team_code"
    " WHERE m.user_id = ?1 AND " CURRENT " ORDER BY m.expires_at IS NOT NULL, m.id";

/* The statement for a query about one user's current memberships. */
static DbStmt *current(Db *db, const char *sql, long long user_id, const char *team)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, sql);
    if (!st)
        return NULL;
    Db_bind_int64(st, 1, user_id);
    Db_bind_text(st, 2, now);
    if (team)
        Db_bind_text(st, 3, team);
    return st;
}

static bool current_row(Db *db, const char *sql, long long user_id, const char *team)
{
    DbStmt *st = current(db, sql, user_id, team);
    bool found = st && Db_step(st) == DB_ROW;
    if (st)
        Db_reset(st);
    return found;
}

bool Memberships_active(Db *db, long long user_id, const char *team)
{
    return team && current_row(db, SQL_ACTIVE, user_id, team);
}

bool Memberships_is_day(Db *db, long long user_id, const char *team)
{
    return current_row(db, SQL_IS_DAY, user_id, team);
}

bool Memberships_home_team(Db *db, long long user_id, char team[MEMBERSHIPS_TEAM_MAX])
{
    DbStmt *st = Db_stmt(db, SQL_HOME);
    team[0] = '\0';
    if (!st)
        return false;
    Db_bind_int64(st, 1, user_id);
    if (Db_step(st) == DB_ROW)
        snprintf(team, MEMBERSHIPS_TEAM_MAX, "%s", Db_col_text(st, 0));
    Db_reset(st);
    return team[0] != '\0';
}

long long Memberships_user(Db *db, const char *username, char team[MEMBERSHIPS_TEAM_MAX])
{
    long long id = 0;
    team[0] = '\0';
    if (Db_lookup_int(db, SQL_USER, username, 0, &id))
        Memberships_home_team(db, id, team);
    return id;
}

bool Memberships_team_exists(Db *db, const char *team)
{
    return Db_exists(db, SQL_TEAM, team, 0);
}

int Memberships_add(Db *db, long long user_id, const char *team, const char *expires_at,
                   long long added_by)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_ADD);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, user_id);
    Db_bind_text(st, 2, team);
    Db_bind_text(st, 3, expires_at);
    if (added_by)
        Db_bind_int64(st, 4, added_by);
    Db_bind_text(st, 5, now);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

int Memberships_remove(Db *db, long long user_id, const char *team)
{
    DbStmt *st = Db_stmt(db, SQL_REMOVE);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, user_id);
    Db_bind_text(st, 2, team);
    if (Db_step(st) != DB_DONE)
        return -1;
    return Db_changes(db) > 0 ? 1 : 0;
}

json_t *Memberships_list(Db *db, long long user_id)
{
    json_t *items = json_array();
    DbStmt *st = current(db, SQL_LIST, user_id, NULL);
    while (st && Db_step(st) == DB_ROW)
        json_array_append_new(items, json_pack("{s:s, s:s?, s:s?}", "team_code",
                                               Db_col_text(st, 0), "team_name",
                                               Db_col_text(st, 1), "expires_at",
                                               Db_col_text(st, 2)));
    if (st)
        Db_reset(st);
    return items;
}
