/* login_failures: failed sign-ins per (user name, client address), the
 * rows behind throttle.c's policy. Times are Unix seconds. throttle.c
 * reads and records inside one write transaction it does not own (auth.c
 * holds it), which is what keeps a reservation atomic. */
#ifndef FD_STORE_LOGIN_FAILURES_H
#define FD_STORE_LOGIN_FAILURES_H
#include <stdbool.h>
#include <time.h>

#include "server/store/store.h"

typedef struct LoginFailures {
    bool found;
    int failures;
    time_t last_failure, locked_until;
} LoginFailures;

/* The row for (username, client) into *row (found false when none).
 * 0, or -1 on error. */
int Login_failures_get(Db *db, const char *username, const char *client, LoginFailures *row);
/* Insert or replace the row for (username, client). 0, or -1. */
int Login_failures_put(Db *db, const char *username, const char *client, int failures,
                       time_t last_failure, time_t locked_until);
void Login_failures_delete(Db *db, const char *username, const char *client);
/* Room for one more row: drop rows that failed before stale and are not
 * locked at now, then, at max_rows, the unlocked and oldest first (a flood
 * of one-off names evicts itself, not the lock on a name being guessed). */
void Login_failures_make_room(Db *db, time_t stale, time_t now, long max_rows);

#endif
