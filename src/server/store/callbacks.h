/* callbacks: call-backs booked to ring a customer back, for a team or a
 * named person; due ones are in their team's queue (queues.h), and
 * completing one links the contact that recorded the call.
 *
 * DIALECT: none. */
#ifndef FD_STORE_CALLBACKS_H
#define FD_STORE_CALLBACKS_H
#include <jansson.h>
#include <stdbool.h>

#include "common/timefmt.h"

#include "server/store/store.h"

typedef struct CallbackIn {
    long long customer_id, case_id, assignee;  /* 0: none */
    const char *phone, *reason;
    char team[64], due[TIMEFMT_LEN];
    char *triage;       /* the answers of the triage that booked it, or NULL */
} CallbackIn;

/* Book it (with a "callback_booked" event on its case, if any); its id or -1. */
long long Callbacks_insert(Db *db, const CallbackIn *in, long long actor);
/* The call-back as the API shows it; NULL if there is none. */
json_t *Callbacks_get(Db *db, long long id);
/* Pending call-backs due by until (UTC), oldest first, at most 200; team
 * NULL for all teams, user 0 for anyone's. */
json_t *Callbacks_due(Db *db, const char *until, const char *team, long long user);
/* Mark it done with the contact that recorded the call; false if it was
 * no longer pending (or the write failed). */
bool Callbacks_complete(Db *db, long long id, long long contact_id);
/* Pending call-backs due by now whose falling due was not yet announced,
 * marked announced (branch ev-core: callback.due exactly once each):
 * [{"id", "team", "assignee_id" (0: the team's)}], at most 200 a time;
 * NULL on error. The caller owns the write transaction. */
json_t *Callbacks_take_due(Db *db);

#endif
