/* events: the live channel, server to client (issue 12).
 *
 * One numbered, durable log (store/events): id, time, kind, audience and
 * non-personal facts (ids, counts, levels, codes). Anything personal (a
 * caller's number, a message's words) is never in an event: the client
 * fetches it by id from its own resource, which audits the read.
 *
 * A handler publishes inside the request's transaction, so an event
 * exists exactly when the change it reports was committed. The
 * dispatcher calls Events_committed() after every successful commit;
 * that wakes the long-polls of GET /api/v1/events (on one instance a
 * condition variable; with several instances on PostgreSQL, LISTEN/NOTIFY
 * carrying only the new id is the one thing to add, in Events_committed
 * and in the waiters' wake-up). */
#ifndef FD_EVENTS_H
#define FD_EVENTS_H
#include <jansson.h>
#include <stdbool.h>

#include "server/store/store.h"

/* Who may see an event: exactly one of a user, a team or a set of roles. */
typedef enum { EVENTS_TO_USER, EVENTS_TO_TEAM, EVENTS_TO_ROLES } EventsAudienceKind;

typedef struct EventsAudience {
    EventsAudienceKind kind;
    long long user_id;      /* EVENTS_TO_USER */
    const char *team;       /* EVENTS_TO_TEAM: a team code */
    unsigned roles;         /* EVENTS_TO_ROLES: ROLE_* bits (any of them) */
} EventsAudience;

/* Appends an event of kind (e.g. "case.handed_off", "queue.changed")
 * with facts (a JSON object of non-personal facts; stolen, may be NULL)
 * in the caller's open transaction. Returns the new id, or -1. */
long long Events_publish(Db *db, const char *kind, EventsAudience to, json_t *facts);

/* After a commit that may have published: wakes the waiters. Cheap when
 * nothing was published on this thread since the last call. */
void Events_committed(void);

#endif
