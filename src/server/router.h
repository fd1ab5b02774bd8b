/* router: the route table and path matching.
 *
 * Every route names the roles allowed to call it; 0 means public. The
 * table is in routes.c, the one place to see the whole API. */
#ifndef FD_ROUTER_H
#define FD_ROUTER_H
#include <stddef.h>

#include "server/request.h"

typedef void (*Handler)(Request *rq, Reply *r);

typedef struct Route {
    const char *method;
    const char *pattern;  /* "/api/v1/customers/{id}": {x} matches one segment */
    unsigned roles;       /* ROLE_* bits allowed; 0 = no login needed */
    Handler handler;
    unsigned flags;       /* ROUTE_* */
} Route;

/* A write: runs in one transaction with its Idempotency-Key record;
 * committed only when the handler answers 2xx. */
#define ROUTE_WRITE 1u
/* Slow on purpose (argon2): runs on the password-check pool (pwgate.h),
 * never on a request thread. */
#define ROUTE_SLOW 2u

typedef enum { ROUTE_FOUND, ROUTE_NO_PATH, ROUTE_BAD_METHOD } RouteMatch;

/* Finds the route; on ROUTE_FOUND fills rq->params. On ROUTE_BAD_METHOD
 * writes the allowed methods ("GET, POST") to allow. */
RouteMatch Router_match(const char *method, const char *path, Request *rq,
                        const Route **found, char *allow, size_t allowlen);
const Route *Router_at(size_t i);

#endif
