/* wrapcodes: see wrapup.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/core/loop.h"
#include "client/contact/wrapup.h"
#include "common/jsonx.h"
#include "common/log.h"
#include "common/text.h"

static WrapCode *codes;
static size_t ncodes;
static json_t *usage;          /* {"code": count} */
static bool fetching;
static bool not_reached;       /* the last fetch failed and there is no copy */
static unsigned retry_timer;
static int owner_token;        /* the owner of our API calls */

/* The number keys of the shift: the most used codes as they stood when
 * the tree was first there after sign-in. A key keeps its code until sign
 * out; a key with no code yet takes the next most used one. */
enum { SHIFT_KEYS = 10 };
static char shift_keys[SHIFT_KEYS][64];
static size_t nshift_keys;

void Wrapcodes_free(void)
{
    nshift_keys = 0;
    free(codes);
    codes = NULL;
    ncodes = 0;
    json_decref(usage);
    usage = NULL;
    Api_cancel_owner(&owner_token);
    fetching = false;
    not_reached = false;
    if (retry_timer)
        Loop_timer_cancel(retry_timer);
    retry_timer = 0;
}

bool Wrapcodes_not_reached(void)
{
    return not_reached && ncodes == 0;
}

size_t Wrapcodes_count(void)
{
    return ncodes;
}

const WrapCode *Wrapcodes_get(size_t i)
{
    return i < ncodes ? &codes[i] : NULL;
}

const WrapCode *Wrapcodes_find(const char *code)
{
    for (size_t i = 0; code && i < ncodes; i++)
        if (strcmp(codes[i].code, code) == 0)
            return &codes[i];
    return NULL;
}

/* The tree as the server sends it: items[] of topics with reasons[]. */
static bool Wrapcodes_from_json(const json_t *tree)
{
    json_t *items = json_object_get(tree, "items");
    size_t n = 0, i, k;
    json_t *t, *r;
    json_array_foreach(items, i, t)
        n += json_array_size(json_object_get(t, "reasons"));
    if (!n)
        return false;
    WrapCode *c = calloc(n, sizeof *c);
    if (!c)
        return false;
    size_t at = 0;
    json_array_foreach(items, i, t) {
        json_array_foreach(json_object_get(t, "reasons"), k, r) {
            WrapCode *w = &c[at++];
            snprintf(w->code, sizeof w->code, "%s", Jsonx_str(r, "code", ""));
            snprintf(w->label, sizeof w->label, "%s", Jsonx_str(r, "label", w->code));
            snprintf(w->topic, sizeof w->topic, "%s", Jsonx_str(t, "code", ""));
            snprintf(w->topic_label, sizeof w->topic_label, "%s", Jsonx_str(t, "label", w->topic));
            w->avoidable = Jsonx_bool(r, "avoidable", false);
            w->progress_chasing = Jsonx_bool(r, "progress_chasing", false);
        }
    }
    free(codes);
    codes = c;
    ncodes = at;
    return true;
}

static void Wrapcodes_fix_shift_keys(void);

static void Wrapcodes_path(char *out, size_t cap, const char *what)
{
    if (strcmp(what, "tree") == 0)
        snprintf(out, cap, "%s/wrapcodes.json", app.cfg.state_dir);
    else
        snprintf(out, cap, "%s/wrap-usage-%s.json", app.cfg.state_dir, app.session.username);
}

static void Wrapcodes_retry(void *data)
{
    (void)data;
    retry_timer = 0;
    Wrapcodes_refresh();
}

/* With no copy at all the wrap-up cannot be finished, so keep asking
 * (every retry_seconds) until the server answers; with a copy, the next
 * sign-in or wrap-up asks again. */
static void Wrapcodes_failed(long status)
{
    Log_event(LOG_INFO, "wrapcodes_fetch", "status=%ld cached=%zu", status, ncodes);
    not_reached = true;
    if (ncodes == 0 && !retry_timer)
        retry_timer = Loop_timer_add(1000LL * (app.cfg.retry_seconds > 0 ? app.cfg.retry_seconds : 5),
                                     Wrapcodes_retry, NULL);
    Loop_dirty();
}

static void Wrapcodes_answer(void *owner, int tag, const ApiResult *r)
{
    (void)owner; (void)tag;
    fetching = false;
    if (r->status != 200 || !Wrapcodes_from_json(r->json)) {
        Wrapcodes_failed(r->status);
        return;
    }
    not_reached = false;
    char path[1200];
    Wrapcodes_path(path, sizeof path, "tree");
    if (json_dump_file(r->json, path, JSON_COMPACT) < 0)
        Log_event(LOG_WARN, "wrapcodes_cache_not_saved", NULL);
    Wrapcodes_fix_shift_keys();
    Loop_dirty();
}

void Wrapcodes_refresh(void)
{
    if (fetching || !Api_has_token())
        return;
    fetching = true;
    ApiContent_wrapcodes((ApiTo){.done = Wrapcodes_answer, .owner = &owner_token, .label = "Loading wrap codes"});
}

void Wrapcodes_load(void)
{
    char path[1200];
    Wrapcodes_path(path, sizeof path, "tree");
    json_t *tree = json_load_file(path, 0, NULL);
    if (tree)
        Wrapcodes_from_json(tree);
    json_decref(tree);
    json_decref(usage);
    Wrapcodes_path(path, sizeof path, "usage");
    usage = json_load_file(path, 0, NULL);
    if (!json_is_object(usage)) {
        json_decref(usage);
        usage = json_object();
    }
    Wrapcodes_fix_shift_keys();
    Wrapcodes_refresh();
}

bool Wrapcodes_match(const WrapCode *w, const char *filter)
{
    const char *hay[] = {w->label, w->topic_label, w->code};
    return Text_words_in_any(filter, hay, 3);
}

bool Wrapcodes_is_safeguarding(const WrapCode *w)
{
    return w && strcmp(w->topic, "safeguarding") == 0;
}

void Wrapcodes_note_used(const char *code)
{
    if (!usage || !code)
        return;
    json_object_set_new(usage, code, json_integer(Jsonx_int(usage, code, 0) + 1));
    char path[1200];
    Wrapcodes_path(path, sizeof path, "usage");
    if (json_dump_file(usage, path, JSON_COMPACT) < 0)
        Log_event(LOG_WARN, "wrap_usage_not_saved", NULL);
}

/* The most used codes now, most used first (ties: the tree's order). */
static size_t Wrapcodes_ranked(const WrapCode **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < ncodes; i++) {
        long long c = Jsonx_int(usage, codes[i].code, 0);
        if (c <= 0 || Wrapcodes_is_safeguarding(&codes[i]))
            continue;
        /* insertion into the sorted top list */
        size_t at = n < max ? n : max;
        while (at > 0 && Jsonx_int(usage, out[at - 1]->code, 0) < c)
            at--;
        if (at >= max)
            continue;
        size_t last = n < max ? n : max - 1;
        memmove(out + at + 1, out + at, (last - at) * sizeof *out);
        out[at] = &codes[i];
        if (n < max)
            n++;
    }
    return n;
}

static bool Wrapcodes_is_shift_key(const char *code)
{
    for (size_t i = 0; i < nshift_keys; i++)
        if (strcmp(shift_keys[i], code) == 0)
            return true;
    return false;
}

size_t Wrapcodes_top(const WrapCode **out, size_t max)
{
    const WrapCode *ranked[SHIFT_KEYS];
    size_t n = Wrapcodes_ranked(ranked, SHIFT_KEYS);
    for (size_t i = 0; i < n && nshift_keys < SHIFT_KEYS; i++)
        if (!Wrapcodes_is_shift_key(ranked[i]->code))
            snprintf(shift_keys[nshift_keys++], sizeof shift_keys[0], "%s", ranked[i]->code);
    size_t got = 0;
    for (; got < nshift_keys && got < max; got++)
        out[got] = Wrapcodes_find(shift_keys[got]);   /* NULL: gone from a fresh tree */
    return got;
}

/* The keys are set when the tree is first there after sign-in. */
static void Wrapcodes_fix_shift_keys(void)
{
    const WrapCode *keys[SHIFT_KEYS];
    Wrapcodes_top(keys, SHIFT_KEYS);
}
