/* calls: the phone calls offered to advisors (screen pop, issue 12), and
 * the map from dialled numbers to services the content loads. A store:
 * its SQL is in calls.c.
 *
 * A call's caller number is personal: it is kept here and shown only by
 * GET /api/v1/calls/{id} (audited); events and logs carry the call's id. */
#ifndef FD_STORE_CALLS_H
#define FD_STORE_CALLS_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "server/store/store.h"

#define CALLS_NUMBER_MAX 32    /* national digits and their NUL, with room */
#define CALLS_MATCHES_MAX 20   /* matching customers a call lists */

typedef struct CallIn {
    const char *caller;   /* national digits; NULL when withheld */
    const char *dialled;  /* national digits */
    const char *matched;  /* "none", "one" or "many" */
    long long user_id;
    int queued_seconds;
} CallIn;

/* Who a call was offered to and where it stands ("offered", "taken",
 * "ended"). */
typedef struct CallState {
    long long user_id;
    char state[8];
} CallState;

/* The enabled account whose user name or extension is agent; 0 if none. */
long long Calls_agent(Db *db, const char *agent);
/* Customers whose phone or mobile is these national digits (the search
 * index's phone identifiers), in id order: up to max ids, and the count
 * found, which is max + 1 when there are more. -1 on error. */
int Calls_matches(Db *db, const char *digits, long long *ids, int max);
/* A new offered call, its service found from the dialled number; the id,
 * or -1. */
long long Calls_insert(Db *db, const CallIn *in);
bool Calls_state(Db *db, long long id, CallState *out);
/* offered -> taken: 1 when it changed, 0 when not offered, -1 on error. */
int Calls_take(Db *db, long long id);
/* offered or taken -> ended: 1 when it changed, 0 when already ended. */
int Calls_end(Db *db, long long id);
/* {id, caller (or null), withheld, dialled, service ({code, name} or
 * null), queued_seconds, matched, state, offered_at, user}; NULL if none. */
json_t *Calls_json(Db *db, long long id);

/* The calls offered to user_id since (UTC text) and neither taken nor
 * ended, oldest first, at most limit: [{id, service, queued_seconds,
 * matched, offered_at}], never the caller's number. */
json_t *Calls_waiting(Db *db, long long user_id, const char *since, int limit);

/* Content: dialled number (national digits) -> service code. 0, or -1
 * with the database's message in err. */
int Calls_put_dialled(Db *db, const char *number, const char *service_code, char *err,
                      size_t errlen);

#endif
