/* people: the staff a case or a call-back can be handed to, found by
 * name or team (a store: its SQL is in people.c). Only what a hand-off
 * needs leaves here: never roles, sign-in times or anything else about
 * a colleague.
 *
 * DIALECT: the name match uses instr(), SQLite's name for it;
 * PostgreSQL spells it strpos() (lower() is the same in both). */
#ifndef FD_STORE_PEOPLE_H
#define FD_STORE_PEOPLE_H
#include <jansson.h>

#include "server/store/store.h"

/* Active users whose user name or display name contains q (any case),
 * and who are in team (a membership not expired at now); either may be
 * NULL or "" for any. Up to limit, by display name, as
 * [{"username", "display_name", "user_id"}]; NULL if the query failed. */
json_t *People_find(Db *db, const char *q, const char *team, const char *now, int limit);

#endif
