#include "server/presence.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/log.h"
#include "common/timefmt.h"
#include "server/events.h"
#include "server/roles.h"
#include "server/store/memberships.h"
#include "server/store/presence.h"
#include "server/ticker.h"

#define MAX_CLIENTS_PER_USER 16
#define LAPSE_BATCH 200
#define SEEN_SLOTS 1024
#define FORGET_SECONDS (24 * 3600)

const char *const Presence_states[] = {"on_contact", "shadowed", "shadowing", "wrap_up",
                                       "ready", "break", "away", "signed_in", "signed_out",
                                       NULL};

static long timeout_seconds = 90;

static int refresh_user(Db *db, long long user);

/* Heartbeats remembered in memory so that a busy client writes its
 * seen_at once per timeout/6 s, not on every request. A slot holds one
 * (user, client) hash; a collision only costs an extra write. */
static struct { uint64_t key; time_t written; } seen_slots[SEEN_SLOTS];
static pthread_mutex_t seen_lock = PTHREAD_MUTEX_INITIALIZER;

static Ticker sweeper;

long Presence_timeout(void)
{
    return timeout_seconds;
}

void Presence_set_timeout(long seconds)
{
    if (seconds >= 1)
        timeout_seconds = seconds;
}

const char *Presence_client_id(const Request *rq)
{
    const char *id = Request_header(rq, "X-Frontdoor-Client");
    size_t n = id ? strlen(id) : 0;
    if (n < 8 || n > 64 ||
        strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != n)
        return NULL;
    return id;
}

static uint64_t seen_key(long long user, const char *client)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)user;
    for (const char *p = client; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    return h;
}

/* True when this client's seen_at is due a write (and notes it written). */
static bool seen_due(long long user, const char *client, time_t now)
{
    uint64_t key = seen_key(user, client);
    size_t slot = key % SEEN_SLOTS;
    bool due;
    pthread_mutex_lock(&seen_lock);
    due = seen_slots[slot].key != key || now - seen_slots[slot].written >= timeout_seconds / 6;
    if (due) {
        seen_slots[slot].key = key;
        seen_slots[slot].written = now;
    }
    pthread_mutex_unlock(&seen_lock);
    return due;
}

/* A client the sweep found gone sends a request again (a laptop lid
 * opened): it comes back with the state it had, and the user's presence
 * is published again. */
static void revive(Request *rq, const char *client, time_t now)
{
    if (!Presence_store_is_lapsed(rq->db, rq->user.id, client) || Db_begin(rq->db) < 0)
        return;
    if (Presence_store_revive(rq->db, rq->user.id, client, now) == 1 &&
        refresh_user(rq->db, rq->user.id) == 0 && Db_commit(rq->db) == 0)
        Events_committed();
    Db_rollback(rq->db);
}

void Presence_seen(Request *rq)
{
    const char *client = Presence_client_id(rq);
    time_t now = time(NULL);
    if (client && rq->user.id > 0 && seen_due(rq->user.id, client, now) &&
        Presence_store_seen(rq->db, rq->user.id, client, now) == 0)
        revive(rq, client, now);
}

static int rank(const char *state)
{
    for (int i = 0; Presence_states[i]; i++)
        if (strcmp(Presence_states[i], state) == 0)
            return i;
    return (int)(sizeof Presence_states / sizeof Presence_states[0]);
}

/* The most engaged of the user's live clients (rows come newest change
 * first, so a tie goes to the latest); signed_out when none is live.
 * Their number is the result. */
static int combined(Db *db, long long user, PresenceRow *out)
{
    PresenceRow rows[MAX_CLIENTS_PER_USER];
    int n = Presence_store_live(db, user, time(NULL) - timeout_seconds, rows,
                                MAX_CLIENTS_PER_USER);
    *out = (PresenceRow){.state = "signed_out"};
    for (int i = 0; i < n; i++)
        if (rank(rows[i].state) < rank(out->state))
            *out = rows[i];
    return n;
}

/* Store and publish the user's presence if it changed; 0 or -1. */
static int refresh_user(Db *db, long long user)
{
    PresenceRow now, was;
    char since[32], at[TIMEFMT_LEN], id[24];
    combined(db, user, &now);
    bool known = Presence_store_user(db, user, &was, since);
    if (known ? strcmp(now.state, was.state) == 0 && strcmp(now.reason, was.reason) == 0
              : strcmp(now.state, "signed_out") == 0)
        return 0;
    Timefmt_utc(time(NULL), at);
    if (Presence_store_user_put(db, user, now.state, now.reason, at) < 0)
        return -1;
    snprintf(id, sizeof id, "%lld", user);
    EventsAudience to = {.kind = EVENTS_TO_ROLES, .roles = ROLE_SUPERVISOR | ROLE_ADMIN};
    json_t *facts = json_pack("{s:s, s:s, s:s?}", "user_id", id, "state", now.state, "reason",
                              now.reason[0] ? now.reason : NULL);
    return Events_publish(db, "presence.changed", to, facts) < 0 ? -1 : 0;
}

int Presence_set(Request *rq, const char *client, const char *state, const char *reason)
{
    int rc = strcmp(state, "signed_out") == 0
                 ? Presence_store_end(rq->db, rq->user.id, client)
                 : Presence_store_put(rq->db, rq->user.id, client, state, reason, time(NULL));
    return rc < 0 ? -1 : refresh_user(rq->db, rq->user.id);
}

void Presence_end(Request *rq)
{
    const char *client = Presence_client_id(rq);
    if (!client || Db_begin(rq->db) < 0)
        return;
    if (Presence_store_end(rq->db, rq->user.id, client) == 0 &&
        refresh_user(rq->db, rq->user.id) == 0 && Db_commit(rq->db) == 0)
        Events_committed();
    else
        Db_rollback(rq->db);
}

/* The user's presence now: {state, reason, since, clients}. It is
 * computed from the live clients, so a user whose last client has gone
 * shows signed_out before the sweep publishes it (since is then null:
 * not yet published). */
static json_t *presence_now(Db *db, long long user)
{
    PresenceRow now, stored;
    char since[32] = "";
    int clients = combined(db, user, &now);
    bool published = Presence_store_user(db, user, &stored, since) &&
                     strcmp(stored.state, now.state) == 0 &&
                     strcmp(stored.reason, now.reason) == 0;
    return json_pack("{s:s, s:s?, s:s?, s:i}", "state", now.state, "reason",
                     now.reason[0] ? now.reason : NULL, "since", published ? since : NULL,
                     "clients", clients);
}

json_t *Presence_mine(Db *db, long long user, const char *client)
{
    PresenceRow mine;
    json_t *out = presence_now(db, user);
    bool have = client && Presence_store_client(db, user, client, time(NULL) - timeout_seconds,
                                                &mine);
    json_object_set_new(out, "this_client", have ? json_pack("{s:s, s:s?}", "state", mine.state,
                        "reason", mine.reason[0] ? mine.reason : NULL) : json_null());
    return out;
}

static json_t *team_codes(Db *db, long long user)
{
    json_t *teams = Memberships_list(db, user), *t, *codes = json_array();
    size_t i;
    json_array_foreach(teams, i, t)
        json_array_append(codes, json_object_get(t, "team_code"));
    json_decref(teams);
    return codes;
}

json_t *Presence_board(Db *db)
{
    json_t *items = Presence_store_board(db), *u;
    size_t i;
    json_array_foreach(items, i, u) {
        long long id = atoll(json_string_value(json_object_get(u, "user_id")));
        json_t *now = presence_now(db, id);
        json_object_update(u, now);
        json_decref(now);
        json_object_set_new(u, "teams", team_codes(db, id));
    }
    return items;
}

/* One sweep: clients unseen for the timeout are marked lapsed, and each
 * of their users' presence refreshed and published, in one transaction;
 * clients lapsed for a day are forgotten. */
static void sweep_once(Db *db)
{
    long long users[LAPSE_BATCH];
    time_t now = time(NULL);
    if (Db_begin(db) < 0)
        return;
    int n = Presence_store_lapse(db, now - timeout_seconds, users, LAPSE_BATCH);
    bool ok = n >= 0 && Presence_store_forget(db, now - FORGET_SECONDS) == 0;
    for (int i = 0; i < n && ok; i++)
        ok = refresh_user(db, users[i]) == 0;
    if (ok && Db_commit(db) == 0 && n > 0) {
        Events_committed();
        Log_event(LOG_INFO, "presence_lapsed", "users=%d", n);
    }
    Db_rollback(db);
    Db_release(db);
}

static void sweep_tick(void)
{
    Db *db = Db_get();
    if (db)
        sweep_once(db);
}

int Presence_start(void)
{
    long long every = timeout_seconds >= 6 ? timeout_seconds / 6 : 1;
    sweeper = (Ticker){.tick = sweep_tick, .interval_ms = every * 1000, .wait_first = true};
    return Ticker_start(&sweeper);
}

void Presence_stop(void)
{
    Ticker_stop(&sweeper);
}
