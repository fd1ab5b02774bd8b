/* membership: which teams a user belongs to. Permanent memberships come
 * from an administrator; day memberships (with an expiry) are how a
 * supervisor brings back-office staff into a queue when the tide rises.
 * An expired membership counts for nothing and is not listed. */
#ifndef FD_MEMBERSHIP_H
#define FD_MEMBERSHIP_H
#include <jansson.h>
#include <stdbool.h>

#include "server/store/db.h"

#define MEMBERSHIP_TEAM_MAX 64

/* Whether the user is, right now, a member of team. */
bool Membership_active(Db *db, long long user_id, const char *team);
/* The user's home team (their first permanent membership) into team;
 * false, with team empty, when they have none. */
bool Membership_home_team(Db *db, long long user_id, char team[MEMBERSHIP_TEAM_MAX]);
/* An active user by name: their id (0 when unknown or disabled) and home
 * team (empty when none). */
long long Membership_user(Db *db, const char *username, char team[MEMBERSHIP_TEAM_MAX]);
bool Membership_team_exists(Db *db, const char *team);
/* Add or renew: expires_at is RFC 3339 UTC, or NULL for permanent. */
int Membership_add(Db *db, long long user_id, const char *team, const char *expires_at,
                   long long added_by);
/* 1 removed, 0 there was none, -1 error. */
int Membership_remove(Db *db, long long user_id, const char *team);
/* Whether the user's membership of team has an expiry (a day membership). */
bool Membership_is_day(Db *db, long long user_id, const char *team);
/* The current memberships: [{"team_code", "team_name", "expires_at"|null}]. */
json_t *Membership_list(Db *db, long long user_id);

#endif
