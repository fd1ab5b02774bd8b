/* livequeue: the queue facts the live channel carries (branch ev-core):
 * queue.changed {team, depth, oldest_minutes} to the team and to
 * supervisors wherever a write changes a queue, tide.changed {team,
 * level} to everyone when a team's rising-tide level (tide.h) changes,
 * and callback.due {callback_id, team} once per call-back falling due.
 * All publish in the caller's transaction. */
#ifndef FD_LIVEQUEUE_H
#define FD_LIVEQUEUE_H
#include <jansson.h>

#include "server/store/store.h"

/* team's queue changed: queue.changed, and tide.changed if its level
 * moved. 0, or -1 when something could not be written. */
int Livequeue_changed(Db *db, const char *team);
/* The periodic sweep: callback.due for call-backs newly due (and the
 * queue.changed their teams' depth implies), and tide.changed for any
 * team whose level moved with age alone. */
int Livequeue_sweep(Db *db);
/* Add "tide_level" to each item of a Queues_summary list. */
void Livequeue_tide_levels(json_t *summary);

#endif
