/* events: the live channel's long-poll, GET events (the live/ module
 * keeps one open while signed in). */
#ifndef FD_API_EVENTS_H
#define FD_API_EVENTS_H
#include "client/api/api.h"

/* GET events?after=N, held by the server until something newer is
 * committed or the hold ends; after < 0 asks without after (an
 * immediate answer: no items and the latest id). In the background and
 * never retried here: the caller owns its backoff (Retry-After on a 503,
 * and the 410 that says the ids after `after` are no longer kept). */
ApiCall *ApiEvents_wait(ApiTo to, long long after);

#endif
