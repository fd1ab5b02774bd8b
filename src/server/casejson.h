/* casejson: the case as one screen needs it: the customer with flags, the
 * triage questions and answers in plain words, every note, and what the
 * customer was told would happen next, so whoever opens it asks nothing
 * twice. The rows come from the store (store/caseread.h); this module only
 * shapes them, and knows nothing of HTTP. */
#ifndef FD_CASEJSON_H
#define FD_CASEJSON_H
#include <jansson.h>
#include <stdbool.h>

#include "server/store/store.h"

/* The case (its "version" is the ETag's); NULL when absent.
 * show_caution: whether cautionary detail may show. */
json_t *Casejson_case(Db *db, long long id, bool show_caution);

#endif
