/* auth: passwords (argon2id), bearer tokens (random 256-bit, stored as
 * SHA-256 hashes, expiring), login throttling, and the user behind a token.
 * The rows are the stores' (store/users.h, store/sessions.h); this module
 * hashes, decides and holds the transactions. */
#ifndef FD_AUTH_H
#define FD_AUTH_H
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "server/store/store.h"

typedef struct AuthUser {
    long long id;
    char username[64];
    char display_name[128];
    unsigned roles;   /* ROLE_* bits, see roles.h */
    char team[64];    /* home team, empty when none (store/memberships.h) */
} AuthUser;

/* Create a user with an argon2id hash of password. roles is a comma
 * separated list of role names; team (NULL or empty for none) becomes a
 * permanent membership. Returns the id or -1. */
long long Auth_create_user(Db *db, const char *username, const char *display_name,
                           const char *password, const char *roles, const char *team);

/* Replace a user's password (argon2id). 0, or -1 when not stored. */
int Auth_set_password(Db *db, long long user_id, const char *password);

/* Tokens live this many seconds (frontdoord --token-ttl). */
void Auth_set_token_ttl(long seconds);

typedef enum {
    AUTH_OK,
    AUTH_BAD_CREDENTIALS,
    AUTH_THROTTLED,  /* retry_after says when */
    AUTH_ERROR,
} AuthResult;

/* Check the password and issue a token (written to token_out, 64 hex chars
 * + NUL) with its expiry. Failures are throttled per (username, client),
 * client being the caller's address as text (see throttle.h). Slow (argon2):
 * the server runs it on the password-check pool (pwgate.h). */
AuthResult Auth_login(Db *db, const char *username, const char *password, const char *client,
                      AuthUser *user, char token_out[65], time_t *expires_at,
                      long *retry_after);
/* Resolve a bearer token to its user; false when unknown or expired. */
bool Auth_lookup(Db *db, const char *token, AuthUser *user);
/* A random secret (a bearer token, an Open311 API key) as stored: SHA-256
 * in hex. A copy of the database then cannot be used to sign in, and 256
 * random bits need no salt or slow hash. */
void Auth_secret_hash(const char *secret, char out[65]);
/* Revoke a token; true when one was revoked. */
bool Auth_logout(Db *db, const char *token);

#endif
