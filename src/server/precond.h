/* precond: If-Match on every versioned resource (customers, cases, KB
 * articles), one rule after RFC 9110 13.1.1 and RFC 6585 4:
 *
 *   - no If-Match where a change needs one                      -> 428
 *   - If-Match present but naming no current version (stale, junk
 *     or empty)                                                  -> 412
 *   - "*" matches, as RFC 9110 says, since the resource exists: the
 *     caller chose to overwrite whatever is there
 *
 * A version is "12" (the ETag as sent); W/"12" and a bare 12 are taken as
 * the same version, and a comma-separated list matches when any member
 * does. */
#ifndef FD_PRECOND_H
#define FD_PRECOND_H
#include "server/request.h"

/* 0 when If-Match names version have; 428 with r filled ("what" names the
 * resource in the detail); 412 with r untouched, for the caller to answer
 * with the current resource. */
int Precond_if_match(const Request *rq, Reply *r, long long have, const char *what);

#endif
