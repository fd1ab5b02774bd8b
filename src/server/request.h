/* request: what a handler is given about one HTTP request. */
#ifndef FD_REQUEST_H
#define FD_REQUEST_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "server/auth.h"
#include "server/store/store.h"
#include "server/peers.h"
#include "server/reply.h"

#define REQUEST_MAX_PARAMS 4
#define REQUEST_MAX_JSON_DEPTH 32

struct MHD_Connection;

typedef struct Request {
    struct MHD_Connection *conn;
    const char *method;
    const char *path;
    const char *params[REQUEST_MAX_PARAMS]; /* {captures} from the route, in order */
    int nparams;
    char param_store[REQUEST_MAX_PARAMS][128];
    const char *body;
    size_t body_len;
    const char *token;   /* bearer token as sent, for logout; never logged */
    AuthUser user;       /* valid when the route needs a login */
    char request_id[40];         /* the server's own, always */
    char client_request_id[40];  /* the caller's X-Request-Id if plain, else "" */
    char client[PEERS_ADDR_LEN]; /* the caller's address (peers.h); never logged */
    Db *db;
    const char *version; /* "HTTP/1.1" */
    /* Long-poll (GET /api/v1/events): the dispatcher says whether the
     * handler may hold the request; a handler that has nothing to say yet
     * sets held instead of replying, and is called again when something
     * is committed or the hold runs out (may_hold false). */
    bool may_hold;
    bool held;
    char held_teams[512];  /* with held: the caller's teams, comma-separated */
} Request;

const char *Request_query(const Request *rq, const char *key);
const char *Request_header(const Request *rq, const char *key);
/* Parse the body as a JSON object, bounded in depth. On failure fills r
 * with 400 problem details and returns NULL. */
json_t *Request_json(const Request *rq, Reply *r);
/* The same checks on a body already taken as JSON (and what the fuzzer
 * in tests/fuzz drives without a connection). */
json_t *Request_parse_json(const char *body, size_t len, Reply *r);
/* A query parameter as an integer in [min, max]; missing gives fallback.
 * Out of range or not a number: fills r with a validation problem and
 * returns false. */
bool Request_int_param(const Request *rq, Reply *r, const char *key, long min, long max,
                       long fallback, long *out);
/* A query parameter that must be one of choices (a NULL-ended list): *out
 * is its index, or fallback when it is missing. Anything else fills r with
 * a validation problem naming the parameter and returns false, so a typo
 * is not silently read as the default. */
bool Request_choice_param(const Request *rq, Reply *r, const char *key,
                          const char *const *choices, int fallback, int *out);

#endif
