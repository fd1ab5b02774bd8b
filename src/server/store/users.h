/* users: the staff accounts. Administrators manage them (the admin API in
 * api_users.c and `frontdoord user` in user_cmd.c); auth.c signs them in
 * with the password hash kept here (it hashes, this only stores). Team
 * membership is store/memberships.h, sessions store/sessions.h. */
#ifndef FD_STORE_USERS_H
#define FD_STORE_USERS_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "server/store/store.h"

#define USERS_NAME_MAX 64
#define USERS_DISPLAY_MAX 128
#define USERS_PASSWORD_MIN 8
#define USERS_PASSWORD_MAX 256
#define USERS_HASH_MAX 128   /* an encoded argon2id hash and its NUL */

/* An enabled account as sign-in sees it. */
typedef struct UsersAccount {
    long long id;
    char username[USERS_NAME_MAX];
    char display_name[USERS_DISPLAY_MAX];
    char roles[128];  /* role names, comma separated */
    char team[64];    /* home team (store/memberships.h), or empty */
} UsersAccount;

/* 1-64 characters from a-z, 0-9, '.', '_' and '-'. */
bool Users_valid_name(const char *name);
/* All digits: refused for a new account, as the phone system would take
 * it for an extension (Users_extension_problem). */
bool Users_name_is_number(const char *name);
/* A comma separated list of known role names, at least one: into out
 * (normalised, in the fixed role order); false when any name is unknown. */
bool Users_roles(const char *list, char *out, size_t cap);

/* A new account; the id, or -1. */
long long Users_insert(Db *db, const char *username, const char *display_name,
                       const char *password_hash, const char *roles);
/* An enabled account by name, with its password hash (hash may be NULL);
 * false when there is none. */
bool Users_by_name(Db *db, const char *username, UsersAccount *a, char hash[USERS_HASH_MAX]);
/* An enabled account by id; false when there is none. */
bool Users_by_id(Db *db, long long id, UsersAccount *a);
/* Any account, enabled or not: its id, 0 when there is none. */
long long Users_id(Db *db, const char *username);
int Users_set_display_name(Db *db, long long id, const char *display_name);
int Users_set_roles(Db *db, long long id, const char *roles);
/* 0, or -1 when no account took it. */
int Users_set_password_hash(Db *db, long long id, const char *password_hash);
/* Disabling also ends every session the user has. */
int Users_set_active(Db *db, long long id, bool active);
/* Phone extensions (issue 12): the phone system offers a call to a user
 * by name or extension. An extension is 2-10 digits, unique when set. */
#define USERS_EXTENSION_MAX 10
/* Why ext cannot be user id's extension (not 2-10 digits, or another
 * account has it), or NULL when it can. */
const char *Users_extension_problem(Db *db, long long id, const char *ext);
/* ext NULL clears it. 0, or -1. */
int Users_set_extension(Db *db, long long id, const char *ext);
/* {"username", "display_name", "roles", "active", "extension", "teams"};
 * NULL if none. */
json_t *Users_json(Db *db, long long id);
/* Every account in user name order. */
json_t *Users_list(Db *db);

#endif
