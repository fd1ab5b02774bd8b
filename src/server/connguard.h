/* connguard: what keeps one client from taking the server from everyone.
 * Connections per peer address are capped (allowed addresses and trusted
 * proxies excepted, see peers.h), and every request has deadlines whatever
 * it trickles: its request line within the keep-alive time, its headers
 * within header_seconds of the request line, its body within body_seconds
 * of the headers. A reaper thread shuts down connections that overrun. */
#ifndef FD_CONNGUARD_H
#define FD_CONNGUARD_H
#include <microhttpd.h>
#include <sys/socket.h>

typedef struct ConnguardOptions {
    unsigned per_address;       /* connections per peer address; 0: no limit */
    unsigned keepalive_seconds; /* idle, or trickling a request line */
    unsigned header_seconds;
    unsigned body_seconds;
} ConnguardOptions;

typedef enum {
    CONN_IDLE,     /* waiting for a request line */
    CONN_HEADERS,  /* request line read, headers arriving */
    CONN_BODY,     /* headers read, body arriving */
    CONN_BUSY,     /* the request is being answered: no deadline */
} ConnPhase;

/* The total connection limit for a pool of this many threads: 4000, or
 * less when the open-file limit is lower (logged). */
unsigned Connguard_total_limit(unsigned threads);
int Connguard_start(const ConnguardOptions *opt);
void Connguard_stop(void);
/* libmicrohttpd callbacks: the accept policy and connection notifier. */
enum MHD_Result Connguard_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen);
void Connguard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                      enum MHD_ConnectionNotificationCode code);
/* Mark the connection's phase; its deadline runs from now. */
void Connguard_phase(struct MHD_Connection *conn, ConnPhase phase);

#endif
