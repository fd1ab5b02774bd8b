/* http: asynchronous HTTP requests on one libcurl multi handle.
 *
 * The event loop polls Http_multi() and calls Http_perform() after every
 * wake; finished transfers are handed to their callbacks from there. */
#ifndef FD_HTTP_H
#define FD_HTTP_H
#include <curl/curl.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct HttpResponse {
    long status;          /* 0 when no HTTP response arrived */
    const char *body;     /* NUL-terminated, possibly empty */
    size_t len;
    const char *content_type;
    long retry_after;     /* seconds from a Retry-After header, or -1 */
    CURLcode curl_code;   /* CURLE_OK unless the transfer failed */
    const char *error;    /* curl's message when curl_code != CURLE_OK */
    long elapsed_ms;
    bool replayed;        /* Idempotent-Replayed: true (an outbox retry) */
} HttpResponse;

typedef void (*HttpDone)(void *ctx, const HttpResponse *resp);
typedef struct HttpReq HttpReq;

typedef struct HttpOptions {
    bool verify_tls;      /* on unless the config says otherwise */
    const char *ca_file;  /* NULL: the system store */
    long connect_timeout_ms;
    long timeout_ms;
} HttpOptions;

int Http_init(const HttpOptions *opt);
void Http_cleanup(void);
CURLM *Http_multi(void);
/* Starts a request; body may be NULL. The bearer token is copied and wiped
 * when the request ends. headers: more request headers ("If-Match: \"3\"",
 * ...; NULL ends the list; headers itself may be NULL), for the outbox.
 * timeout_ms: 0 for the configured timeout, else this request's own (a
 * long-poll the server holds longer than any ordinary answer takes).
 * Returns NULL when the request could not start. */
HttpReq *Http_start_headers(const char *method, const char *url, const char *bearer,
                            const char *json_body, const char *const *headers,
                            long timeout_ms, HttpDone done, void *ctx);
/* Aborts a request; its callback is never called. */
void Http_cancel(HttpReq *req);
void Http_perform(void);

#endif
