#include "client/api/api.h"
#include "client/api/api_int.h"

#include <curl/curl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "client/core/http.h"
#include "client/core/loop.h"
#include "common/timefmt.h"

struct ApiCall {
    char method[8];
    char *path;
    char *body;          /* serialised, kept for retries; may hold a password */
    unsigned flags;
    char **headers;      /* extra request headers, NULL-terminated, or NULL */
    char label[48];
    ApiDone done;
    void *owner;
    int tag;
    HttpReq *req;        /* NULL while waiting to retry */
    long long started_ms; /* when req went out (monotonic) */
    unsigned retry_timer;
    long long retry_at_ms;
    ApiCall *next;
};

static char server[512];
static char *token;
static ApiCall *calls;
static void (*unauthorized_hook)(void);
static unsigned tick_timer;
static int retry_seconds = API_RETRY_SECONDS;

void Api_set_retry_seconds(int seconds)
{
    retry_seconds = seconds > 0 ? seconds : API_RETRY_SECONDS;
}

void Api_set_server(const char *base_url)
{
    snprintf(server, sizeof server, "%s", base_url);
    size_t n = strlen(server);
    while (n > 0 && server[n - 1] == '/')
        server[--n] = '\0';
}

const char *Api_server(void)
{
    return server;
}

void Api_set_token(const char *t)
{
    if (token) {
        explicit_bzero(token, strlen(token));
        free(token);
        token = NULL;
    }
    if (t && t[0])
        token = strdup(t);
}

bool Api_has_token(void)
{
    return token != NULL;
}

const char *Api_client_id(void)
{
    static char id[23];
    if (id[0])
        return id;
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    unsigned char raw[sizeof id - 1];
    if (getrandom(raw, sizeof raw, GRND_NONBLOCK) != (ssize_t)sizeof raw) {
        /* No entropy yet (early boot): unique enough for a heartbeat. */
        unsigned long long seed = (unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 32);
        for (size_t i = 0; i < sizeof raw; i++, seed = seed * 6364136223846793005ULL + 1)
            raw[i] = (unsigned char)(seed >> 33);
    }
    for (size_t i = 0; i < sizeof raw; i++)
        id[i] = alphabet[raw[i] & 63];
    return id;
}

void Api_on_unauthorized(void (*fn)(void))
{
    unauthorized_hook = fn;
}

static void Api_wipe_free(char *s)
{
    if (s) {
        explicit_bzero(s, strlen(s));
        free(s);
    }
}

static void Api_unlink_free(ApiCall *c)
{
    for (ApiCall **p = &calls; *p; p = &(*p)->next) {
        if (*p == c) {
            *p = c->next;
            break;
        }
    }
    if (c->req)
        Http_cancel(c->req);
    if (c->retry_timer)
        Loop_timer_cancel(c->retry_timer);
    free(c->path);
    Api_wipe_free(c->body);
    for (size_t i = 0; c->headers && c->headers[i]; i++)
        free(c->headers[i]);
    free(c->headers);
    free(c);
    Loop_dirty();
}

/* Plain words for a failed call: the server's problem detail when it sent
 * one, else what we know from the status or the transport. */
static void Api_message(const HttpResponse *r, const json_t *json, char *out, size_t cap)
{
    const char *detail = json ? json_string_value(json_object_get(json, "detail")) : NULL;
    const char *title = json ? json_string_value(json_object_get(json, "title")) : NULL;
    if (r->status == 0)
        snprintf(out, cap, "Server unreachable at %s. Check the network or the server address, "
                 "then try again. (%s)", server, r->error ? r->error : "no answer");
    else if (detail && detail[0])
        snprintf(out, cap, "%s", detail);
    else if (title && title[0])
        snprintf(out, cap, "%s", title);
    else if (r->status >= 500)
        snprintf(out, cap, "The server had a problem (HTTP %ld). Try again in a moment.", r->status);
    else
        snprintf(out, cap, "The server refused the request (HTTP %ld).", r->status);
}

static bool Api_should_retry(const ApiCall *c, const HttpResponse *r)
{
    if (!(c->flags & API_RETRY))
        return false;
    return r->status == 0 || r->status == 502 || r->status == 503 || r->status == 504;
}

static void Api_start(ApiCall *c);

static void Api_retry_due(void *data)
{
    ApiCall *c = data;
    c->retry_timer = 0;
    Api_start(c);
}

/* While anything is pending, redraw once a second so the retry countdown
 * and the "not answering" notice in the status line stay true. */
static bool Api_any_ticking(void)
{
    for (ApiCall *c = calls; c; c = c->next)
        if (!(c->flags & API_LONG_POLL))
            return true;
    return false;
}

static void Api_tick(void *data)
{
    (void)data;
    tick_timer = 0;
    if (Api_any_ticking()) {
        Loop_dirty();
        tick_timer = Loop_timer_add(1000, Api_tick, NULL);
    }
}

static void Api_http_done(void *ctx, const HttpResponse *r)
{
    ApiCall *c = ctx;
    c->req = NULL;
    if (Api_should_retry(c, r)) {
        c->retry_at_ms = Timefmt_mono_ms() + retry_seconds * 1000LL;
        c->retry_timer = Loop_timer_add(retry_seconds * 1000LL, Api_retry_due, c);
        if (!tick_timer)
            tick_timer = Loop_timer_add(1000, Api_tick, NULL);
        Loop_dirty();
        return;
    }
    json_error_t jerr;
    json_t *json = r->len ? json_loadb(r->body, r->len, 0, &jerr) : NULL;
    char msg[1024] = "";
    if (r->status < 200 || r->status > 299)
        Api_message(r, json, msg, sizeof msg);
    ApiResult res = {.status = r->status, .json = json, .message = msg,
                     .retry_after = r->retry_after, .replayed = r->replayed};
    bool authed = !(c->flags & API_NO_AUTH);
    ApiDone done = c->done;
    void *owner = c->owner;
    int tag = c->tag;
    Api_unlink_free(c);
    done(owner, tag, &res);
    json_decref(json);
    if (authed && r->status == 401 && unauthorized_hook)
        unauthorized_hook();
}

/* The call's own headers after the client id every request carries. */
static void Api_headers(const ApiCall *c, char *client, size_t cap, const char **out, size_t n)
{
    snprintf(client, cap, "X-Frontdoor-Client: %s", Api_client_id());
    size_t k = 0;
    out[k++] = client;
    for (size_t i = 0; c->headers && c->headers[i] && k + 1 < n; i++)
        out[k++] = c->headers[i];
    out[k] = NULL;
}

static void Api_start(ApiCall *c)
{
    char url[2048], client[64];
    const char *headers[16];
    snprintf(url, sizeof url, "%s%s", server, c->path);
    Api_headers(c, client, sizeof client, headers, sizeof headers / sizeof *headers);
    c->started_ms = Timefmt_mono_ms();
    c->req = Http_start_headers(c->method, url, (c->flags & API_NO_AUTH) ? NULL : token, c->body,
                                headers, (c->flags & API_LONG_POLL) ? API_LONG_POLL_MS : 0,
                                Api_http_done, c);
    if (!tick_timer && !(c->flags & API_LONG_POLL))
        tick_timer = Loop_timer_add(1000, Api_tick, NULL);
    if (!c->req) {
        /* Out of memory or a bad URL: report it like a failed transfer. */
        HttpResponse r = {.status = 0, .body = "", .error = "could not start the request"};
        Api_http_done(c, &r);
    }
    Loop_dirty();
}

ApiCall *Api_send(ApiTo to, const char *method, json_t *body, unsigned flags, const char *fmt, ...)
{
    char path[2048];
    int n = snprintf(path, sizeof path, "%s", API_ROOT);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path + n, sizeof path - (size_t)n, fmt, ap);
    va_end(ap);
    return Api_request_headers(method, path, body, NULL, flags, to.label, to.done, to.owner, to.tag);
}

ApiCall *Api_send_id(ApiTo to, const char *method, json_t *body, unsigned flags,
                     const char *fmt, const char *id)
{
    char e[800], path[2048];   /* a search's words, percent-encoded, are the longest id */
    Api_escape(id, e, sizeof e);
    const char *at = strstr(fmt, "%s");
    if (!at)
        at = fmt + strlen(fmt);
    snprintf(path, sizeof path, "%s%.*s%s%s", API_ROOT, (int)(at - fmt), fmt, e, *at ? at + 2 : "");
    return Api_request_headers(method, path, body, NULL, flags, to.label, to.done, to.owner, to.tag);
}

static char **Api_copy_headers(const char *const *headers)
{
    size_t n = 0;
    while (headers && headers[n])
        n++;
    char **out = n ? calloc(n + 1, sizeof *out) : NULL;
    for (size_t i = 0; out && i < n; i++)
        out[i] = strdup(headers[i]);
    return out;
}

ApiCall *Api_request_headers(const char *method, const char *path, json_t *body,
                             const char *const *headers, unsigned flags, const char *label,
                             ApiDone done, void *owner, int tag)
{
    ApiCall *c = calloc(1, sizeof *c);
    if (!c) {
        json_decref(body);
        return NULL;
    }
    c->headers = Api_copy_headers(headers);
    snprintf(c->method, sizeof c->method, "%s", method);
    snprintf(c->label, sizeof c->label, "%s", label ? label : "Working");
    c->path = strdup(path);
    c->body = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    c->flags = flags;
    c->done = done;
    c->owner = owner;
    c->tag = tag;
    c->next = calls;
    calls = c;
    Api_start(c);
    /* Api_start may have finished (and freed) the call already. */
    for (ApiCall *p = calls; p; p = p->next)
        if (p == c)
            return c;
    return NULL;
}

void Api_cancel(ApiCall *c)
{
    for (ApiCall *p = calls; p; p = p->next) {
        if (p == c) {
            Api_unlink_free(c);
            return;
        }
    }
}

void Api_cancel_owner(void *owner)
{
    ApiCall *c = calls;
    while (c) {
        ApiCall *next = c->next;
        if (c->owner == owner)
            Api_unlink_free(c);
        c = next;
    }
}

bool Api_cancel_latest(void)
{
    /* Newest first: the list is pushed at the head. The outbox's sends
     * are not the advisor's to cancel with Esc. */
    ApiCall *c = calls;
    while (c && (c->flags & API_BACKGROUND))
        c = c->next;
    if (!c)
        return false;
    ApiDone done = c->done;
    void *owner = c->owner;
    int tag = c->tag;
    Api_unlink_free(c);
    ApiResult res = {.status = -1, .json = NULL, .message = "Cancelled.", .retry_after = -1};
    done(owner, tag, &res);
    return true;
}

bool Api_waiting_to_retry(void)
{
    for (ApiCall *c = calls; c; c = c->next)
        if (!c->req && !(c->flags & API_BACKGROUND))
            return true;
    return false;
}

long long Api_unanswered_ms(const ApiCall *c)
{
    for (const ApiCall *p = calls; c && p; p = p->next) {
        if (p == c) {
            long long age = c->req ? Timefmt_mono_ms() - c->started_ms : 0;
            return age >= API_SLOW_MS ? age : 0;
        }
    }
    return 0;
}

bool Api_stalled(const ApiCall *c)
{
    for (const ApiCall *p = calls; c && p; p = p->next)
        if (p == c)
            return !c->req || Api_unanswered_ms(c) > 0;
    return false;
}

void Api_status(char *out, size_t cap)
{
    out[0] = '\0';
    for (ApiCall *c = calls; c; c = c->next) {
        if (!c->req && !(c->flags & API_BACKGROUND)) {
            long long left = (c->retry_at_ms - Timefmt_mono_ms() + 999) / 1000;
            if (left < 1)
                left = 1;
            snprintf(out, cap, "Server unreachable \u2014 retrying in %lld s. Your work is kept.", left);
            return;
        }
    }
    for (ApiCall *c = calls; c; c = c->next) {
        long long slow = Api_unanswered_ms(c);
        if (!(c->flags & API_BACKGROUND) && slow) {
            snprintf(out, cap, "Server not answering (%lld s), still trying. Your work is kept.",
                     slow / 1000);
            return;
        }
        if (!(c->flags & API_BACKGROUND)) {
            snprintf(out, cap, "%s\u2026", c->label);
            return;
        }
    }
}

void Api_escape(const char *s, char *out, size_t cap)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && o + 4 < cap; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            out[o++] = (char)*p;
        } else {
            out[o++] = '%';
            out[o++] = hex[*p >> 4];
            out[o++] = hex[*p & 15];
        }
    }
    out[o] = '\0';
}

void Api_cleanup(void)
{
    while (calls)
        Api_unlink_free(calls);
    if (tick_timer)
        Loop_timer_cancel(tick_timer);
    tick_timer = 0;
    Api_set_token(NULL);
}
