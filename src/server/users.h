/* users: the staff accounts, as administrators manage them (the admin API
 * in api_users.c and `frontdoord user` in user_cmd.c share this). Signing
 * in and passwords are auth.c's; team membership is membership.c's. */
#ifndef FD_USERS_H
#define FD_USERS_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "server/store/db.h"

#define USERS_NAME_MAX 64
#define USERS_DISPLAY_MAX 128
#define USERS_PASSWORD_MIN 8
#define USERS_PASSWORD_MAX 256

/* 1-64 characters from a-z, 0-9, '.', '_' and '-'. */
bool Users_valid_name(const char *name);
/* A comma separated list of known role names, at least one: into out
 * (normalised, in the fixed role order); false when any name is unknown. */
bool Users_roles(const char *list, char *out, size_t cap);
/* Any account, enabled or not: its id, 0 when there is none. */
long long Users_id(Db *db, const char *username);
int Users_set_display_name(Db *db, long long id, const char *display_name);
int Users_set_roles(Db *db, long long id, const char *roles);
/* Disabling also ends every session the user has. */
int Users_set_active(Db *db, long long id, bool active);
/* {"username", "display_name", "roles", "active", "teams"}; NULL if none. */
json_t *Users_json(Db *db, long long id);
/* Every account in user name order. */
json_t *Users_list(Db *db);

#endif
