/* throttle: failed sign-ins, counted per (user name, client address) in
 * the database. An attempt is reserved, counted as a failure, in one write
 * transaction before its password is checked, so concurrent attempts cannot
 * all read the same count and all be checked. The rows are
 * store/login_failures.h's; the policy (window, free failures, waits) is
 * here. */
#ifndef FD_THROTTLE_H
#define FD_THROTTLE_H
#include <time.h>

#include "server/store/store.h"

/* Wrong passwords allowed before attempts from one address for one user
 * name must wait; the waits double from 2 s up to THROTTLE_MAX_SECONDS. */
#define THROTTLE_FREE_FAILURES 4
#define THROTTLE_MAX_SECONDS 300
#define THROTTLE_WINDOW_SECONDS 900

/* Most rows kept (frontdoord --login-throttle-rows). */
void Throttle_set_max_rows(long rows);
/* Seconds to wait before an attempt, 0 if none; reads outside any
 * transaction, so only a fast path: Throttle_reserve decides. */
long Throttle_peek(Db *db, const char *username, const char *client, time_t now);
/* Inside a write transaction: the wait if throttled (nothing recorded),
 * else 0 with this attempt counted as a failure; -1 on error. */
long Throttle_reserve(Db *db, const char *username, const char *client, time_t now);
/* Inside a write transaction, after the right password: forget the
 * failures from this address for this user name. */
void Throttle_clear(Db *db, const char *username, const char *client);

#endif
