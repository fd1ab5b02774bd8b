#include "server/store/presence.h"

#include <stdio.h>
#include <string.h>

#include "server/store/db.h"

static const char SQL_PUT[] =
    "INSERT INTO presence_clients (user_id, client_id, state, reason, changed_at, seen_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (user_id, client_id) DO UPDATE SET"
    " state = excluded.state, reason = excluded.reason, changed_at = excluded.changed_at,"
    " seen_at = excluded.seen_at, lapsed = 0";
static const char SQL_SEEN[] =
    "UPDATE presence_clients SET seen_at = ?3 WHERE user_id = ?1 AND client_id = ?2"
    " AND lapsed = 0";
static const char SQL_IS_LAPSED[] =
    "SELECT 1 FROM presence_clients WHERE user_id = ?1 AND client_id = ?2 AND lapsed = 1";
static const char SQL_REVIVE[] =
    "UPDATE presence_clients SET seen_at = ?3, lapsed = 0 WHERE user_id = ?1"
    " AND client_id = ?2 AND lapsed = 1";
static const char SQL_END[] =
    "DELETE FROM presence_clients WHERE user_id = ?1 AND client_id = ?2";
static const char SQL_LIVE[] =
    "SELECT state, reason, changed_at FROM presence_clients"
    " WHERE user_id = ?1 AND seen_at >= ?2 ORDER BY changed_at DESC";
static const char SQL_CLIENT[] =
    "SELECT state, reason, changed_at FROM presence_clients"
    " WHERE user_id = ?1 AND client_id = ?2 AND seen_at >= ?3";
static const char SQL_USER[] =
    "SELECT state, reason, 0, since FROM presence_users WHERE user_id = ?1";
static const char SQL_USER_PUT[] =
    "INSERT INTO presence_users (user_id, state, reason, since) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, reason = excluded.reason,"
    " since = excluded.since";
static const char SQL_LAPSED[] =
    "SELECT DISTINCT user_id FROM presence_clients WHERE lapsed = 0 AND seen_at < ?1"
    " ORDER BY user_id LIMIT ?2";
static const char SQL_LAPSE[] =
    "UPDATE presence_clients SET lapsed = 1 WHERE user_id = ?1 AND lapsed = 0 AND seen_at < ?2";
static const char SQL_FORGET[] =
    "DELETE FROM presence_clients WHERE lapsed = 1 AND seen_at < ?1";
static const char SQL_BOARD[] =
    "SELECT id, username, display_name FROM users WHERE active = 1 ORDER BY username";
static const char SQL_REASON_PUT[] =
    "INSERT INTO break_reasons (code, label, position) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (code) DO UPDATE SET label = excluded.label, position = excluded.position";
static const char SQL_REASON_EXISTS[] = "SELECT 1 FROM break_reasons WHERE code = ?1";
static const char SQL_REASONS[] = "SELECT code, label FROM break_reasons ORDER BY position, code";

static int step_done(DbStmt *st)
{
    return st && Db_step(st) == DB_DONE ? 0 : -1;
}

int Presence_store_put(Db *db, long long user, const char *client, const char *state,
                       const char *reason, time_t now)
{
    DbStmt *st = Db_stmt(db, SQL_PUT);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, user);
    Db_bind_text(st, 2, client);
    Db_bind_text(st, 3, state);
    Db_bind_text(st, 4, reason);
    Db_bind_int64(st, 5, (long long)now);
    return step_done(st);
}

/* A write of (user, client, now): the rows it changed, or -1. */
static int write_client(Db *db, const char *sql, long long user, const char *client, time_t now)
{
    DbStmt *st = Db_stmt(db, sql);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, user);
    Db_bind_text(st, 2, client);
    Db_bind_int64(st, 3, (long long)now);
    return step_done(st) < 0 ? -1 : Db_changes(db);
}

int Presence_store_seen(Db *db, long long user, const char *client, time_t now)
{
    return write_client(db, SQL_SEEN, user, client, now);
}

bool Presence_store_is_lapsed(Db *db, long long user, const char *client)
{
    DbStmt *st = Db_stmt(db, SQL_IS_LAPSED);
    if (!st)
        return false;
    Db_bind_int64(st, 1, user);
    Db_bind_text(st, 2, client);
    bool found = Db_step(st) == DB_ROW;
    Db_reset(st);
    return found;
}

int Presence_store_revive(Db *db, long long user, const char *client, time_t now)
{
    return write_client(db, SQL_REVIVE, user, client, now);
}

int Presence_store_end(Db *db, long long user, const char *client)
{
    DbStmt *st = Db_stmt(db, SQL_END);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, user);
    Db_bind_text(st, 2, client);
    return step_done(st);
}

static void read_row(DbStmt *st, PresenceRow *row)
{
    const char *reason = Db_col_text(st, 1);
    snprintf(row->state, sizeof row->state, "%s", Db_col_text(st, 0) ? Db_col_text(st, 0) : "");
    snprintf(row->reason, sizeof row->reason, "%s", reason ? reason : "");
    row->changed_at = Db_col_int64(st, 2);
}

int Presence_store_live(Db *db, long long user, time_t live_after, PresenceRow *rows, int max)
{
    DbStmt *st = Db_stmt(db, SQL_LIVE);
    int n = 0;
    if (!st)
        return 0;
    Db_bind_int64(st, 1, user);
    Db_bind_int64(st, 2, (long long)live_after);
    while (n < max && Db_step(st) == DB_ROW)
        read_row(st, &rows[n++]);
    Db_reset(st);
    return n;
}

bool Presence_store_client(Db *db, long long user, const char *client, time_t live_after,
                           PresenceRow *row)
{
    DbStmt *st = Db_stmt(db, SQL_CLIENT);
    if (!st)
        return false;
    Db_bind_int64(st, 1, user);
    Db_bind_text(st, 2, client);
    Db_bind_int64(st, 3, (long long)live_after);
    bool found = Db_step(st) == DB_ROW;
    if (found)
        read_row(st, row);
    Db_reset(st);
    return found;
}

bool Presence_store_user(Db *db, long long user, PresenceRow *row, char since[32])
{
    DbStmt *st = Db_stmt(db, SQL_USER);
    if (!st)
        return false;
    Db_bind_int64(st, 1, user);
    bool found = Db_step(st) == DB_ROW;
    if (found) {
        read_row(st, row);
        snprintf(since, 32, "%s", Db_col_text(st, 3) ? Db_col_text(st, 3) : "");
    }
    Db_reset(st);
    return found;
}

int Presence_store_user_put(Db *db, long long user, const char *state, const char *reason,
                            const char *since)
{
    DbStmt *st = Db_stmt(db, SQL_USER_PUT);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, user);
    Db_bind_text(st, 2, state);
    Db_bind_text(st, 3, reason && *reason ? reason : NULL);
    Db_bind_text(st, 4, since);
    return step_done(st);
}

int Presence_store_lapse(Db *db, time_t live_after, long long *users, int max)
{
    DbStmt *st = Db_stmt(db, SQL_LAPSED);
    int n = 0;
    if (!st)
        return -1;
    Db_bind_int64(st, 1, (long long)live_after);
    Db_bind_int(st, 2, max);
    while (n < max && Db_step(st) == DB_ROW)
        users[n++] = Db_col_int64(st, 0);
    Db_reset(st);
    /* User by user, so the users past max lapse on the next sweep. */
    for (int i = 0; i < n; i++) {
        if (!(st = Db_stmt(db, SQL_LAPSE)))
            return -1;
        Db_bind_int64(st, 1, users[i]);
        Db_bind_int64(st, 2, (long long)live_after);
        if (step_done(st) < 0)
            return -1;
    }
    return n;
}

int Presence_store_forget(Db *db, time_t seen_before)
{
    DbStmt *st = Db_stmt(db, SQL_FORGET);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, (long long)seen_before);
    return step_done(st);
}

json_t *Presence_store_board(Db *db)
{
    json_t *items = json_array();
    DbStmt *st = Db_stmt(db, SQL_BOARD);
    if (!st)
        return items;
    while (Db_step(st) == DB_ROW) {
        char id[24];
        snprintf(id, sizeof id, "%lld", Db_col_int64(st, 0));
        json_array_append_new(items, json_pack("{s:s, s:s, s:s}", "user_id", id, "username",
                                               Db_col_text(st, 1), "display_name",
                                               Db_col_text(st, 2)));
    }
    Db_reset(st);
    return items;
}

int Presence_store_reason_put(Db *db, const char *code, const char *label, int position)
{
    DbStmt *st = Db_stmt(db, SQL_REASON_PUT);
    if (!st)
        return -1;
    Db_bind_text(st, 1, code);
    Db_bind_text(st, 2, label);
    Db_bind_int(st, 3, position);
    return step_done(st);
}

bool Presence_store_reason_exists(Db *db, const char *code)
{
    return Db_exists(db, SQL_REASON_EXISTS, code, 0);
}

json_t *Presence_store_reasons(Db *db)
{
    json_t *items = json_array();
    DbStmt *st = Db_stmt(db, SQL_REASONS);
    if (!st)
        return items;
    while (Db_step(st) == DB_ROW)
        json_array_append_new(items, json_pack("{s:s, s:s}", "code", Db_col_text(st, 0),
                                               "label", Db_col_text(st, 1)));
    Db_reset(st);
    return items;
}
