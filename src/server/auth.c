#include "server/auth.h"

#include <argon2.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "common/rnd.h"
#include "server/pwgate.h"
#include "server/roles.h"
#include "server/store/memberships.h"
#include "server/store/sessions.h"
#include "server/store/users.h"
#include "server/throttle.h"

/* OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
#define ARGON_T 2
#define ARGON_M 19456
#define ARGON_P 1
#define ARGON_HASHLEN 32
#define ARGON_SALTLEN 16
#define ENCODED_MAX USERS_HASH_MAX

static long token_ttl = 8 * 3600; /* a shift */

void Auth_set_token_ttl(long seconds)
{
    token_ttl = seconds > 0 ? seconds : token_ttl;
}

static int hash_password(const char *password, char encoded[ENCODED_MAX])
{
    unsigned char salt[ARGON_SALTLEN];
    if (Rnd_bytes(salt, sizeof salt) < 0)
        return -1;
    return argon2id_hash_encoded(ARGON_T, ARGON_M, ARGON_P, password, strlen(password),
                                 salt, sizeof salt, ARGON_HASHLEN, encoded, ENCODED_MAX) ==
                   ARGON2_OK ? 0 : -1;
}

long long Auth_create_user(Db *db, const char *username, const char *display_name,
                           const char *password, const char *roles, const char *team)
{
    char encoded[ENCODED_MAX];
    long long id = hash_password(password, encoded) < 0
                       ? -1
                       : Users_insert(db, username, display_name, encoded, roles);
    if (id < 0)
        return -1;
    if (team && *team && Memberships_add(db, id, team, NULL, 0) < 0)
        return -1;
    return id;
}

int Auth_set_password(Db *db, long long user_id, const char *password)
{
    char encoded[ENCODED_MAX];
    if (hash_password(password, encoded) < 0)
        return -1;
    return Users_set_password_hash(db, user_id, encoded);
}

void Auth_secret_hash(const char *secret, char out[65])
{
    unsigned char digest[32];
    unsigned int len = 0;
    EVP_Digest(secret, strlen(secret), digest, &len, EVP_sha256(), NULL);
    Rnd_hex(digest, sizeof digest, out);
}

static void fill_user(const UsersAccount *a, AuthUser *u)
{
    u->id = a->id;
    snprintf(u->username, sizeof u->username, "%s", a->username);
    snprintf(u->display_name, sizeof u->display_name, "%s", a->display_name);
    u->roles = Roles_parse(a->roles);
    snprintf(u->team, sizeof u->team, "%s", a->team);
}

static AuthResult issue_token(Db *db, const AuthUser *u, time_t now, char token_out[65],
                              time_t *expires_at)
{
    char hash[65];
    if (Rnd_hex_id(token_out, 32) < 0)
        return AUTH_ERROR;
    Auth_secret_hash(token_out, hash);
    *expires_at = now + token_ttl;
    return Sessions_insert(db, hash, u->id, now, *expires_at) == 0 ? AUTH_OK : AUTH_ERROR;
}

static char decoy_hash[ENCODED_MAX];
static pthread_once_t decoy_once = PTHREAD_ONCE_INIT;

static void make_decoy_hash(void)
{
    if (hash_password("frontdoor-decoy", decoy_hash) < 0)
        snprintf(decoy_hash, sizeof decoy_hash, "invalid");
}

/* Look the user up and verify outside any transaction: argon2 takes tens
 * of milliseconds and must not hold the write lock. */
static bool verify_user(Db *db, const char *username, const char *password, AuthUser *u)
{
    char encoded[ENCODED_MAX] = "";
    UsersAccount a;
    bool found = Users_by_name(db, username, &a, encoded);
    if (found)
        fill_user(&a, u);
    /* Unknown users cost the same as known ones, so timing does not tell
     * which user names exist. */
    pthread_once(&decoy_once, make_decoy_hash);
    bool ok = Pwgate_verify(found ? encoded : decoy_hash, password);
    return found && ok;
}

/* Reserve the attempt (counted as a failure until proven otherwise) in
 * one short write transaction, so however many clients try at once no
 * more passwords are checked than the throttle allows. */
static AuthResult reserve_attempt(Db *db, const char *username, const char *client,
                                  time_t now, long *retry_after)
{
    if (Db_begin(db) < 0)
        return AUTH_ERROR;
    long wait = Throttle_reserve(db, username, client, now);
    if (wait < 0 || Db_commit(db) < 0) {
        Db_rollback(db);
        return AUTH_ERROR;
    }
    *retry_after = wait;
    return wait > 0 ? AUTH_THROTTLED : AUTH_OK;
}

static AuthResult check_and_issue(Db *db, const char *username, const char *password,
                                  const char *client, AuthUser *user, char token_out[65],
                                  time_t *expires_at, long *retry_after)
{
    time_t now = time(NULL);
    AuthResult r = reserve_attempt(db, username, client, now, retry_after);
    if (r != AUTH_OK)
        return r;
    if (!verify_user(db, username, password, user))
        return AUTH_BAD_CREDENTIALS;   /* already counted */
    if (Db_begin(db) < 0)
        return AUTH_ERROR;
    Throttle_clear(db, username, client);
    r = issue_token(db, user, now, token_out, expires_at);
    if (r != AUTH_OK || Db_commit(db) < 0) {
        Db_rollback(db);
        return AUTH_ERROR;
    }
    return AUTH_OK;
}

AuthResult Auth_login(Db *db, const char *username, const char *password, const char *client,
                      AuthUser *user, char token_out[65], time_t *expires_at, long *retry_after)
{
    /* A throttled caller is answered without an argon2 check or a write. */
    *retry_after = Throttle_peek(db, username, client, time(NULL));
    if (*retry_after > 0)
        return AUTH_THROTTLED;
    return check_and_issue(db, username, password, client, user, token_out, expires_at,
                           retry_after);
}

bool Auth_lookup(Db *db, const char *token, AuthUser *user)
{
    char hash[65];
    UsersAccount a;
    if (!token || strlen(token) != 64)
        return false;
    Auth_secret_hash(token, hash);
    long long id = Sessions_user(db, hash, time(NULL));
    if (!id || !Users_by_id(db, id, &a))
        return false;
    fill_user(&a, user);
    return true;
}

bool Auth_logout(Db *db, const char *token)
{
    char hash[65];
    if (!token)
        return false;
    Auth_secret_hash(token, hash);
    return Sessions_delete(db, hash);
}
