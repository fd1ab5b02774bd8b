/* api: calls to the frontdoord REST API on top of http: the transport
 * beneath the typed calls (lib.h, which callers include).
 *
 * Every call has an owner (normally a view) and a tag; the answer goes back
 * to the owner with the JSON parsed and any problem+json turned into plain
 * words. Reads marked API_RETRY survive an unreachable server: they wait
 * and try again every few seconds, and the status line says so. */
#ifndef FD_API_H
#define FD_API_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct ApiResult {
    long status;          /* HTTP status; 0 when the server was not reached */
    json_t *json;         /* parsed body, borrowed for the callback; may be NULL */
    const char *message;  /* plain words for a person when status is not 2xx */
    long retry_after;     /* seconds, from a 429, or -1 */
    bool replayed;        /* Idempotent-Replayed: the server's stored answer */
} ApiResult;

typedef void (*ApiDone)(void *owner, int tag, const ApiResult *res);
typedef struct ApiCall ApiCall;

/* Who hears an answer (done(owner, tag, ...)) and what the status line
 * says while it is pending. Every typed call in api/ takes one. */
typedef struct ApiTo {
    ApiDone done;
    void *owner;
    int tag;
    const char *label;
} ApiTo;

enum {
    API_RETRY = 1,   /* a read: retry while the server is unreachable */
    API_NO_AUTH = 2, /* do not send the bearer token */
    API_BACKGROUND = 4, /* the outbox: not in the status line, Esc leaves it alone */
    API_LONG_POLL = 8,  /* held by the server (GET events): background, its own
                           timeout, no once-a-second redraw while it waits */
};

enum { API_RETRY_SECONDS = 5 };
/* A long-poll's own timeout: the server's hold (25 s) and room to answer. */
#define API_LONG_POLL_MS 40000L
void Api_set_retry_seconds(int seconds);

void Api_set_server(const char *base_url);
const char *Api_server(void);
/* The bearer token for later calls; NULL or "" clears (and wipes) it. */
void Api_set_token(const char *token);
bool Api_has_token(void);
/* This client run's id, sent on every request as X-Frontdoor-Client (so
 * any request, the live channel's long-poll above all, is the presence
 * heartbeat). Made once per process. */
const char *Api_client_id(void);
/* Called after an authenticated call comes back 401 (token expired). */
void Api_on_unauthorized(void (*fn)(void));

/* The outbox's replay of a journalled write: path as journalled, extra
 * request headers (NULL-terminated, copied), e.g. "Idempotency-Key: ..."
 * and "If-Match: ...". label says what is pending in the status line;
 * body is stolen (decref'd) and may be NULL. Everything else asks
 * through the typed calls (lib.h), which build the path themselves. */
ApiCall *Api_request_headers(const char *method, const char *path, json_t *body,
                             const char *const *headers, unsigned flags, const char *label,
                             ApiDone done, void *owner, int tag);
void Api_cancel(ApiCall *call);
void Api_cancel_owner(void *owner);
/* Cancels the newest pending call (Esc); false when nothing was pending. */
bool Api_cancel_latest(void);

/* Status text for what is pending, e.g. "Searching" or the retry notice;
 * "" when nothing is. */
void Api_status(char *out, size_t cap);
bool Api_waiting_to_retry(void);
/* A server that takes connections but does not answer (frozen) is
 * reported after this long, like one that is down. */
#define API_SLOW_MS 5000
/* How long c has waited for an answer once that is API_SLOW_MS or more;
 * 0 while it is younger, waiting to retry, or gone. */
long long Api_unanswered_ms(const ApiCall *c);
/* True while c waits to retry (server down) or is unanswered (frozen). */
bool Api_stalled(const ApiCall *c);

void Api_cleanup(void);

#endif
