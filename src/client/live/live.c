/* live: see live.h. One long-poll at a time; its answer is dispatched,
 * then the next one goes out at once. Failures wait (retry_seconds,
 * doubling, or the server's Retry-After) and resume from the last id. */
#include "client/live/live.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/core/loop.h"
#include "common/jsonx.h"
#include "common/log.h"
#include "common/text.h"
#include "common/timefmt.h"

enum {
    LIVE_MAX_SUBSCRIBERS = 32,
    LIVE_MAX_BACKOFF_S = 60,
    LIVE_HOLD_MAX = 200,     /* events held behind the lock; more: reload instead */
    LIVE_LATE_SECONDS = 120, /* older than this when handed out: late */
};

typedef struct LiveSub {
    char kind[32];
    LiveHandler fn;
    void *ctx;
} LiveSub;

static LiveSub subs[LIVE_MAX_SUBSCRIBERS];
static size_t nsubs;

static struct {
    bool running;
    unsigned gen;          /* bumped by every start and stop: stale answers are ignored */
    long long after;       /* the last id seen; -1: none yet (ask for "now") */
    ApiCall *call;
    unsigned timer;        /* the wait before asking again after a failure */
    int failures;
    bool holding;          /* the lock is up: keep asking (the heartbeat), hand out later */
    json_t *held;          /* the events held, oldest first */
    bool held_overflow;    /* more than LIVE_HOLD_MAX: subscribers reload instead */
    bool late;             /* the event being handed out is late (Live_late) */
    time_t server_now;     /* the server's clock at its last answer; 0: none yet */
    long long server_now_ms; /* our monotonic clock then */
    long long watermark;   /* the newest id at sign-in: ids up to it came while signed out */
} live = {.after = -1};

void Live_subscribe(const char *kind, LiveHandler fn, void *ctx)
{
    if (nsubs == LIVE_MAX_SUBSCRIBERS || !fn) {
        Log_event(LOG_ERROR, "live_subscribe_full", "kind=%s", kind ? kind : "");
        return;
    }
    snprintf(subs[nsubs].kind, sizeof subs[nsubs].kind, "%s", kind ? kind : "*");
    subs[nsubs].fn = fn;
    subs[nsubs].ctx = ctx;
    nsubs++;
}

/* <state_dir>/live/<user>-<server hash>.last_id: per server and user, so
 * a restart resumes where this user stopped on this server. */
static void Live_path(char *out, size_t cap, bool dir_only)
{
    char stem[160];
    Text_user_server_stem(app.session.username, Api_server(), stem, sizeof stem);
    if (dir_only)
        snprintf(out, cap, "%s/live", app.cfg.state_dir);
    else
        snprintf(out, cap, "%s/live/%s.last_id", app.cfg.state_dir, stem);
}

static long long Live_load_id(void)
{
    char path[1200];
    Live_path(path, sizeof path, false);
    FILE *f = fopen(path, "r");
    long long id = -1;
    if (f) {
        if (fscanf(f, "%lld", &id) != 1 || id < 0)
            id = -1;
        fclose(f);
    }
    return id;
}

/* Written through a temporary file and a rename: a crash leaves the old
 * id or the new one, never half of one. Losing the newest write only
 * means a few events are handed out again. */
static void Live_store_id(long long id)
{
    char dir[1200], path[1200], tmp[1300];
    Live_path(dir, sizeof dir, true);
    Live_path(path, sizeof path, false);
    if (mkdir(dir, 0700) < 0 && errno != EEXIST)
        return;
    if (id < 0) {
        unlink(path);
        return;
    }
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return;
    bool ok = fprintf(f, "%lld\n", id) > 0;
    if (fclose(f) != 0 || !ok || rename(tmp, path) < 0) {
        unlink(tmp);
        Log_event(LOG_WARN, "live_store_failed", "errno=%d", errno);
    }
}

/* Hands one event to its kind's subscribers and to "*"'s. False when a
 * subscriber stopped (or restarted) the channel: the rest is not ours. */
static bool Live_dispatch(const char *kind, const json_t *facts)
{
    unsigned gen = live.gen;
    for (size_t i = 0; i < nsubs; i++) {
        if (strcmp(subs[i].kind, kind) != 0 && strcmp(subs[i].kind, "*") != 0)
            continue;
        subs[i].fn(kind, facts, subs[i].ctx);
        if (!live.running || live.gen != gen)
            return false;
    }
    return true;
}

/* The server's clock now: its last answer's, plus our monotonic time
 * since, so a wrong clock on this terminal does not make events late. */
static time_t Live_server_now(void)
{
    return live.server_now + (time_t)((Timefmt_mono_ms() - live.server_now_ms) / 1000);
}

bool Live_late(void)
{
    return live.late;
}

/* Late: from before this sign-in (it happened while signed out: a resume
 * from the stored id), or heard more than LIVE_LATE_SECONDS after it
 * happened. */
static bool Live_hand_out(const json_t *item)
{
    time_t at;
    bool before_sign_in = Jsonx_int(item, "id", 0) <= live.watermark;
    live.late = before_sign_in ||
                (live.server_now && Timefmt_parse(Jsonx_str(item, "at", ""), &at) &&
                 Live_server_now() - at > LIVE_LATE_SECONDS);
    bool go_on = Live_dispatch(Jsonx_str(item, "kind", ""), json_object_get(item, "facts"));
    live.late = false;
    return go_on;
}

/* The id it is safe to resume from: before the first event still held,
 * so a crash behind the lock hands them out at the next start. */
static long long Live_resume_id(void)
{
    json_t *first = json_array_get(live.held, 0);
    return first ? Jsonx_int(first, "id", 0) - 1 : live.after;
}

static void Live_forget_held(void)
{
    json_decref(live.held);
    live.held = NULL;
    live.held_overflow = false;
}

static void Live_hold_item(json_t *item)
{
    if (!live.held)
        live.held = json_array();
    if (json_array_size(live.held) < LIVE_HOLD_MAX)
        json_array_append(live.held, item);
    else
        live.held_overflow = true;
}

static void Live_ask(void);

static void Live_retry_due(void *data)
{
    (void)data;
    live.timer = 0;
    Live_ask();
}

/* retry_seconds, doubling with each failure in a row up to a minute; a
 * 503's Retry-After when the server gave one. */
static void Live_wait(long retry_after)
{
    long base = app.cfg.retry_seconds > 0 ? app.cfg.retry_seconds : API_RETRY_SECONDS;
    long wait = base;
    for (int i = 1; i < live.failures && wait < LIVE_MAX_BACKOFF_S; i++)
        wait *= 2;
    if (wait > LIVE_MAX_BACKOFF_S)
        wait = base > LIVE_MAX_BACKOFF_S ? base : LIVE_MAX_BACKOFF_S;
    if (retry_after > 0)
        wait = retry_after;
    live.timer = Loop_timer_add(wait * 1000LL, Live_retry_due, NULL);
}

static void Live_events(const json_t *json)
{
    json_t *items = json_object_get(json, "items"), *item;
    size_t i;
    if (live.after < 0)   /* asked without an id: from now on */
        Log_event(LOG_INFO, "live_from", "after=%lld", Jsonx_int(json, "last_id", -1));
    if (Timefmt_parse(Jsonx_str(json, "now", ""), &live.server_now))
        live.server_now_ms = Timefmt_mono_ms();
    json_array_foreach(items, i, item) {
        long long id = Jsonx_int(item, "id", -1);
        if (id <= live.after && live.after >= 0)
            continue;   /* already handed out (a repeated answer) */
        live.after = id;
        Log_event(LOG_INFO, "live_event", "id=%lld kind=%s%s", id, Jsonx_str(item, "kind", ""),
                  live.holding ? " held" : "");
        if (live.holding)
            Live_hold_item(item);
        else if (!Live_hand_out(item))
            return;
    }
    long long last = Jsonx_int(json, "last_id", live.after);
    if (last > live.after)
        live.after = last;
    Live_store_id(Live_resume_id());
}

static void Live_answer(void *owner, int tag, const ApiResult *r)
{
    (void)owner;
    live.call = NULL;
    if (!live.running || (unsigned)tag != live.gen)
        return;
    unsigned gen = live.gen;
    if (r->status == 200) {
        if (live.failures)
            Log_event(LOG_INFO, "live_resumed", "after=%lld", live.after);
        live.failures = 0;
        Live_events(r->json);
    } else if (r->status == 410) {
        /* The ids after ours are gone: whatever is shown may be stale. */
        Log_event(LOG_INFO, "live_reload", "after=%lld", live.after);
        live.failures = 0;
        live.after = -1;
        Live_store_id(-1);
        Live_dispatch(LIVE_RELOAD, NULL);
    } else if (r->status == 401 || r->status == -1) {
        return;   /* the session ends (Api_on_unauthorized), or cancelled */
    } else {
        live.failures++;
        Log_event(LOG_INFO, "live_retry", "status=%ld failures=%d", r->status, live.failures);
        Live_wait(r->status == 503 ? r->retry_after : -1);
        return;
    }
    if (live.running && live.gen == gen)
        Live_ask();
}

static void Live_ask(void)
{
    if (!live.running || live.call || live.timer)
        return;
    live.call = ApiEvents_wait((ApiTo){.done = Live_answer, .owner = &live, .tag = (int)live.gen},
                               live.after);
    if (!live.call && live.running && !live.timer) {
        /* It could not start (or ended at once): try again later, never in a loop. */
        live.failures++;
        Live_wait(-1);
    }
}

static void Live_watermark_in(void *owner, int tag, const ApiResult *r)
{
    (void)owner;
    live.call = NULL;
    if (!live.running || (unsigned)tag != live.gen)
        return;
    if (r->status == 200)
        live.watermark = Jsonx_int(r->json, "last_id", -1);
    Live_ask();   /* on failure too: the clock rule still holds */
}

void Live_start(void)
{
    if (live.running || !app.session.active)
        return;
    live.running = true;
    live.gen++;
    live.failures = 0;
    live.after = Live_load_id();
    live.watermark = -1;
    Log_event(LOG_INFO, "live_start", "after=%lld", live.after);
    if (live.after < 0) {
        Live_ask();   /* from now: nothing from before this sign-in comes */
        return;
    }
    /* Resuming: first the newest id, so what happened while signed out
     * can be told from what happens now. */
    live.call = ApiEvents_wait((ApiTo){.done = Live_watermark_in, .owner = &live,
                                       .tag = (int)live.gen}, -1);
    if (!live.call)
        Live_ask();
}

void Live_stop(void)
{
    if (!live.running)
        return;
    live.running = false;
    live.gen++;
    if (live.timer)
        Loop_timer_cancel(live.timer);
    live.timer = 0;
    ApiCall *c = live.call;
    live.call = NULL;
    Api_cancel(c);
    if (live.after >= 0)
        Live_store_id(Live_resume_id());
    Live_forget_held();
    live.holding = false;
    Log_event(LOG_INFO, "live_stop", "after=%lld", live.after);
}

void Live_hold(bool hold)
{
    if (hold || !live.holding) {
        live.holding = hold && live.running;
        return;
    }
    live.holding = false;
    json_t *held = live.held;
    bool overflow = live.held_overflow;
    live.held = NULL;
    live.held_overflow = false;
    unsigned gen = live.gen;
    size_t i;
    json_t *item;
    if (overflow)
        Live_dispatch(LIVE_RELOAD, NULL);
    else
        json_array_foreach(held, i, item)
            if (!Live_hand_out(item) || live.gen != gen)
                break;
    json_decref(held);
    if (live.running && live.gen == gen)
        Live_store_id(live.after);
}
