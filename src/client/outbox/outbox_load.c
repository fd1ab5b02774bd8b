/* outbox_load: the journal's records to and from outbox entries, the
 * journal's name for a server and user, and what an earlier run left:
 * torn records set aside and reported, journals of a second instance
 * (same user, other terminal) taken over once it has gone, journals
 * sealed with a key we were not given left as they are, and counting
 * unsent records on disk without opening the outbox. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client/outbox/outbox_int.h"
#include "common/text.h"
#include "common/jsonx.h"
#include "common/log.h"

enum { MAX_SIBLINGS = 9 };

static char notice[800];

const char *Outbox_notice(void)
{
    return notice;
}

json_t *Outbox_put_record(const OutboxEntry *e)
{
    json_t *r = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:i}", "op", "put",
                          "id", e->id, "key", e->key, "kind", e->kind, "method", e->method,
                          "path", e->path, "label", e->label ? e->label : "",
                          "created_at", e->created_at, "attempts", e->attempts);
    if (!r)
        return NULL;
    if (e->if_match)
        json_object_set_new(r, "if_match", json_string(e->if_match));
    if (e->body)
        json_object_set(r, "body", e->body);
    if (e->meta)
        json_object_set(r, "meta", e->meta);
    if (e->state == OUTBOX_ATTENTION) {
        json_object_set_new(r, "state", json_string("attention"));
        json_object_set_new(r, "status", json_integer(e->last_status));
        if (e->problem)
            json_object_set(r, "problem", e->problem);
    }
    return r;
}

static void Outbox_copy(char *dst, size_t cap, const json_t *rec, const char *key)
{
    snprintf(dst, cap, "%s", Jsonx_str(rec, key, ""));
}

static void Outbox_apply_put(const json_t *rec)
{
    const char *id = Jsonx_str(rec, "id", "");
    if (!id[0] || Outbox_lookup(id) || !Jsonx_str(rec, "path", NULL))
        return;
    OutboxEntry *e = calloc(1, sizeof *e);
    if (!e)
        return;
    Outbox_copy(e->id, sizeof e->id, rec, "id");
    Outbox_copy(e->key, sizeof e->key, rec, "key");
    Outbox_copy(e->kind, sizeof e->kind, rec, "kind");
    Outbox_copy(e->method, sizeof e->method, rec, "method");
    Outbox_copy(e->created_at, sizeof e->created_at, rec, "created_at");
    e->path = strdup(Jsonx_str(rec, "path", ""));
    e->label = strdup(Jsonx_str(rec, "label", ""));
    const char *im = Jsonx_str(rec, "if_match", NULL);
    e->if_match = im ? strdup(im) : NULL;
    json_t *body = json_object_get(rec, "body");
    e->body = body ? json_deep_copy(body) : NULL;
    json_t *meta = json_object_get(rec, "meta");
    e->meta = meta ? json_deep_copy(meta) : NULL;
    e->attempts = (int)Jsonx_int(rec, "attempts", 0);
    if (strcmp(Jsonx_str(rec, "state", ""), "attention") == 0) {
        e->state = OUTBOX_ATTENTION;
        e->last_status = (long)Jsonx_int(rec, "status", 0);
        json_t *p = json_object_get(rec, "problem");
        e->problem = p ? json_deep_copy(p) : NULL;
    }
    if (Outbox_add(e) < 0)
        Outbox_entry_free(e);
}

static void Outbox_apply_resubmit(OutboxEntry *e, const json_t *rec)
{
    Outbox_copy(e->key, sizeof e->key, rec, "key");
    json_t *body = json_object_get(rec, "body");
    if (body) {
        json_decref(e->body);
        e->body = json_deep_copy(body);
    }
    const char *im = Jsonx_str(rec, "if_match", NULL);
    if (im) {
        free(e->if_match);
        e->if_match = strdup(im);
    }
    json_decref(e->problem);
    e->problem = NULL;
    e->state = OUTBOX_WAITING;
    e->last_status = 0;
    e->next_try_ms = 0;
}

void Outbox_apply(const json_t *rec)
{
    const char *op = Jsonx_str(rec, "op", "");
    if (strcmp(op, "put") == 0) {
        Outbox_apply_put(rec);
        return;
    }
    const char *id = Jsonx_str(rec, "id", "");
    OutboxEntry *e = Outbox_lookup(id);
    if (!e)
        return;
    if (strcmp(op, "done") == 0 || strcmp(op, "discard") == 0) {
        Outbox_remove(id);
    } else if (strcmp(op, "attempt") == 0) {
        e->attempts = (int)Jsonx_int(rec, "n", e->attempts);
    } else if (strcmp(op, "attention") == 0) {
        e->state = OUTBOX_ATTENTION;
        e->last_status = (long)Jsonx_int(rec, "status", 0);
        json_decref(e->problem);
        json_t *p = json_object_get(rec, "problem");
        e->problem = p ? json_deep_copy(p) : NULL;
    } else if (strcmp(op, "meta") == 0) {
        json_decref(e->meta);
        e->meta = json_deep_copy(json_object_get(rec, "meta"));
    } else if (strcmp(op, "resubmit") == 0) {
        Outbox_apply_resubmit(e, rec);
    }
}

static void Outbox_load_record(void *ctx, const json_t *rec)
{
    (void)ctx;
    Outbox_apply(rec);
}

/* <state_dir>/outbox/<user>-<FNV-1a of the server URL>[.N].journal: one
 * journal per server and user, a readable name without the URL's slashes. */
static void Outbox_path(char *out, size_t cap, const char *dir, const char *server,
                        const char *user, int n)
{
    char stem[96];
    Text_user_server_stem(user, server, stem, sizeof stem);
    char suffix[16] = "";
    if (n > 1)
        snprintf(suffix, sizeof suffix, ".%d", n);
    Text_format(out, cap, "%s/%s%s.journal", dir, stem, suffix);
}

/* Damaged lines go to <journal>.damaged (0600), never to the log: they
 * may hold personal data, and a person may be able to read them back. */
static void Outbox_set_aside(const char *path, const Buf *bad)
{
    char side[4200];
    snprintf(side, sizeof side, "%s.damaged", path);
    int fd = open(side, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return;
    if (write(fd, bad->data, bad->len) < 0 || fsync(fd) < 0)
        Log_event(LOG_WARN, "outbox_set_aside_failed", "errno=%d", errno);
    close(fd);
}

static void Outbox_report_damage(const char *path, const JournalDamage *d, const Buf *bad)
{
    if (!d->damaged)
        return;
    ob.damaged = d->damaged;
    Outbox_set_aside(path, bad);
    Log_event(LOG_WARN, "outbox_journal_damaged", "damaged=%zu first_line=%zu torn_bytes=%zu kept=%zu",
              d->damaged, d->first_line, d->torn_bytes, ob.n);
    snprintf(notice, sizeof notice, "The outbox journal had %zu damaged record%s (line %zu%s); "
             "%zu unsent record%s kept. The damaged part was set aside in %.200s.damaged: tell your supervisor.",
             d->damaged, d->damaged == 1 ? "" : "s", d->first_line,
             d->torn_bytes ? ", cut off mid-write" : "", ob.n, ob.n == 1 ? "" : "s", path);
}

static const unsigned char *Outbox_key(void)
{
    return ob.keyed ? ob.key : NULL;
}

static size_t Outbox_live_in(const char *path);

/* A journal holding records sealed with a key we do not have is left as
 * it is (to be sent once the key is back), and so are the entries it gave:
 * forgotten here, kept there. */
static bool Outbox_leave_sealed(const char *path, Journal *j, const JournalDamage *d, size_t before)
{
    if (!d->sealed)
        return false;
    while (ob.n > before)
        Outbox_entry_free(ob.v[--ob.n]);
    ob.sealed += Outbox_live_in(path);
    Log_event(LOG_WARN, "outbox_journal_sealed", "sealed=%zu", d->sealed);
    Journal_close(j);
    return true;
}

void Outbox_set_key(const unsigned char *key)
{
    ob.keyed = key != NULL;
    if (key)
        memcpy(ob.key, key, SEAL_KEY_LEN);
    else
        explicit_bzero(ob.key, sizeof ob.key);
}

size_t Outbox_sealed(void)
{
    return ob.sealed;
}

/* A journal another instance left behind (it is not locked any more):
 * its entries join ours, then it goes. */
static void Outbox_adopt(const char *path)
{
    JournalDamage d;
    Buf bad = BUF_INIT;
    size_t before = ob.n;
    Journal *other = Journal_open_keyed(path, Outbox_key(), Outbox_load_record, NULL, &d, &bad);
    if (!other || Outbox_leave_sealed(path, other, &d, before)) {
        Buf_free(&bad);
        return;
    }
    Outbox_report_damage(path, &d, &bad);
    Buf_free(&bad);
    int ok = 0;
    for (size_t i = before; i < ob.n && ok == 0; i++) {
        json_t *rec = Outbox_put_record(ob.v[i]);
        ok = Journal_append(ob.j, rec);
        json_decref(rec);
    }
    if (ok == 0)
        unlink(path);
    Log_event(LOG_INFO, "outbox_adopted", "entries=%zu ok=%d", ob.n - before, ok == 0);
    Journal_close(other);
}

static int Outbox_open_first_free(const char *dir, const char *server, const char *user,
                                  JournalDamage *d, Buf *bad, int *which)
{
    char path[4200];
    for (int n = 1; n <= MAX_SIBLINGS; n++) {
        Outbox_path(path, sizeof path, dir, server, user, n);
        ob.j = Journal_open_keyed(path, Outbox_key(), Outbox_load_record, NULL, d, bad);
        if (ob.j && Outbox_leave_sealed(path, ob.j, d, 0)) {
            ob.j = NULL;
            Buf_reset(bad);
            memset(d, 0, sizeof *d);
            continue;
        }
        if (ob.j) {
            *which = n;
            return 0;
        }
        if (errno != EWOULDBLOCK)
            return -1;
    }
    errno = EWOULDBLOCK;
    return -1;
}

int Outbox_load(const char *state_dir, const char *server, const char *username)
{
    char dir[4200], path[4200];
    notice[0] = '\0';
    snprintf(dir, sizeof dir, "%s/outbox", state_dir);
    JournalDamage d = {0};
    Buf bad = BUF_INIT;
    int which = 0;
    if (Journal_mkdirs(dir) < 0 ||
        Outbox_open_first_free(dir, server, username, &d, &bad, &which) < 0) {
        snprintf(ob.err, sizeof ob.err, "The outbox journal in %.300s cannot be used (%s): "
                 "records cannot be kept safely, so nothing can be sent.", dir, strerror(errno));
        Log_event(LOG_ERROR, "outbox_open_failed", "errno=%d", errno);
        Buf_free(&bad);
        return -1;
    }
    Outbox_report_damage(Journal_path(ob.j), &d, &bad);
    if (bad.data)
        explicit_bzero(bad.data, bad.len);
    Buf_free(&bad);
    /* Those before ours were held by another instance or are sealed. */
    for (int n = which + 1; n <= MAX_SIBLINGS; n++) {
        Outbox_path(path, sizeof path, dir, server, username, n);
        if (access(path, F_OK) == 0)
            Outbox_adopt(path);
    }
    /* Start every run from a clean file: no dead or damaged lines, and
     * no torn tail for the next append to be glued onto. */
    Outbox_compact(true);
    if (!notice[0] && ob.n)
        snprintf(notice, sizeof notice, "%zu record%s from your last session will be sent now.",
                 ob.n, ob.n == 1 ? "" : "s");
    if (ob.sealed)
        snprintf(notice, sizeof notice, "%zu unsent record%s for the keyring (locked or no D-Bus): "
                 "kept, not lost.", ob.sealed, ob.sealed == 1 ? " waits" : "s wait");
    Log_event(LOG_INFO, "outbox_open", "entries=%zu instance=%d damaged=%zu sealed=%zu keyed=%d",
              ob.n, which, d.damaged, ob.sealed, ob.keyed ? 1 : 0);
    return 0;
}

/* What peeking at journals found: live ids, and whether any were sealed. */
typedef struct Peek {
    json_t *live;
    bool sealed;
} Peek;

/* Live ids: a put adds one, done and discard take it away again. */
static void Outbox_peek_record(void *ctx, const json_t *rec)
{
    Peek *p = ctx;
    const char *op = Jsonx_str(rec, "op", ""), *id = Jsonx_str(rec, "id", "");
    p->sealed = p->sealed || Seal_is_sealed(rec);
    if (!id[0])
        return;
    if (strcmp(op, "put") == 0)
        json_object_set_new(p->live, id, json_true());
    else if (strcmp(op, "done") == 0 || strcmp(op, "discard") == 0)
        json_object_del(p->live, id);
}

/* Peeks at one journal (path set) or all of a user's (path NULL). */
static Peek Outbox_peek(const char *path, const char *state_dir, const char *server, const char *user)
{
    Peek p = {json_object(), false};
    char dir[4200], each[4200];
    if (!p.live)
        return p;
    if (path) {
        Journal_peek(path, Outbox_peek_record, &p);
        return p;
    }
    snprintf(dir, sizeof dir, "%s/outbox", state_dir);
    for (int n = 1; n <= MAX_SIBLINGS; n++) {
        Outbox_path(each, sizeof each, dir, server, user, n);
        Journal_peek(each, Outbox_peek_record, &p);
    }
    return p;
}

static size_t Outbox_live_in(const char *path)
{
    Peek p = Outbox_peek(path, NULL, NULL, NULL);
    size_t n = json_object_size(p.live);
    json_decref(p.live);
    return n;
}

size_t Outbox_waiting_on_disk(const char *state_dir, const char *server, const char *username)
{
    if (!username || !username[0])
        return 0;
    Peek p = Outbox_peek(NULL, state_dir, server, username);
    size_t n = json_object_size(p.live);
    json_decref(p.live);
    return n;
}

bool Outbox_sealed_on_disk(const char *state_dir, const char *server, const char *username)
{
    Peek p = Outbox_peek(NULL, state_dir, server, username);
    json_decref(p.live);
    return p.sealed;
}
