/* livecase: the case facts the live channel carries (branch ev-core),
 * published in the caller's transaction after the change:
 *  - case.changed {case_id, version} to the case's team, and to its
 *    assignee when they are not in that team (so the screen showing the
 *    case can offer to reload, as after a 412);
 *  - case.assigned {case_id, ref, by} to the person a case was handed to
 *    (by: the user id of who handed it);
 *  - the queue.changed (livequeue.h) of the teams whose queue moved. */
#ifndef FD_LIVECASE_H
#define FD_LIVECASE_H
#include <stdbool.h>

#include "server/store/store.h"

/* A new case: its team's queue changed. */
int Livecase_created(Db *db, long long case_id);
/* Someone changed the case; queue_moved: its status or priority changed,
 * so its team's queue may have too. */
int Livecase_changed(Db *db, long long case_id, bool queue_moved);
/* Handed off from from_team to its team now, and to assignee (0: the
 * team) by the user `by`. */
int Livecase_handed_off(Db *db, long long case_id, const char *from_team, long long assignee,
                        long long by);

#endif
