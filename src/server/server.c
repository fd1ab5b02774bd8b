#include "server/server.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "common/buf.h"
#include "common/log.h"
#include "common/rnd.h"
#include "common/timefmt.h"
#include "server/compress.h"
#include "server/connguard.h"
#include "server/events.h"
#include "server/eventwait.h"
#include "server/idem.h"
#include "server/metrics.h"
#include "server/peers.h"
#include "server/presence.h"
#include "server/pwgate.h"
#include "server/roles.h"
#include "server/router.h"

/* One request's state, from its request line to its answer. */
/* UP_HELD: a long-poll suspended in eventwait; UP_WOKEN: resumed by it,
 * to be dispatched again. */
typedef enum { UP_RECEIVING, UP_OFFLOADED, UP_HELD, UP_WOKEN, UP_ANSWERED, UP_SENT } UploadStage;

typedef struct Upload {
    Buf body;
    bool too_large;
    bool headers_done;
    bool control_in_path;  /* the raw path held %00-%1F or %7F */
    _Atomic UploadStage stage;  /* written by the pool thread, read here */
    long long start_us;
    struct MHD_Connection *conn;
    Request rq;
    Reply reply;
    int route;
    bool held_once;            /* counted by eventwait until sent */
    _Atomic bool hold_over;    /* the hold ran out, or the server stops */
    long long hold_deadline_us;
} Upload;

static struct MHD_Daemon *daemon_handle;
static size_t max_body = 1024 * 1024;

/* The request id is always the server's own: it names the request in the
 * log and the audit trail, where a caller must not be able to choose it (or
 * reuse another request's). A caller's X-Request-Id is kept beside it, as
 * the client's, only if it is short and plain, so it is safe to log. */
static void assign_request_id(Request *rq)
{
    const char *given = Request_header(rq, "X-Request-Id");
    size_t n = given ? strlen(given) : 0;
    bool ok = n > 0 && n < sizeof rq->client_request_id && strspn(given,
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == n;
    if (ok)
        snprintf(rq->client_request_id, sizeof rq->client_request_id, "%s", given);
    if (Rnd_hex_id(rq->request_id, 8) < 0)
        snprintf(rq->request_id, sizeof rq->request_id, "unknown");
    Log_set_request_id(rq->request_id);
}

static const char *bearer_token(const Request *rq)
{
    const char *h = Request_header(rq, "Authorization");
    if (!h || strncasecmp(h, "Bearer ", 7) != 0)
        return NULL;
    h += 7;
    while (*h == ' ')
        h++;
    return *h ? h : NULL;
}

/* Login and role check for routes that need them; false when r is filled. */
static bool authorise(Request *rq, const Route *rt, Reply *r)
{
    if (rt->roles == 0)
        return true;
    rq->token = bearer_token(rq);
    if (!rq->token || !Auth_lookup(rq->db, rq->token, &rq->user)) {
        Reply_problem(r, 401, PROBLEM_UNAUTHENTICATED, "You are not signed in",
                      rq->token ? "The session has expired or was ended. Sign in again."
                                : "Send a bearer token from POST /api/v1/auth/login.");
        Reply_header(r, "WWW-Authenticate", "Bearer realm=\"frontdoor\"");
        return false;
    }
    if (!(rq->user.roles & rt->roles)) {
        Reply_problem(r, 403, PROBLEM_FORBIDDEN, "Your role does not allow this",
                      Roles_refusal(rq->user.roles));
        return false;
    }
    return true;
}

/* One transaction per write, holding the idempotency record too, so a
 * replayed key and the write it stands for are never out of step. */
static void run_write(Request *rq, const Route *rt, Reply *r)
{
    const char *key = Request_header(rq, "Idempotency-Key");
    if (Db_begin(rq->db) < 0) {
        Reply_problem(r, 503, PROBLEM_UNAVAILABLE, "The database is busy", "Try again shortly.");
        return;
    }
    if (key && Idem_check(rq, key, r) != IDEM_FRESH) {
        Db_rollback(rq->db);
        return;
    }
    rt->handler(rq, r);
    bool ok = r->status >= 200 && r->status < 300 && Db_in_transaction(rq->db);
    if (ok && key && Idem_store(rq, key, r) < 0)
        ok = false;
    if (!ok || Db_commit(rq->db) < 0) {
        Db_rollback(rq->db);
        if (r->status < 300) {
            Reply_problem(r, 503, PROBLEM_UNAVAILABLE, "The change was not saved",
                          "Nothing was changed. Try again; your work is kept.");
        }
    } else {
        Events_committed();   /* wakes the long-polls of GET /api/v1/events */
    }
}

static enum MHD_Result count_host(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
    if (strcasecmp(key, MHD_HTTP_HEADER_HOST) == 0)
        ++*(int *)cls;
    return MHD_YES;
}

/* RFC 9112 3.2: a server MUST answer 400 to an HTTP/1.1 request without
 * exactly one Host header; HTTP/1.0 may leave it out. */
static bool missing_host(const Request *rq)
{
    int hosts = 0;
    if (!rq->version || strcmp(rq->version, MHD_HTTP_VERSION_1_1) != 0)
        return false;
    MHD_get_connection_values(rq->conn, MHD_HEADER_KIND, count_host, &hosts);
    return hosts != 1;
}

static int dispatch(Request *rq, Upload *up, Reply *r)
{
    const Route *rt = NULL;
    char allow[64];
    RouteMatch m = Router_match(rq->method, rq->path, rq, &rt, allow, sizeof allow);
    if (missing_host(rq)) {
        rt = NULL;
        Reply_problem(r, 400, PROBLEM_MALFORMED, "The request needs one Host header",
                      "HTTP/1.1 requests must name the host (RFC 9112 section 3.2).");
    } else if (up->control_in_path) {
        rt = NULL;
        Reply_problem(r, 400, PROBLEM_MALFORMED, "The address holds a control character",
                      "Check the address: no path here holds %00 to %1F or %7F.");
    } else if (m == ROUTE_NO_PATH) {
        Reply_problem(r, 404, PROBLEM_NOT_FOUND, "No such resource",
                      "Check the address; the API lives under /api/v1.");
    } else if (m == ROUTE_BAD_METHOD) {
        char detail[96];
        snprintf(detail, sizeof detail, "This address accepts: %s.", allow);
        Reply_problem(r, 405, PROBLEM_METHOD, "Method not allowed here", detail);
        Reply_header(r, "Allow", allow);
    } else if (up->too_large) {
        Reply_problem(r, 413, PROBLEM_TOO_LARGE, "The request body is too large",
                      "Bodies are limited to 1 MiB.");
    } else if (!(rq->db = Db_get())) {
        Reply_problem(r, 503, PROBLEM_UNAVAILABLE, "The database is unavailable",
                      "Try again shortly.");
    } else if (authorise(rq, rt, r)) {
        Presence_seen(rq);   /* the client's heartbeat (presence.h) */
        if (rt->flags & ROUTE_WRITE)
            run_write(rq, rt, r);
        else
            rt->handler(rq, r);
        Db_rollback(rq->db); /* a handler that failed midway leaves nothing open */
        Db_release(rq->db);
    }
    return rt ? (int)(rt - Router_at(0)) : -1;
}

/* gzip the body when the caller accepts it and it is worth it. */
static bool maybe_compress(const Request *rq, Reply *r)
{
    char *packed;
    size_t len;
    if (r->len < COMPRESS_MIN_BYTES ||
        !Compress_accepts_gzip(Request_header(rq, "Accept-Encoding")) ||
        !Compress_gzip(r->body, r->len, &packed, &len))
        return false;
    free(r->body);
    r->body = packed;
    r->len = len;
    return true;
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, const Request *rq, Reply *r)
{
    bool gzipped = maybe_compress(rq, r);
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        r->len, r->body ? r->body : (void *)"", MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    if (gzipped)
        MHD_add_response_header(resp, "Content-Encoding", "gzip");
    MHD_add_response_header(resp, "Vary", "Accept-Encoding");
    if (r->content_type)
        MHD_add_response_header(resp, "Content-Type", r->content_type);
    MHD_add_response_header(resp, "X-Request-Id", rq->request_id);
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    for (int i = 0; i < r->nheaders; i++)
        MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static void finish(const Request *rq, int route, const Reply *r, long long start_us)
{
    double secs = (double)(Timefmt_mono_us() - start_us) / 1e6;
    const Route *rt = route >= 0 ? Router_at((size_t)route) : NULL;
    Metrics_record(rt ? rt->pattern : NULL, rq->method, r->status, secs);
    /* The route pattern, never the path: paths and queries can carry
     * what a caller typed about a person. */
    Log_event(r->status >= 500 ? LOG_ERROR : LOG_INFO, "request",
              "method=%s route=%s status=%d ms=%.3f user=%lld%s%s", rq->method,
              rt ? rt->pattern : "unmatched", r->status, secs * 1000.0,
              rq->user.id, rq->client_request_id[0] ? " client_req=" : "",
              rq->client_request_id);
    Log_set_request_id(NULL);
}

static bool take_upload(Upload *up, const char *data, size_t *size)
{
    if (*size == 0)
        return false;
    if (!up->too_large && up->body.len + *size > max_body) {
        up->too_large = true;
        Buf_free(&up->body);
    }
    if (!up->too_large)
        Buf_append(&up->body, data, *size);
    *size = 0;
    return true;
}

static void client_address(Request *rq)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(rq->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    Peers_client(info ? info->client_addr : NULL, Request_header(rq, "X-Forwarded-For"),
                 rq->client);
}

/* The request line is in: the headers' deadline starts. Its return value
 * becomes the request's state. */
/* True when the path of the raw request target holds or escapes a control
 * character: libmicrohttpd decodes %00 to a NUL, which would end the path
 * early ("/customers/1%00" read as "/customers/1"). */
static bool control_in_path(const char *uri)
{
    for (const char *p = uri; *p && *p != '?'; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7F)
            return true;
        if (*p != '%' || !isxdigit((unsigned char)p[1]) || !isxdigit((unsigned char)p[2]))
            continue;
        char hex[3] = {p[1], p[2], '\0'};
        unsigned long v = strtoul(hex, NULL, 16);
        if (v < 0x20 || v == 0x7F)
            return true;
    }
    return false;
}

static void *on_request_line(void *cls, const char *uri, struct MHD_Connection *conn)
{
    Connguard_phase(conn, CONN_HEADERS);
    Upload *up = calloc(1, sizeof(Upload));
    if (up && uri)
        up->control_in_path = control_in_path(uri);
    return up;
}

/* The route's index when it is flagged ROUTE_SLOW (argon2: it runs on the
 * password-check pool), else -1. */
static int slow_route(Request *rq)
{
    const Route *rt = NULL;
    char allow[64];
    if (Router_match(rq->method, rq->path, rq, &rt, allow, sizeof allow) != ROUTE_FOUND ||
        !(rt->flags & ROUTE_SLOW))
        return -1;
    return (int)(rt - Router_at(0));
}

static void park(void *arg)
{
    Upload *up = arg;
    up->stage = UP_OFFLOADED;
    MHD_suspend_connection(up->conn);
}

/* On a pool thread: answer, then hand the connection back to its request
 * thread, which sends the answer. */
static void answer_offloaded(void *arg)
{
    Upload *up = arg;
    struct MHD_Connection *conn = up->conn;
    Log_set_request_id(up->rq.request_id);
    up->route = dispatch(&up->rq, up, &up->reply);
    Log_set_request_id(NULL);
    up->stage = UP_ANSWERED;   /* up is the request thread's again after this */
    MHD_resume_connection(conn);
}

static void park_held(void *arg)
{
    Upload *up = arg;
    up->stage = UP_HELD;
    up->held_once = true;
    MHD_suspend_connection(up->conn);
}

/* From eventwait (a committing request thread or its timer): hand the
 * connection back to its request thread, which dispatches it again. */
static void wake_held(void *arg, bool expired)
{
    Upload *up = arg;
    if (expired)
        up->hold_over = true;
    up->stage = UP_WOKEN;
    MHD_resume_connection(up->conn);
}

/* Dispatch; a long-poll with nothing to say yet is parked instead (false:
 * the request is eventwait's until it wakes it). The generation is read
 * before the handler looks, so a commit in between sends it round again. */
static bool dispatch_or_hold(Upload *up)
{
    for (;;) {
        unsigned long long seen = Eventwait_generation();
        Reply_free(&up->reply);
        up->reply = (Reply){.status = 500};
        up->rq.may_hold = !up->hold_over;
        up->rq.held = false;
        up->route = dispatch(&up->rq, up, &up->reply);
        if (!up->rq.held)
            return true;
        if (!up->hold_deadline_us)
            up->hold_deadline_us =
                Timefmt_mono_us() + (long long)Eventwait_hold_seconds() * 1000000;
        EventwaitViewer who = {up->rq.user.id, up->rq.user.roles, up->rq.held_teams};
        switch (Eventwait_hold(park_held, wake_held, up, &who, up->hold_deadline_us, seen,
                               !up->held_once)) {
        case EVENTWAIT_HELD: return false;
        case EVENTWAIT_AGAIN: break;
        case EVENTWAIT_ANSWER: up->hold_over = true; break;
        case EVENTWAIT_FULL:
            Reply_problem(&up->reply, 503, PROBLEM_UNAVAILABLE, "Too many clients waiting for events",
                          "Try again in a few seconds.");
            Reply_header(&up->reply, "Retry-After", "5");
            return true;
        }
    }
}

/* Answer the request, or hand it to the pool: false when handed over,
 * and from then on up belongs to the pool thread until it resumes the
 * connection. */
static bool answer(struct MHD_Connection *conn, Upload *up, const char *method, const char *url,
                   const char *version)
{
    Connguard_phase(conn, CONN_BUSY);
    up->conn = conn;
    up->rq = (Request){.conn = conn, .method = method, .path = url, .version = version,
                       .body = up->body.data, .body_len = up->body.len};
    up->reply = (Reply){.status = 500};
    assign_request_id(&up->rq);
    client_address(&up->rq);
    int slow = slow_route(&up->rq);
    if (slow >= 0) {
        if (Pwgate_submit(answer_offloaded, park, up)) {
            Log_set_request_id(NULL);
            return false;
        }
        Reply_problem(&up->reply, 503, PROBLEM_UNAVAILABLE, "Too many sign-ins at once",
                      "Try again in a second.");
        Reply_header(&up->reply, "Retry-After", "1");
        up->route = slow;
    } else if (!dispatch_or_hold(up)) {
        Log_set_request_id(NULL);
        return false;
    }
    up->stage = UP_ANSWERED;
    return true;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **state)
{
    Upload *up = *state;
    if (!up && !(up = *state = calloc(1, sizeof *up)))
        return MHD_NO;
    if (!up->headers_done) {
        up->headers_done = true;
        up->start_us = Timefmt_mono_us();
        Connguard_phase(conn, CONN_BODY);
        return MHD_YES;
    }
    if (up->stage == UP_RECEIVING && take_upload(up, upload_data, upload_size))
        return MHD_YES;
    /* Handed to the pool: suspended, and called again once answered. */
    if (up->stage == UP_RECEIVING && !answer(conn, up, method, url, version))
        return MHD_YES;
    if (up->stage == UP_WOKEN) {
        Log_set_request_id(up->rq.request_id);
        bool answered = dispatch_or_hold(up);
        Log_set_request_id(NULL);
        if (!answered)
            return MHD_YES;
        up->stage = UP_ANSWERED;
    }
    /* While the daemon stops, libmicrohttpd accepts a response without
     * queueing it and calls again: never answer (or run a handler) twice. */
    if (up->stage != UP_ANSWERED)
        return MHD_YES;
    Log_set_request_id(up->rq.request_id);
    enum MHD_Result ret = send_reply(conn, &up->rq, &up->reply);
    finish(&up->rq, up->route, &up->reply, up->start_us);
    Reply_free(&up->reply);
    up->stage = UP_SENT;
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **state,
                         enum MHD_RequestTerminationCode toe)
{
    Upload *up = *state;
    /* An offloaded request still belongs to its pool thread; the pool is
     * drained before the daemon stops, so this is not expected. */
    if (up && up->stage != UP_OFFLOADED && up->stage != UP_HELD) {
        if (up->held_once)
            Eventwait_done();
        Buf_free(&up->body);
        Reply_free(&up->reply);
        free(up);
        *state = NULL;
    }
    Connguard_phase(conn, CONN_IDLE);
}

/* "host:port" or "[v6]:port" into a socket address. */
static int parse_listen(const char *spec, struct sockaddr_storage *ss, char *err, size_t errlen)
{
    char host[128];
    const char *colon = strrchr(spec, ':');
    if (!colon || colon == spec || (size_t)(colon - spec) >= sizeof host) {
        snprintf(err, errlen, "--listen wants HOST:PORT, got '%s'", spec);
        return -1;
    }
    memcpy(host, spec, (size_t)(colon - spec));
    host[colon - spec] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535) {
        snprintf(err, errlen, "--listen port must be 0-65535, got '%s'", colon + 1);
        return -1;
    }
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
    size_t hl = strlen(host);
    if (host[0] == '[' && host[hl - 1] == ']') {
        host[hl - 1] = '\0';
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host + 1, &v6->sin6_addr) == 1)
            return 0;
    } else {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
        if (inet_pton(AF_INET, host, &v4->sin_addr) == 1)
            return 0;
    }
    snprintf(err, errlen, "--listen host must be a numeric IPv4 or [IPv6] address, got '%s'", spec);
    return -1;
}

static int bound_port(void)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon_handle, MHD_DAEMON_INFO_LISTEN_FD);
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (!info || getsockname(info->listen_fd, (struct sockaddr *)&ss, &len) < 0)
        return -1;
    if (ss.ss_family == AF_INET6)
        return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

static char *read_pem(const char *path, char *err, size_t errlen)
{
    Buf b = BUF_INIT;
    if (Buf_read_file(&b, path) < 0) {
        snprintf(err, errlen, "cannot read %s", path);
        Buf_free(&b);
        return NULL;
    }
    return Buf_steal(&b);
}

/* libmicrohttpd's own messages, in our key=value format. */
static void log_mhd(void *cls, const char *fmt, va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    msg[strcspn(msg, "\r\n")] = '\0';
    /* The library quotes the request's path `like this'; the log never
     * names a path (a customer's id can be in it). */
    char *open = strchr(msg, '`'), *close = open ? strchr(open + 1, '\'') : NULL;
    if (close)
        memmove(open + 1, close, strlen(close) + 1);
    for (char *p = msg; *p; p++)
        if (*p == '"')
            *p = '\'';
    Log_event(LOG_WARN, "http_library", "message=\"%s\"", msg);
}

static struct MHD_Daemon *start_daemon(const ServerOptions *opt, struct sockaddr_storage *ss,
                                       char *cert, char *key)
{
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG |
                     MHD_ALLOW_SUSPEND_RESUME;
    if (ss->ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    if (cert)
        flags |= MHD_USE_TLS;
    unsigned threads = opt->threads ? opt->threads : 8u;
    return MHD_start_daemon(
        flags, 0, Connguard_accept, NULL, on_request, NULL,
        /* First, so the library's complaints about later options reach it. */
        MHD_OPTION_EXTERNAL_LOGGER, log_mhd, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)ss,
        MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, opt->guard.keepalive_seconds,
        MHD_OPTION_CONNECTION_LIMIT, Connguard_total_limit(threads),
        MHD_OPTION_NOTIFY_CONNECTION, Connguard_notify, NULL,
        MHD_OPTION_URI_LOG_CALLBACK, on_request_line, NULL,
        /* Room for long query strings and many headers; the default 32 KiB
         * pool cannot even hold the 431 reply for them. */
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
        cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert,
        MHD_OPTION_HTTPS_MEM_KEY, key,
        MHD_OPTION_END);
}

int Server_start(const ServerOptions *opt, char *err, size_t errlen)
{
    struct sockaddr_storage ss;
    if (parse_listen(opt->listen, &ss, err, errlen) < 0)
        return -1;
    if (!opt->tls_cert != !opt->tls_key) {
        snprintf(err, errlen, "--tls-cert and --tls-key go together");
        return -1;
    }
    if (opt->max_body)
        max_body = opt->max_body;
    char *cert = NULL, *key = NULL;
    if (opt->tls_cert && (!(cert = read_pem(opt->tls_cert, err, errlen)) ||
                          !(key = read_pem(opt->tls_key, err, errlen)))) {
        free(cert);
        return -1;
    }
    if (Connguard_start(&opt->guard) < 0 || Pwgate_start() < 0 || Eventwait_start() < 0) {
        Pwgate_stop();
        Connguard_stop();
        snprintf(err, errlen, "cannot start the connection reaper or password-check pool");
        free(cert);
        free(key);
        return -1;
    }
    daemon_handle = start_daemon(opt, &ss, cert, key);
    free(cert);
    free(key);
    if (!daemon_handle) {
        Eventwait_stop();
        Pwgate_stop();
        Connguard_stop();
        snprintf(err, errlen, "cannot listen on %s (in use, or not an address of this machine)",
                 opt->listen);
        return -1;
    }
    return bound_port();
}

void Server_stop(void)
{
    /* Held long-polls first, while the daemon still sends: each is woken,
     * answered and sent before the daemon goes. */
    Eventwait_stop();
    /* Drain the pool first: every connection it suspended is resumed
     * before the daemon stops (libmicrohttpd aborts on a suspended one). */
    Pwgate_stop();
    if (daemon_handle)
        MHD_stop_daemon(daemon_handle);
    daemon_handle = NULL;
    Connguard_stop();
}
