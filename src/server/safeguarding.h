/* safeguarding: the server's part in keeping a safeguarding concern from
 * being lost. A triage response that ended in a safeguarding outcome is
 * only recorded with a safeguarding wrap code (topic "safeguarding"), and
 * the case it raises is urgent in its duty team's queue; when the duty
 * team did not answer, nobody has heard the concern yet, so that case goes
 * to the head of the queue. Judged from the response alone (its outcome
 * and action extensions), so no client can skip it. What it reads and
 * writes is in store/safeguarding.h. */
#ifndef FD_SAFEGUARDING_H
#define FD_SAFEGUARDING_H
#include <jansson.h>
#include <stdbool.h>

#include "server/reply.h"
#include "server/store/store.h"

/* True when the response ended in a safeguarding outcome. */
bool Safeguarding_response(const json_t *triage_response);
/* A contact: false (with a 422 naming wrap_code in r) when the response
 * ended in a safeguarding outcome and the wrap code is not a safeguarding
 * one, or when a response that ended otherwise comes with a safeguarding
 * code. */
bool Safeguarding_contact_ok(Db *db, const json_t *triage_response, const char *wrap_code, Reply *r);
/* After a case is created from the response: the head of its queue when
 * the duty team did not answer. 0, or -1 on a database error. */
int Safeguarding_case_created(Db *db, long long case_id, const json_t *triage_response);

#endif
