/* store/events: the live channel's durable log (issue 12). One row per
 * event: id (ascending, never reused), time, kind, audience (a user, a
 * team or role bits) and the facts as JSON text. Who may see a row is
 * decided here, in SQL, from the viewer's id, current teams (the
 * memberships table, expired day memberships excluded) and role bits.
 *
 * The newest row is never pruned, so MAX(id) survives every prune and a
 * new id is always above every id a client has seen (SQLite's
 * INTEGER PRIMARY KEY takes MAX(rowid) + 1; PostgreSQL would use an
 * identity column, which never goes back either). */
#ifndef FD_STORE_EVENTS_H
#define FD_STORE_EVENTS_H
#include <jansson.h>

#include "server/store/store.h"

typedef struct EventsRow {
    const char *kind;
    long long to_user;   /* 0: not a user's event */
    const char *to_team; /* NULL: not a team's event */
    unsigned to_roles;   /* 0: not a roles event */
    const char *facts;   /* JSON object text */
} EventsRow;

typedef struct EventsViewer {
    long long user_id;
    unsigned roles;
} EventsViewer;

/* Append in the caller's transaction: the new id, or -1. */
long long Events_insert(Db *db, const EventsRow *row);
/* Up to limit events after id `after` that viewer may see, oldest first:
 * [{"id", "at", "kind", "facts"}]; NULL on error. */
json_t *Events_page(Db *db, const EventsViewer *viewer, long long after, int limit);
/* The oldest retained and the latest id; 0 when the log is empty. */
long long Events_oldest(Db *db);
long long Events_latest(Db *db);
/* Delete events older than cutoff (RFC 3339 UTC), never the newest one:
 * the count deleted, or -1. */
int Events_prune(Db *db, const char *cutoff);

#endif
