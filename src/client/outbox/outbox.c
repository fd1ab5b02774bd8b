/* outbox: see outbox.h. The in-memory list mirrors the journal: every
 * change is appended (and fsync'd) first, then applied here, so what is
 * on disk is never behind what the advisor has been told. */
#include "client/outbox/outbox.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client/outbox/journal.h"
#include "client/core/loop.h"
#include "client/outbox/outbox_int.h"
#include "common/jsonx.h"
#include "common/log.h"
#include "common/rnd.h"
#include "common/timefmt.h"

enum { COMPACT_AFTER = 64, MAX_HANDLERS = 16 };

typedef struct Watch {
    char id[OUTBOX_ID_LEN];
    OutboxNotify fn;
    void *owner;
    struct Watch *next;
} Watch;

typedef struct Handler {
    char kind[32];
    OutboxNotify fn;
    void *data;
} Handler;

Outbox ob = {.max_backoff_ms = 60000};
static Watch *watches;
static Handler handlers[MAX_HANDLERS];

static void Outbox_pump(void);

const char *Outbox_last_error(void)
{
    return ob.err;
}

void Outbox_set_max_backoff(int seconds)
{
    ob.max_backoff_ms = seconds > 0 ? seconds * 1000LL : 60000;
}

long long Outbox_backoff_ms(int attempt, long long max_ms, unsigned rnd)
{
    if (attempt < 1)
        attempt = 1;
    long long base = 1000;
    for (int i = 1; i < attempt && base < max_ms; i++)
        base *= 2;
    if (base > max_ms)
        base = max_ms;
    long long half = base / 2;
    return half + (half > 0 ? (long long)(rnd % (unsigned long long)(half + 1)) : 0);
}

/* ---- entries ------------------------------------------------------------ */

void Outbox_entry_free(OutboxEntry *e)
{
    if (!e)
        return;
    free(e->path);
    free(e->if_match);
    free(e->label);
    json_decref(e->body);
    json_decref(e->problem);
    json_decref(e->meta);
    free(e);
}

OutboxEntry *Outbox_lookup(const char *id)
{
    for (size_t i = 0; i < ob.n; i++)
        if (strcmp(ob.v[i]->id, id) == 0)
            return ob.v[i];
    return NULL;
}

int Outbox_add(OutboxEntry *e)
{
    if (ob.n == ob.cap) {
        size_t cap = ob.cap ? ob.cap * 2 : 16;
        OutboxEntry **v = realloc(ob.v, cap * sizeof *v);
        if (!v)
            return -1;
        ob.v = v;
        ob.cap = cap;
    }
    ob.v[ob.n++] = e;
    Loop_dirty();
    return 0;
}

void Outbox_remove(const char *id)
{
    for (size_t i = 0; i < ob.n; i++) {
        if (strcmp(ob.v[i]->id, id) == 0) {
            Outbox_entry_free(ob.v[i]);
            memmove(ob.v + i, ob.v + i + 1, (ob.n - i - 1) * sizeof *ob.v);
            ob.n--;
            Loop_dirty();
            return;
        }
    }
}

size_t Outbox_count(void)
{
    return ob.n;
}

const OutboxEntry *Outbox_entry(size_t i)
{
    return i < ob.n ? ob.v[i] : NULL;
}

const OutboxEntry *Outbox_find(const char *id)
{
    return id ? Outbox_lookup(id) : NULL;
}

size_t Outbox_count_state(OutboxState s)
{
    size_t n = 0;
    for (size_t i = 0; i < ob.n; i++)
        n += ob.v[i]->state == s;
    return n;
}

size_t Outbox_unsent(void)
{
    return ob.n;
}

size_t Outbox_damaged(void)
{
    return ob.damaged;
}

void Outbox_status(char *out, size_t cap)
{
    size_t waiting = Outbox_count_state(OUTBOX_WAITING);
    size_t attention = Outbox_count_state(OUTBOX_ATTENTION);
    size_t used = 0;
    out[0] = '\0';
    if (Api_unanswered_ms(ob.call)) {
        /* Frozen server: say so, and count the record in flight as waiting. */
        used += (size_t)snprintf(out, cap, "Server not answering");
        waiting += Outbox_count_state(OUTBOX_SENDING);
    } else if (Outbox_count_state(OUTBOX_SENDING)) {
        used += (size_t)snprintf(out, cap, "Sending\u2026");
    }
    if (waiting && used < cap)
        used += (size_t)snprintf(out + used, cap - used, "%s%zu waiting to send",
                                 used ? " \u00b7 " : "", waiting);
    if (attention && used < cap)
        used += (size_t)snprintf(out + used, cap - used, "%s%zu need%s attention", used ? " \u00b7 " : "",
                                 attention, attention == 1 ? "s" : "");
    if (ob.damaged && used < cap)
        snprintf(out + used, cap - used, "%s%zu damaged record%s set aside", used ? " \u00b7 " : "",
                 ob.damaged, ob.damaged == 1 ? "" : "s");
}

/* ---- notification -------------------------------------------------------- */

void Outbox_watch(const char *id, OutboxNotify fn, void *owner)
{
    Watch *w = calloc(1, sizeof *w);
    if (!w)
        return;
    snprintf(w->id, sizeof w->id, "%s", id);
    w->fn = fn;
    w->owner = owner;
    w->next = watches;
    watches = w;
}

void Outbox_unwatch_owner(void *owner)
{
    for (Watch **p = &watches; *p;) {
        Watch *w = *p;
        if (w->owner == owner) {
            *p = w->next;
            free(w);
        } else {
            p = &w->next;
        }
    }
}

void Outbox_on_kind(const char *kind, OutboxNotify fn, void *data)
{
    Handler *free_slot = NULL;
    for (int i = 0; i < MAX_HANDLERS; i++) {
        if (strcmp(handlers[i].kind, kind) == 0) {
            free_slot = &handlers[i];
            break;
        }
        if (!handlers[i].kind[0] && !free_slot)
            free_slot = &handlers[i];
    }
    if (!free_slot)
        return;
    snprintf(free_slot->kind, sizeof free_slot->kind, "%s", kind);
    free_slot->fn = fn;
    free_slot->data = data;
}

/* Watchers of this id first (each told once), then the kind's handler. */
static void Outbox_notify(const OutboxEntry *e, const ApiResult *r, bool replayed)
{
    Watch *mine = NULL;
    for (Watch **p = &watches; *p;) {
        Watch *w = *p;
        if (strcmp(w->id, e->id) == 0) {
            *p = w->next;
            w->next = mine;
            mine = w;
        } else {
            p = &w->next;
        }
    }
    while (mine) {
        Watch *w = mine;
        mine = w->next;
        w->fn(w->owner, e, r, replayed);
        free(w);
    }
    for (int i = 0; i < MAX_HANDLERS; i++)
        if (handlers[i].fn && strcmp(handlers[i].kind, e->kind) == 0)
            handlers[i].fn(handlers[i].data, e, r, replayed);
}

/* ---- journal records ----------------------------------------------------- */

static int Outbox_log(json_t *rec)
{
    int rc = ob.j ? Journal_append(ob.j, rec) : -1;
    if (rc < 0) {
        snprintf(ob.err, sizeof ob.err, "Could not save to the outbox journal (%s). "
                 "Nothing was sent; check the disk, then try again.", strerror(errno ? errno : EIO));
        Log_event(LOG_ERROR, "outbox_journal_write", "errno=%d", errno);
    }
    json_decref(rec);
    return rc;
}

/* Rewrites the journal with only what is live, when enough dead records
 * (done, discarded, attempts) have piled up. */
void Outbox_compact(bool force)
{
    if (!ob.j || (!force && Journal_appended(ob.j) < COMPACT_AFTER))
        return;
    json_t **recs = calloc(ob.n ? ob.n : 1, sizeof *recs);
    if (!recs)
        return;
    for (size_t i = 0; i < ob.n; i++)
        recs[i] = Outbox_put_record(ob.v[i]);
    if (Journal_rewrite(ob.j, recs, ob.n) < 0)
        Log_event(LOG_WARN, "outbox_compact_failed", "errno=%d", errno);
    else
        Log_event(LOG_INFO, "outbox_compacted", "live=%zu", ob.n);
    for (size_t i = 0; i < ob.n; i++)
        json_decref(recs[i]);
    free(recs);
}

int Outbox_submit(const char *kind, const char *method, const char *path, const char *if_match,
                  const json_t *body, const char *label, char *id_out)
{
    if (!ob.j) {
        snprintf(ob.err, sizeof ob.err, "The outbox is not open yet (sign in first, or wait a "
                 "moment for the keyring); nothing was sent.");
        return -1;
    }
    OutboxEntry *e = calloc(1, sizeof *e);
    if (!e || Rnd_hex_id(e->id, 16) < 0 || Rnd_hex_id(e->key, 32) < 0) {
        free(e);
        snprintf(ob.err, sizeof ob.err, "No random numbers for the Idempotency-Key; nothing was sent.");
        return -1;
    }
    snprintf(e->kind, sizeof e->kind, "%s", kind);
    snprintf(e->method, sizeof e->method, "%s", method);
    e->path = strdup(path);
    e->if_match = if_match ? strdup(if_match) : NULL;
    e->body = body ? json_deep_copy(body) : NULL;
    e->label = strdup(label ? label : kind);
    Timefmt_utc(time(NULL), e->created_at);
    if (Outbox_log(Outbox_put_record(e)) < 0 || Outbox_add(e) < 0) {
        Outbox_entry_free(e);
        return -1;
    }
    Log_event(LOG_INFO, "outbox_submit", "id=%.8s kind=%s", e->id, e->kind);
    if (id_out)
        snprintf(id_out, OUTBOX_ID_LEN, "%s", e->id);
    Outbox_pump();
    return 0;
}

int Outbox_resubmit(const char *id, const json_t *body, const char *if_match)
{
    OutboxEntry *e = Outbox_lookup(id);
    char key[OUTBOX_KEY_LEN];
    if (!e || e->state != OUTBOX_ATTENTION || Rnd_hex_id(key, 32) < 0)
        return -1;
    /* A fresh key: the server remembers the refused request under the old
     * one, and a changed body under an old key is refused as a mismatch. */
    json_t *rec = json_pack("{s:s, s:s, s:s}", "op", "resubmit", "id", id, "key", key);
    json_object_set_new(rec, "body", body ? json_deep_copy(body) : json_incref(e->body));
    const char *im = if_match ? if_match : e->if_match;
    if (im)
        json_object_set_new(rec, "if_match", json_string(im));
    json_t *keep = json_incref(rec);
    if (Outbox_log(rec) < 0) {
        json_decref(keep);
        return -1;
    }
    Outbox_apply(keep);
    json_decref(keep);
    ob.fail_streak = 0;
    ob.next_try_ms = 0;
    Outbox_pump();
    return 0;
}

int Outbox_set_meta(const char *id, const json_t *meta)
{
    OutboxEntry *e = Outbox_lookup(id);
    if (!e || !meta)
        return -1;
    json_t *rec = json_pack("{s:s, s:s, s:O}", "op", "meta", "id", id, "meta", meta);
    json_t *keep = json_incref(rec);
    int rc = Outbox_log(rec);
    if (rc == 0)
        Outbox_apply(keep);
    json_decref(keep);
    return rc;
}

int Outbox_discard(const char *id)
{
    OutboxEntry *e = Outbox_lookup(id);
    if (!e || e->state == OUTBOX_SENDING)
        return -1;
    if (Outbox_log(json_pack("{s:s, s:s}", "op", "discard", "id", id)) < 0)
        return -1;
    Log_event(LOG_INFO, "outbox_discard", "id=%.8s kind=%s", e->id, e->kind);
    Outbox_remove(id);
    Outbox_compact(true);
    return 0;
}

/* ---- sending ------------------------------------------------------------- */

static void Outbox_timer_due(void *data)
{
    (void)data;
    ob.timer = 0;
    Outbox_pump();
}

static void Outbox_schedule(long long at_ms)
{
    if (ob.timer)
        Loop_timer_cancel(ob.timer);
    long long d = at_ms - Timefmt_mono_ms();
    ob.timer = Loop_timer_add(d > 0 ? d : 0, Outbox_timer_due, NULL);
}

void Outbox_retry_now(void)
{
    ob.next_try_ms = 0;
    for (size_t i = 0; i < ob.n; i++)
        ob.v[i]->next_try_ms = 0;
    Outbox_pump();
}

static bool Outbox_retryable(long status)
{
    return status <= 0 || status >= 500 || status == 408 || status == 429 || status == 401;
}

static void Outbox_failed(OutboxEntry *e, const ApiResult *r)
{
    e->state = OUTBOX_WAITING;
    ob.fail_streak++;
    unsigned rnd = 0;
    Rnd_bytes(&rnd, sizeof rnd);
    long long delay = Outbox_backoff_ms(ob.fail_streak, ob.max_backoff_ms, rnd);
    if (r->retry_after > 0 && r->retry_after * 1000LL > delay)
        delay = r->retry_after * 1000LL;
    ob.next_try_ms = e->next_try_ms = Timefmt_mono_ms() + delay;
    /* A long outage piles up attempt records; keep the file small. */
    Outbox_compact(false);
    Log_event(LOG_INFO, "outbox_retry", "id=%.8s status=%ld attempt=%d delay_ms=%lld",
              e->id, r->status, e->attempts, delay);
}

static void Outbox_landed(OutboxEntry *e, const ApiResult *r)
{
    ob.fail_streak = 0;
    ob.next_try_ms = 0;
    /* If this append fails the entry is sent again next time, and the
     * server replays its stored answer: still exactly once. */
    Outbox_log(json_pack("{s:s, s:s, s:i}", "op", "done", "id", e->id, "status", (int)r->status));
    Log_event(LOG_INFO, "outbox_done", "id=%.8s kind=%s status=%ld replayed=%d attempts=%d",
              e->id, e->kind, r->status, r->replayed ? 1 : 0, e->attempts);
    char id[OUTBOX_ID_LEN];
    snprintf(id, sizeof id, "%s", e->id);
    Outbox_notify(e, r, r->replayed);
    Outbox_remove(id);
    /* A delivered record's personal details leave the disk now, not at the
     * next 64-append compaction (issue 9.6). */
    Outbox_compact(true);
}

static void Outbox_refused(OutboxEntry *e, const ApiResult *r)
{
    ob.fail_streak = 0;
    json_t *problem = json_is_object(r->json) ? json_incref(r->json)
                          : json_pack("{s:s}", "detail", r->message ? r->message : "");
    json_t *rec = json_pack("{s:s, s:s, s:i, s:O}", "op", "attention", "id", e->id,
                            "status", (int)r->status, "problem", problem);
    Outbox_log(rec);
    e->state = OUTBOX_ATTENTION;
    e->last_status = r->status;
    json_decref(e->problem);
    e->problem = problem;
    Log_event(LOG_WARN, "outbox_attention", "id=%.8s kind=%s status=%ld", e->id, e->kind, r->status);
    Outbox_notify(e, r, false);
}

static void Outbox_answer(void *owner, int tag, const ApiResult *r)
{
    (void)owner; (void)tag;
    ob.call = NULL;
    OutboxEntry *e = Outbox_lookup(ob.sending_id);
    ob.sending_id[0] = '\0';
    if (!e)
        return;
    e->last_status = r->status;
    if (r->status >= 200 && r->status <= 299)
        Outbox_landed(e, r);
    else if (Outbox_retryable(r->status))
        Outbox_failed(e, r);
    else
        Outbox_refused(e, r);
    Loop_dirty();
    Outbox_pump();
}

static void Outbox_send(OutboxEntry *e)
{
    e->attempts++;
    Outbox_log(json_pack("{s:s, s:s, s:i}", "op", "attempt", "id", e->id, "n", e->attempts));
    e->state = OUTBOX_SENDING;
    snprintf(ob.sending_id, sizeof ob.sending_id, "%s", e->id);
    char key[100], match[300];
    snprintf(key, sizeof key, "Idempotency-Key: %s", e->key);
    snprintf(match, sizeof match, "If-Match: %s", e->if_match ? e->if_match : "");
    const char *headers[] = {key, e->if_match ? match : NULL, NULL};
    ob.call = Api_request_headers(e->method, e->path, e->body ? json_incref(e->body) : NULL,
                                  headers, API_BACKGROUND, "Sending", Outbox_answer, &ob, 0);
    Loop_dirty();
}

/* Oldest first, one at a time, so a customer created before a contact
 * about them lands first; everyone waits out one shared backoff. */
static void Outbox_pump(void)
{
    if (!ob.j || ob.call || !Api_has_token())
        return;
    OutboxEntry *next = NULL;
    for (size_t i = 0; i < ob.n && !next; i++)
        if (ob.v[i]->state == OUTBOX_WAITING)
            next = ob.v[i];
    if (!next)
        return;
    if (ob.next_try_ms > Timefmt_mono_ms()) {
        Outbox_schedule(ob.next_try_ms);
        return;
    }
    Outbox_send(next);
}

/* ---- open and close ------------------------------------------------------ */

void Outbox_close(void)
{
    if (ob.call)
        Api_cancel(ob.call);
    ob.call = NULL;
    ob.sending_id[0] = '\0';
    if (ob.timer)
        Loop_timer_cancel(ob.timer);
    ob.timer = 0;
    for (size_t i = 0; i < ob.n; i++)
        Outbox_entry_free(ob.v[i]);
    free(ob.v);
    ob.v = NULL;
    ob.n = ob.cap = 0;
    ob.fail_streak = 0;
    ob.next_try_ms = 0;
    Journal_close(ob.j);
    ob.j = NULL;
    while (watches) {
        Watch *w = watches;
        watches = w->next;
        free(w);
    }
    Loop_dirty();
}

int Outbox_open(const char *state_dir, const char *server, const char *username)
{
    Outbox_close();
    ob.err[0] = '\0';
    ob.damaged = 0;
    ob.sealed = 0;
    if (Outbox_load(state_dir, server, username) < 0)
        return -1;
    Outbox_pump();
    return 0;
}

