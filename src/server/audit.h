/* audit: who read or changed what, when and why. Rows are only ever added. */
#ifndef FD_AUDIT_H
#define FD_AUDIT_H
#include "server/request.h"

/* Record an action by the request's user on a customer (0 for none).
 * reason is a short code: "search", "direct", ... */
int Audit_record(Request *rq, const char *action, long long customer_id, const char *reason);

#endif
