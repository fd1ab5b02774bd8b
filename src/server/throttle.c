#include "server/throttle.h"

#include "server/store/login_failures.h"

static long max_rows = 10000;

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
    LoginFailures f;
    *row = (Row){0};
    if (Login_failures_get(db, username, client, &f) < 0)
        return -1;
    row->found = f.found;
    if (f.found && now - f.last_failure < THROTTLE_WINDOW_SECONDS)
        row->failures = f.failures;
    row->wait = f.locked_until > now ? (long)(f.locked_until - now) : 0;
    return 0;
}

long Throttle_peek(Db *db, const char *username, const char *client, time_t now)
{
    Row row;
    return read_row(db, username, client, now, &row) < 0 ? 0 : row.wait;
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
        Login_failures_make_room(db, now - THROTTLE_WINDOW_SECONDS, now, max_rows);
    int failures = row.failures + 1;
    long lock = lock_seconds(failures);
    return Login_failures_put(db, username, client, failures, now, lock ? now + lock : 0);
}

void Throttle_clear(Db *db, const char *username, const char *client)
{
    Login_failures_delete(db, username, client);
}
