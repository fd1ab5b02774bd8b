/* idem: Idempotency-Key handling for writes.
 *
 * The dispatcher runs every write route inside one transaction. With a key,
 * the response to the first request is stored in that same transaction, so
 * a retry after a lost reply — even one lost because the server died
 * between commit and reply — gets the original response replayed instead
 * of a second write. Keys are per user. */
#ifndef FD_IDEM_H
#define FD_IDEM_H
#include <stdbool.h>

#include "server/request.h"

typedef enum {
    IDEM_FRESH,     /* not seen: run the handler, then Idem_store */
    IDEM_REPLAYED,  /* r holds the original response */
    IDEM_MISMATCH,  /* same key, different request: r holds 422 */
    IDEM_INVALID,   /* malformed key: r holds 400 */
} IdemResult;

IdemResult Idem_check(Request *rq, const char *key, Reply *r);
int Idem_store(Request *rq, const char *key, const Reply *r);

#endif
