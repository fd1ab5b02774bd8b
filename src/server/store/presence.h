/* presence: each signed-in client's state (presence_clients, one row per
 * user and client id, with when it was last seen), each user's combined
 * state as last published (presence_users), and the break reasons the
 * council's content lists (break_reasons). Which state wins, and when a
 * client counts as gone, is decided above (server/presence.h).
 *
 * Times: seen_at and changed_at are Unix seconds (compared on every
 * sweep); since is RFC 3339 UTC (shown). DIALECT: none. */
#ifndef FD_STORE_PRESENCE_H
#define FD_STORE_PRESENCE_H
#include <jansson.h>
#include <stdbool.h>
#include <time.h>

#include "server/store/store.h"

#define PRESENCE_STATE_MAX 16
#define PRESENCE_REASON_MAX 32

typedef struct PresenceRow {
    char state[PRESENCE_STATE_MAX];
    char reason[PRESENCE_REASON_MAX];   /* "" for none */
    long long changed_at;
} PresenceRow;

/* Set one client's state (and mark it seen now); 0 or -1. */
int Presence_store_put(Db *db, long long user, const char *client, const char *state,
                       const char *reason, time_t now);
/* Mark a live client seen: 1, or 0 when it has no row or has lapsed
 * (touched nothing), -1 on error. */
int Presence_store_seen(Db *db, long long user, const char *client, time_t now);
/* Whether the client has a row the sweep marked lapsed (a plain read). */
bool Presence_store_is_lapsed(Db *db, long long user, const char *client);
/* Bring a lapsed client back, seen now: 1 if it was lapsed, 0, or -1. */
int Presence_store_revive(Db *db, long long user, const char *client, time_t now);
/* Remove one client (sign-out); 0 or -1. */
int Presence_store_end(Db *db, long long user, const char *client);
/* The user's clients seen at or after live_after, at most max, into rows;
 * their number. */
int Presence_store_live(Db *db, long long user, time_t live_after, PresenceRow *rows, int max);
/* One client's row; false when it has none (or it was not seen since
 * live_after). */
bool Presence_store_client(Db *db, long long user, const char *client, time_t live_after,
                           PresenceRow *row);
/* The user's combined state as last published; false when none yet. */
bool Presence_store_user(Db *db, long long user, PresenceRow *row, char since[32]);
int Presence_store_user_put(Db *db, long long user, const char *state, const char *reason,
                            const char *since);
/* Users with a client not seen since live_after and not yet marked (at
 * most max into users), and then those clients marked lapsed: the sweep.
 * Their number, or -1. A lapsed client keeps its state, so its next
 * request brings it back as it was. */
int Presence_store_lapse(Db *db, time_t live_after, long long *users, int max);
/* Delete lapsed clients last seen before seen_before; 0 or -1. */
int Presence_store_forget(Db *db, time_t seen_before);
/* Every active user, by name: [{user_id, username, display_name}]. */
json_t *Presence_store_board(Db *db);

/* Break reasons: the content loader's upsert, the check and the list. */
int Presence_store_reason_put(Db *db, const char *code, const char *label, int position);
bool Presence_store_reason_exists(Db *db, const char *code);
json_t *Presence_store_reasons(Db *db);

#endif
