/* queue: a team's work — unclaimed open cases and due call-backs — in the
 * order it should be done: past SLA first, then priority, then age. Claiming
 * takes the head of that order inside the write transaction, so two people
 * never get the same item. */
#ifndef FD_QUEUE_H
#define FD_QUEUE_H
#include <jansson.h>

#include "server/audit.h"
#include "server/store/db.h"

/* Minutes after its due time that a call-back booked for one person is
 * released to their team (frontdoord --callback-release-minutes). */
void Queue_set_release_minutes(long minutes);
long Queue_release_minutes(void);

/* Items in claim order, at most limit; their customers noted in shown. */
json_t *Queue_items(Db *db, const char *team, int limit, AuditShown *shown);
/* Per team: depth, unclaimed, oldest age, past SLA, call-backs due. */
json_t *Queue_summary(Db *db);
/* Claim the next item for user; NULL when the queue is empty. The caller
 * owns the (write) transaction. */
json_t *Queue_claim(Db *db, const char *team, long long user_id);

#endif
