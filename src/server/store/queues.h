/* queues: a team's work (unclaimed open cases and due call-backs) in the
 * order it should be done: past SLA first, then priority, then age.
 * Claiming takes the head of that order inside the write transaction, so
 * two people never get the same item.
 *
 * DIALECT: the claim is a row lock. On SQLite the dispatcher's write
 * transaction (BEGIN IMMEDIATE, Db_begin) holds the one write lock while
 * Queues_claim reads the head and marks it, and the UPDATE's
 * "… IS NULL" guard makes a lost race a miss, never a double claim.
 * PostgreSQL would lock only the head row: SELECT … ORDER BY … LIMIT 1
 * FOR UPDATE SKIP LOCKED (on each branch of the union), then the same
 * guarded UPDATE, so claims from one queue do not wait on each other. */
#ifndef FD_STORE_QUEUES_H
#define FD_STORE_QUEUES_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "server/store/store.h"

/* Minutes after its due time that a call-back booked for one person is
 * released to their team (frontdoord --callback-release-minutes). */
void Queues_set_release_minutes(long minutes);

/* Whether the team (whose queue it is) exists. */
bool Queues_exists(Db *db, const char *team);
/* The team's name, or its code when it has none. */
void Queues_team_name(Db *db, const char *team, char *out, size_t cap);
/* Items in claim order, at most limit; customers[i] is item i's customer
 * id (0: none) and must have room for limit ids. */
json_t *Queues_items(Db *db, const char *team, int limit, long long customers[]);
/* Per team: depth, unclaimed, oldest age, past SLA, call-backs due. */
json_t *Queues_summary(Db *db);
/* Claim the next item for user; NULL when the queue is empty. The caller
 * owns the (write) transaction. */
json_t *Queues_claim(Db *db, const char *team, long long user_id);

#endif
