/* presence: what each advisor is doing, as their clients say (issue 12).
 *
 * Each client run (X-Frontdoor-Client, a random id per run) sets its own
 * state with PUT /api/v1/me/presence. A user on two clients is one
 * presence: the most engaged state of their live clients, in the order of
 * Presence_states (on_contact first). A client is live while it was seen
 * within the timeout (--presence-timeout, default 90 s): every
 * authenticated request carrying its id marks it seen (Presence_seen, the
 * dispatcher's hook), and its events long-poll comes every <= 25 s. A
 * user with no live client is signed_out. A gone client keeps its state:
 * its next request brings it back as it was (a laptop lid opened). Whenever
 * a user's combined state or reason changes, "presence.changed" {user_id,
 * state, reason} is published to supervisors and admins, in the
 * transaction of the change: a PUT, a sign-out, the sweep that finds
 * clients gone, or a gone client's return. */
#ifndef FD_PRESENCE_H
#define FD_PRESENCE_H
#include <jansson.h>
#include <stdbool.h>

#include "server/request.h"

/* The states a client may set, most engaged first, then "signed_out"
 * (which ends that client, as signing out does); NULL-ended. */
extern const char *const Presence_states[];

/* Seconds without a request before a client counts as gone (>= 1). */
void Presence_set_timeout(long seconds);
long Presence_timeout(void);
/* The request's X-Frontdoor-Client when it is well formed (8-64 of
 * A-Z a-z 0-9 - _), else NULL. */
const char *Presence_client_id(const Request *rq);
/* The dispatcher's hook after authentication: mark the client seen.
 * Cheap: written at most every timeout/6 s per client (remembered in
 * memory), outside any transaction, and only for a client that has set a
 * state; only a gone client's return takes a transaction, to publish. */
void Presence_seen(Request *rq);
/* Set this client's state in the request's transaction and publish if the
 * user's presence changed; 0 or -1. */
int Presence_set(Request *rq, const char *client, const char *state, const char *reason);
/* Sign-out: end the request's client at once (its own transaction). */
void Presence_end(Request *rq);
/* The caller's presence: {state, reason, since, clients, this_client}. */
json_t *Presence_mine(Db *db, long long user, const char *client);
/* Every active user with state, reason, since, clients and teams. */
json_t *Presence_board(Db *db);
/* The sweep thread, which lapses clients not seen within the timeout;
 * start after Db_init, stop before Db_shutdown. */
int Presence_start(void);
void Presence_stop(void);

#endif
