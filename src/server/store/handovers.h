/* handovers: which of a user's open cases came to them as a hand-over,
 * for GET /api/v1/me/work. A hand-over is a case whose latest assignment
 * (the last "handoff" or "claimed" event on its timeline) is a hand-off
 * made by someone else: it stays one until the case is claimed again,
 * handed on, resolved or closed.
 *
 * DIALECT: none. */
#ifndef FD_STORE_HANDOVERS_H
#define FD_STORE_HANDOVERS_H
#include <jansson.h>

#include "server/store/store.h"

/* The refs of user's open cases handed to them by someone else, as a
 * JSON array of strings (empty on error). */
json_t *Handovers_refs(Db *db, long long user);

#endif
