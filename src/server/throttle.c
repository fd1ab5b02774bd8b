#include "server/throttle.h"

static long max_rows = 10000;

static const char SQL_FAILURES[] =
    "SELECT failures, last_failure, locked_until FROM login_failures"
    " WHERE username = ?1 AND client = ?2";
static const char SQL_RECORD[] =
    "INSERT INTO login_failures (username, client, failures, last_failure, locked_until)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(username, client) DO UPDATE SET"
    " failures = excluded.failures, last_failure = excluded.last_failure,"
    " locked_until = excluded.locked_until";
static const char SQL_CLEAR[] = "DELETE FROM login_failures WHERE username = ?1 AND client = ?2";
static const char SQL_PRUNE[] =
    "DELETE FROM login_failures WHERE last_failure < ?1 AND locked_until <= ?2";
static const char SQL_COUNT[] = "SELECT count(*) FROM login_failures";
/* Unlocked rows go first, oldest first: a flood of one-off names evicts
 * itself rather than the lock on a name someone is guessing at. */
static const char SQL_EVICT[] =
    "DELETE FROM login_failures WHERE rowid IN (SELECT rowid FROM login_failures"
    " ORDER BY locked_until > ?1, last_failure LIMIT ?2)";

void Throttle_set_max_rows(long rows)
{
    if (rows > 0)
        max_rows = rows;
}

typedef struct Row {
    bool found;
    int failures;     /* within the window */
    long wait;
} Row;

static int read_row(Db *db, const char *username, const char *client, time_t now, Row *row)
{
    DbStmt *st = Db_stmt(db, SQL_FAILURES);
    *row = (Row){0};
    if (!st)
        return -1;
    Db_bind_text(st, 1, username);
    Db_bind_text(st, 2, client);
    int rc = Db_step(st);
    if (rc == DB_ROW) {
        row->found = true;
        if (now - Db_col_int64(st, 1) < THROTTLE_WINDOW_SECONDS)
            row->failures = Db_col_int(st, 0);
        long long until = Db_col_int64(st, 2);
        row->wait = until > now ? (long)(until - now) : 0;
    }
    Db_reset(st);
    return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}

long Throttle_peek(Db *db, const char *username, const char *client, time_t now)
{
    Row row;
    return read_row(db, username, client, now, &row) < 0 ? 0 : row.wait;
}

/* Make room for one more row: expired rows first, then the cap. */
static void bound_table(Db *db, time_t now)
{
    DbStmt *st = Db_stmt(db, SQL_PRUNE);
    if (st) {
        Db_bind_int64(st, 1, now - THROTTLE_WINDOW_SECONDS);
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

/* The wait that the n-th failure in a row earns: none for the first few,
 * then 2, 4, 8 ... seconds, so the attempt after the fourth failure waits. */
static long lock_seconds(int failures)
{
    int over = failures - THROTTLE_FREE_FAILURES + 1;
    if (over <= 0)
        return 0;
    return over >= 9 ? THROTTLE_MAX_SECONDS
                     : (1L << over) < THROTTLE_MAX_SECONDS ? (1L << over) : THROTTLE_MAX_SECONDS;
}

long Throttle_reserve(Db *db, const char *username, const char *client, time_t now)
{
    Row row;
    if (read_row(db, username, client, now, &row) < 0)
        return -1;
    if (row.wait > 0)
        return row.wait;
    if (!row.found)
        bound_table(db, now);
    int failures = row.failures + 1;
    long lock = lock_seconds(failures);
    DbStmt *st = Db_stmt(db, SQL_RECORD);
    if (!st)
        return -1;
    Db_bind_text(st, 1, username);
    Db_bind_text(st, 2, client);
    Db_bind_int(st, 3, failures);
    Db_bind_int64(st, 4, now);
    Db_bind_int64(st, 5, lock ? now + lock : 0);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

void Throttle_clear(Db *db, const char *username, const char *client)
{
    DbStmt *st = Db_stmt(db, SQL_CLEAR);
    if (st) {
        Db_bind_text(st, 1, username);
        Db_bind_text(st, 2, client);
        Db_step(st);
    }
}
