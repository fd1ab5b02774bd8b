/* server: libmicrohttpd glue. Accumulates bodies within a limit, gives
 * every request an id, authenticates and checks roles against the route
 * table, calls the handler, and logs and counts the outcome. */
#ifndef FD_SERVER_H
#define FD_SERVER_H
#include <stddef.h>

#include "server/connguard.h"

typedef struct ServerOptions {
    const char *listen;     /* "127.0.0.1:8080", "[::1]:8080"; port 0 picks one */
    unsigned threads;
    size_t max_body;        /* bytes; larger bodies get 413 */
    const char *tls_cert;   /* PEM files; both or neither */
    const char *tls_key;
    ConnguardOptions guard;  /* per-address limit and request deadlines */
} ServerOptions;

/* Start serving; returns the bound port, or -1 with a message in err. */
int Server_start(const ServerOptions *opt, char *err, size_t errlen);
/* Stop accepting, finish the requests in flight, join the threads. */
void Server_stop(void);

#endif
