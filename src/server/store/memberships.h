/* memberships: which teams a user belongs to. Permanent memberships come
 * from an administrator; day memberships (with an expiry) are how a
 * supervisor brings back-office staff into a queue when the tide rises.
 * An expired membership counts for nothing and is not listed. */
#ifndef FD_STORE_MEMBERSHIPS_H
#define FD_STORE_MEMBERSHIPS_H
#include <jansson.h>
#include <stdbool.h>

#include "server/store/store.h"

#define MEMBERSHIPS_TEAM_MAX 64

/* Whether the user is, right now, a member of team. */
bool Memberships_active(Db *db, long long user_id, const char *team);
/* The user's home team (their first permanent membership) into team;
 * false, with team empty, when they have none. */
bool Memberships_home_team(Db *db, long long user_id, char team[MEMBERSHIPS_TEAM_MAX]);
/* An active user by name: their id (0 when unknown or disabled) and home
 * team (empty when none). */
long long Memberships_user(Db *db, const char *username, char team[MEMBERSHIPS_TEAM_MAX]);
bool Memberships_team_exists(Db *db, const char *team);
/* Add or renew: expires_at is RFC 3339 UTC, or NULL for permanent. */
int Memberships_add(Db *db, long long user_id, const char *team, const char *expires_at,
                   long long added_by);
/* 1 removed, 0 there was none, -1 error. */
int Memberships_remove(Db *db, long long user_id, const char *team);
/* Whether the user's membership of team has an expiry (a day membership). */
bool Memberships_is_day(Db *db, long long user_id, const char *team);
/* The current memberships: [{"team_code", "team_name", "expires_at"|null}]. */
json_t *Memberships_list(Db *db, long long user_id);

#endif
