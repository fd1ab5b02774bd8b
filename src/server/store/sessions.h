/* sessions: the bearer tokens a sign-in issues. The store sees only their
 * SHA-256 hashes (auth.c makes and hashes the tokens), each with its
 * user and an expiry in Unix seconds. */
#ifndef FD_STORE_SESSIONS_H
#define FD_STORE_SESSIONS_H
#include <stdbool.h>
#include <time.h>

#include "server/store/store.h"

/* Forget the expired sessions, then keep this one. 0, or -1. */
int Sessions_insert(Db *db, const char *token_hash, long long user_id, time_t now,
                    time_t expires_at);
/* The user of an unexpired session; 0 when there is none. */
long long Sessions_user(Db *db, const char *token_hash, time_t now);
/* End one session; true when there was one. */
bool Sessions_delete(Db *db, const char *token_hash);
/* End every session a user has. 0, or -1. */
int Sessions_delete_user(Db *db, long long user_id);

#endif
