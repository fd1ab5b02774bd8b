#include "client/core/http.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "client/core/version.h"
#include "common/buf.h"
#include "common/log.h"
#include "common/timefmt.h"

struct HttpReq {
    CURL *easy;
    struct curl_slist *headers;
    char *body;           /* request body, owned */
    Buf response;
    char content_type[96];
    long retry_after;
    bool replayed;
    HttpDone done;
    void *ctx;
    long long started_ms;
    char method[8];
    char errbuf[CURL_ERROR_SIZE];
    HttpReq *next;
};

static CURLM *multi;
static HttpOptions options;
static HttpReq *active;
static int running_count;

int Http_init(const HttpOptions *opt)
{
    options = *opt;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return -1;
    multi = curl_multi_init();
    return multi ? 0 : -1;
}

CURLM *Http_multi(void)
{
    return multi;
}

static size_t Http_on_body(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    HttpReq *r = userdata;
    size_t n = size * nmemb;
    /* A single view never needs more than a few MB; refuse a runaway body. */
    if (r->response.len + n > 16u * 1024 * 1024)
        return 0;
    return Buf_append(&r->response, ptr, n) == 0 ? n : 0;
}

static size_t Http_on_header(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    HttpReq *r = userdata;
    size_t n = size * nmemb;
    char line[256];
    size_t k = n < sizeof line - 1 ? n : sizeof line - 1;
    memcpy(line, ptr, k);
    line[k] = '\0';
    line[strcspn(line, "\r\n")] = '\0';
    if (strncasecmp(line, "Content-Type:", 13) == 0) {
        const char *v = line + 13;
        while (*v == ' ')
            v++;
        snprintf(r->content_type, sizeof r->content_type, "%.*s", (int)sizeof r->content_type - 1, v);
    } else if (strncasecmp(line, "Retry-After:", 12) == 0) {
        r->retry_after = strtol(line + 12, NULL, 10);
    } else if (strncasecmp(line, "Idempotent-Replayed:", 20) == 0) {
        r->replayed = strstr(line + 20, "true") != NULL;
    }
    return n;
}

static void Http_wipe_free(char *s)
{
    if (!s)
        return;
    explicit_bzero(s, strlen(s));
    free(s);
}

static void Http_free(HttpReq *r)
{
    curl_multi_remove_handle(multi, r->easy);
    curl_easy_cleanup(r->easy);
    /* Headers carry the bearer token and bodies may carry a password. */
    for (struct curl_slist *h = r->headers; h; h = h->next)
        explicit_bzero(h->data, strlen(h->data));
    curl_slist_free_all(r->headers);
    Http_wipe_free(r->body);
    if (r->response.data)
        explicit_bzero(r->response.data, r->response.len);
    Buf_free(&r->response);
    free(r);
}

static void Http_unlink(HttpReq *r)
{
    for (HttpReq **p = &active; *p; p = &(*p)->next) {
        if (*p == r) {
            *p = r->next;
            return;
        }
    }
}

static void Http_set_options(HttpReq *r, const char *method, const char *url, long timeout_ms)
{
    CURL *e = r->easy;
    curl_easy_setopt(e, CURLOPT_URL, url);
    curl_easy_setopt(e, CURLOPT_PRIVATE, r);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, Http_on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, Http_on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, r);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->errbuf);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_USERAGENT, "frontdoor/" FD_VERSION);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
    if (options.ca_file && options.ca_file[0])
        curl_easy_setopt(e, CURLOPT_CAINFO, options.ca_file);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, options.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, timeout_ms > 0 ? timeout_ms : options.timeout_ms);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    if (strcmp(method, "GET") == 0)
        curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    else if (strcmp(method, "POST") == 0)
        curl_easy_setopt(e, CURLOPT_POST, 1L);
    else
        curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, method);
    if (r->body) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, r->body);
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, (long)strlen(r->body));
    } else if (strcmp(method, "POST") == 0) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, 0L);
    }
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, r->headers);
}

static struct curl_slist *Http_headers(const char *bearer, bool has_body,
                                       const char *const *extra)
{
    struct curl_slist *h = curl_slist_append(NULL, "Accept: application/json, application/problem+json");
    for (size_t i = 0; h && extra && extra[i]; i++)
        h = curl_slist_append(h, extra[i]);
    if (h && has_body)
        h = curl_slist_append(h, "Content-Type: application/json");
    if (h && bearer && bearer[0]) {
        Buf auth = BUF_INIT;
        Buf_printf(&auth, "Authorization: Bearer %s", bearer);
        h = curl_slist_append(h, auth.data);
        explicit_bzero(auth.data, auth.len);
        Buf_free(&auth);
    }
    return h;
}

HttpReq *Http_start_headers(const char *method, const char *url, const char *bearer,
                            const char *json_body, const char *const *extra,
                            long timeout_ms, HttpDone done, void *ctx)
{
    HttpReq *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->easy = curl_easy_init();
    r->headers = Http_headers(bearer, json_body != NULL, extra);
    r->body = json_body ? strdup(json_body) : NULL;
    if (!r->easy || !r->headers || (json_body && !r->body)) {
        Http_free(r);
        return NULL;
    }
    r->done = done;
    r->ctx = ctx;
    r->retry_after = -1;
    r->started_ms = Timefmt_mono_ms();
    snprintf(r->method, sizeof r->method, "%s", method);
    Http_set_options(r, method, url, timeout_ms);
    if (curl_multi_add_handle(multi, r->easy) != CURLM_OK) {
        Http_free(r);
        return NULL;
    }
    r->next = active;
    active = r;
    /* Kick the transfer off now so the first poll waits on its socket. */
    curl_multi_perform(multi, &running_count);
    return r;
}

void Http_cancel(HttpReq *r)
{
    if (!r)
        return;
    Http_unlink(r);
    Http_free(r);
}

static void Http_finish(HttpReq *r, CURLcode code)
{
    HttpResponse resp = {0};
    curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &resp.status);
    resp.body = r->response.data ? r->response.data : "";
    resp.len = r->response.len;
    resp.content_type = r->content_type;
    resp.retry_after = r->retry_after;
    resp.replayed = r->replayed;
    resp.curl_code = code;
    resp.error = code == CURLE_OK ? NULL : (r->errbuf[0] ? r->errbuf : curl_easy_strerror(code));
    resp.elapsed_ms = (long)(Timefmt_mono_ms() - r->started_ms);
    if (code != CURLE_OK)
        resp.status = 0;
    /* Only the method, status and timing: URLs carry search terms. */
    Log_event(LOG_INFO, "http", "method=%s status=%ld curl=%d ms=%ld", r->method,
              resp.status, (int)code, resp.elapsed_ms);
    Http_unlink(r);
    HttpDone done = r->done;
    void *ctx = r->ctx;
    done(ctx, &resp);
    Http_free(r);
}

void Http_perform(void)
{
    curl_multi_perform(multi, &running_count);
    CURLMsg *m;
    int left;
    while ((m = curl_multi_info_read(multi, &left))) {
        if (m->msg != CURLMSG_DONE)
            continue;
        HttpReq *r = NULL;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&r);
        CURLcode code = m->data.result;
        if (r)
            Http_finish(r, code);
    }
}

void Http_cleanup(void)
{
    while (active)
        Http_cancel(active);
    if (multi)
        curl_multi_cleanup(multi);
    multi = NULL;
    curl_global_cleanup();
}
