#include "server/store/login_failures.h"

#include "server/store/db.h"

static const char SQL_GET[] =
    "SELECT failures, last_failure, locked_until FROM login_failures"
    " WHERE username = ?1 AND client = ?2";
static const char SQL_PUT[] =
    "INSERT INTO login_failures (username, client, failures, last_failure, locked_until)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(username, client) DO UPDATE SET"
    " failures = excluded.failures, last_failure = excluded.last_failure,"
    " locked_until = excluded.locked_until";
static const char SQL_DELETE[] = "DELETE FROM login_failures WHERE username = ?1 AND client = ?2";
static const char SQL_PRUNE[] =
    "DELETE FROM login_failures WHERE last_failure < ?1 AND locked_until <= ?2";
static const char SQL_COUNT[] = "SELECT count(*) FROM login_failures";
/* The key is (username, client): a row value names a row on both databases. */
static const char SQL_EVICT[] =
    "DELETE FROM login_failures WHERE (username, client) IN (SELECT username, client"
    " FROM login_failures ORDER BY locked_until > ?1, last_failure LIMIT ?2)";

int Login_failures_get(Db *db, const char *username, const char *client, LoginFailures *row)
{
    DbStmt *st = Db_stmt(db, SQL_GET);
    *row = (LoginFailures){0};
    if (!st)
        return -1;
    Db_bind_text(st, 1, username);
    Db_bind_text(st, 2, client);
    int rc = Db_step(st);
    if (rc == DB_ROW) {
        row->found = true;
        row->failures = Db_col_int(st, 0);
        row->last_failure = (time_t)Db_col_int64(st, 1);
        row->locked_until = (time_t)Db_col_int64(st, 2);
    }
    Db_reset(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}

int Login_failures_put(Db *db, const char *username, const char *client, int failures,
                       time_t last_failure, time_t locked_until)
{
    DbStmt *st = Db_stmt(db, SQL_PUT);
    if (!st)
        return -1;
    Db_bind_text(st, 1, username);
    Db_bind_text(st, 2, client);
    Db_bind_int(st, 3, failures);
    Db_bind_int64(st, 4, last_failure);
    Db_bind_int64(st, 5, locked_until);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

void Login_failures_delete(Db *db, const char *username, const char *client)
{
    DbStmt *st = Db_stmt(db, SQL_DELETE);
    if (st) {
        Db_bind_text(st, 1, username);
        Db_bind_text(st, 2, client);
        Db_step(st);
    }
}

void Login_failures_make_room(Db *db, time_t stale, time_t now, long max_rows)
{
    DbStmt *st = Db_stmt(db, SQL_PRUNE);
    if (st) {
        Db_bind_int64(st, 1, stale);
        Db_bind_int64(st, 2, now);
        Db_step(st);
    }
    long long rows = 0;
    if (!Db_lookup_int(db, SQL_COUNT, NULL, 0, &rows) || rows < max_rows)
        return;
    st = Db_stmt(db, SQL_EVICT);
    if (st) {
        Db_bind_int64(st, 1, now);
        Db_bind_int64(st, 2, rows - max_rows + 1);
        Db_step(st);
    }
}
