/* store/safeguarding: what the safeguarding rule (server/safeguarding.h)
 * reads and writes: whether a wrap code is in the safeguarding topic, and
 * a case put at the head of its queue. The case itself is created by the
 * cases store; this only marks it. */
#ifndef FD_STORE_SAFEGUARDING_H
#define FD_STORE_SAFEGUARDING_H
#include <stdbool.h>

#include "server/store/store.h"

#define SAFEGUARDING_TOPIC "safeguarding"

bool Safeguarding_is_code(Db *db, const char *wrap_code);
/* 0, or -1 on a database error. */
int Safeguarding_put_first(Db *db, long long case_id);

#endif
