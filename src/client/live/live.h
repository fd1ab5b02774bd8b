/* live: the client's end of the live channel (issue 12).
 *
 * While signed in, one GET /api/v1/events?after=N long-poll is always
 * open on the curl_multi loop (never a thread). Each answer is handed to
 * the subscribers of each event's kind, then the next request goes out at
 * once from the last id. The last id is kept per user in the state
 * directory, so a restart, a reconnect or a closed laptop lid resumes
 * where it stopped and nothing is missed.
 *
 * Features subscribe at start-up (from main.c or their own init); this
 * module calls no feature. The facts are the server's: ids and counts
 * only; anything personal is fetched by id through the typed API. */
#ifndef FD_LIVE_H
#define FD_LIVE_H
#include <jansson.h>
#include <stdbool.h>

/* kind: e.g. "case.assigned"; facts: the event's facts object (borrowed
 * for the call); ctx: as given to Live_subscribe. */
typedef void (*LiveHandler)(const char *kind, const json_t *facts, void *ctx);

/* Calls fn for every event of kind ("*" for every kind), in id order.
 * Several handlers may share a kind. */
void Live_subscribe(const char *kind, LiveHandler fn, void *ctx);

/* Called with kind "live.reload" (facts NULL) when the server no longer
 * keeps the ids after ours: whatever a subscriber shows may be stale and
 * should be read again. Subscribe to it like any kind. */
#define LIVE_RELOAD "live.reload"

/* Starts the long-poll for the signed-in user (resuming from the stored
 * id, or from now); Live_stop cancels it (sign-out, quit). */
void Live_start(void);
void Live_stop(void);

/* The idle lock: Live_hold(true) keeps the long-poll open (it is also the
 * presence heartbeat, so a locked advisor shows as away, not signed out)
 * but holds the events; Live_hold(false) hands them out in order. Beyond
 * a couple of hundred held, subscribers get LIVE_RELOAD instead. */
void Live_hold(bool hold);

/* True, inside a handler, when the event was committed before this
 * sign-in (it happened while the advisor was signed out), or more than
 * two minutes before it is handed out (by the server's clock: a long lock
 * or a lost connection). A subscriber that would take over the screen
 * (open a hand-off, pop a call) announces a late event instead. */
bool Live_late(void);

#endif
