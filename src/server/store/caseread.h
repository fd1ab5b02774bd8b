/* caseread: the reads of cases as the API shows them: one case with its
 * customer (flags, cautionary detail only when allowed) and notes, a
 * case's timeline, and the open cases assigned to someone. Writes are in
 * cases.h; the triage answers in plain words are added by casejson.h.
 *
 * DIALECT: none (every subquery in FROM is named, as PostgreSQL wants). */
#ifndef FD_STORE_CASEREAD_H
#define FD_STORE_CASEREAD_H
#include <jansson.h>
#include <stdbool.h>

#include "server/store/store.h"

/* The case's fields, "customer" (or null) and "notes"; "triage_response"
 * is the stored text (or null), for the caller to read. NULL if absent. */
json_t *Caseread_case(Db *db, long long id, bool show_caution);
/* The timeline, oldest first: [{id, at, actor, kind, detail}]; NULL if
 * it cannot be read. */
json_t *Caseread_events(Db *db, long long id);
/* user's open cases, most recently assigned first, assigned after since
 * (UTC, or NULL for any time), at most limit; customers[i] is item i's
 * customer id (0: none) and must have room for limit ids. */
/* How many open cases user is assigned (Caseread_mine without a limit). */
long long Caseread_mine_count(Db *db, long long user);
json_t *Caseread_mine(Db *db, long long user, const char *since, int limit,
                      long long customers[]);

#endif
