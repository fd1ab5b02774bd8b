#include "server/connguard.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "common/log.h"
#include "common/timefmt.h"
#include "server/peers.h"
#include "server/ticker.h"

#define BUCKETS 1024
#define REAP_INTERVAL_MS 250

/* Live connections from one peer address. */
typedef struct PeerCount {
    unsigned char key[16];
    unsigned count;
    struct PeerCount *next;
} PeerCount;

/* One connection, hung on its libmicrohttpd socket context. */
typedef struct Conn {
    int fd;
    PeerCount *peer;          /* NULL when the peer is not limited */
    ConnPhase phase;
    long long since_ms;
    bool shut;
    struct Conn *prev, *next;
} Conn;

static ConnguardOptions opts;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static PeerCount *buckets[BUCKETS];
static Conn *conns;
static Ticker reaper;
static long long last_refusal_log_ms;

static PeerCount **find_peer(const unsigned char key[16])
{
    unsigned h = 2166136261u;
    for (int i = 0; i < 16; i++)
        h = (h ^ key[i]) * 16777619u;
    PeerCount **p = &buckets[h % BUCKETS];
    while (*p && memcmp((*p)->key, key, 16) != 0)
        p = &(*p)->next;
    return p;
}

enum MHD_Result Connguard_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
    unsigned char key[16];
    if (opts.per_address == 0 || !Peers_key(addr, key) || Peers_unlimited(addr))
        return MHD_YES;
    pthread_mutex_lock(&lock);
    PeerCount *p = *find_peer(key);
    bool ok = !p || p->count < opts.per_address;
    /* One line a second at most: a flood must not flood the log too. */
    long long now = Timefmt_mono_ms();
    bool log = !ok && now - last_refusal_log_ms >= 1000;
    if (log)
        last_refusal_log_ms = now;
    pthread_mutex_unlock(&lock);
    if (log)
        Log_event(LOG_WARN, "connection_refused", "reason=per_address_limit limit=%u",
                  opts.per_address);
    return ok ? MHD_YES : MHD_NO;
}

/* Count a new connection against its peer; called with the lock held. */
static PeerCount *count_peer(const struct sockaddr *addr)
{
    unsigned char key[16];
    if (opts.per_address == 0 || !Peers_key(addr, key) || Peers_unlimited(addr))
        return NULL;
    PeerCount **slot = find_peer(key);
    if (!*slot && (*slot = calloc(1, sizeof **slot)) != NULL)
        memcpy((*slot)->key, key, 16);
    if (*slot)
        (*slot)->count++;
    return *slot;
}

static void uncount_peer(PeerCount *peer)
{
    if (!peer || --peer->count > 0)
        return;
    PeerCount **slot = find_peer(peer->key);
    *slot = peer->next;
    free(peer);
}

static void started(struct MHD_Connection *mc, void **socket_context)
{
    const union MHD_ConnectionInfo *fd = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CONNECTION_FD);
    const union MHD_ConnectionInfo *addr = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    Conn *c = calloc(1, sizeof *c);
    if (!c || !fd) {
        free(c);
        return;
    }
    c->fd = fd->connect_fd;
    c->phase = CONN_IDLE;
    c->since_ms = Timefmt_mono_ms();
    pthread_mutex_lock(&lock);
    c->peer = addr ? count_peer(addr->client_addr) : NULL;
    c->next = conns;
    if (conns)
        conns->prev = c;
    conns = c;
    pthread_mutex_unlock(&lock);
    *socket_context = c;
}

/* Runs before libmicrohttpd closes the socket, and the reaper shuts
 * sockets down only under the same lock, so it never touches a closed
 * (or reused) descriptor. */
static void closed(void **socket_context)
{
    Conn *c = *socket_context;
    if (!c)
        return;
    pthread_mutex_lock(&lock);
    uncount_peer(c->peer);
    if (c->prev)
        c->prev->next = c->next;
    else
        conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    pthread_mutex_unlock(&lock);
    free(c);
    *socket_context = NULL;
}

void Connguard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                      enum MHD_ConnectionNotificationCode code)
{
    if (code == MHD_CONNECTION_NOTIFY_STARTED)
        started(conn, socket_context);
    else
        closed(socket_context);
}

void Connguard_phase(struct MHD_Connection *conn, ConnPhase phase)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    Conn *c = info ? info->socket_context : NULL;
    if (!c)
        return;
    pthread_mutex_lock(&lock);
    c->phase = phase;
    c->since_ms = Timefmt_mono_ms();
    pthread_mutex_unlock(&lock);
}

static long long allowance_ms(ConnPhase phase)
{
    switch (phase) {
    case CONN_IDLE: return opts.keepalive_seconds * 1000LL;
    case CONN_HEADERS: return opts.header_seconds * 1000LL;
    case CONN_BODY: return opts.body_seconds * 1000LL;
    default: return 0;
    }
}

static const char *phase_name(ConnPhase phase)
{
    return phase == CONN_IDLE ? "request_line" : phase == CONN_HEADERS ? "headers" : "body";
}

/* Shut down overdue sockets; libmicrohttpd then sees the end of the
 * stream and closes the connection in its own thread. */
static void reap(long long now)
{
    for (Conn *c = conns; c; c = c->next) {
        long long allowed = allowance_ms(c->phase);
        if (c->shut || allowed == 0 || now - c->since_ms < allowed)
            continue;
        shutdown(c->fd, SHUT_RDWR);
        c->shut = true;
        Log_event(LOG_WARN, "connection_deadline", "phase=%s seconds=%lld",
                  phase_name(c->phase), allowed / 1000);
    }
}

static void reap_now(void)
{
    pthread_mutex_lock(&lock);
    reap(Timefmt_mono_ms());
    pthread_mutex_unlock(&lock);
}

/* Every connection is a descriptor: keep the total below the open-file
 * limit (raising the soft limit first if the hard one allows), with room
 * for the database, epoll and the listening socket, rather than let
 * accept() fail for everyone when it runs out. */
unsigned Connguard_total_limit(unsigned threads)
{
    const rlim_t wanted = 4000, reserve = 64 + 8 * (rlim_t)threads;
    struct rlimit rl = {0, 0};
    rlim_t limit = wanted;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        if (rl.rlim_cur < wanted + reserve && rl.rlim_cur < rl.rlim_max) {
            rl.rlim_cur = rl.rlim_max < wanted + reserve ? rl.rlim_max : wanted + reserve;
            setrlimit(RLIMIT_NOFILE, &rl);
            getrlimit(RLIMIT_NOFILE, &rl);
        }
        if (rl.rlim_cur < wanted + reserve)
            limit = rl.rlim_cur > reserve + 16 ? rl.rlim_cur - reserve : 16;
    }
    Log_event(limit < wanted ? LOG_WARN : LOG_INFO, "connection_limit",
              "connections=%llu open_files=%llu", (unsigned long long)limit,
              (unsigned long long)rl.rlim_cur);
    return (unsigned)limit;
}

int Connguard_start(const ConnguardOptions *opt)
{
    opts = *opt;
    reaper = (Ticker){.tick = reap_now, .interval_ms = REAP_INTERVAL_MS};
    return Ticker_start(&reaper);
}

void Connguard_stop(void)
{
    Ticker_stop(&reaper);
}
