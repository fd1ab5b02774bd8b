/* write: the journalled writes of api/. Each typed write (customers.h,
 * cases.h, contacts.h) builds its kind, path and body and hands them to
 * the outbox through here; what callers may use is re-sending an entry
 * the server refused, which needs no path. */
#ifndef FD_API_WRITE_H
#define FD_API_WRITE_H
#include <jansson.h>

/* A refused entry id corrected in place with body (borrowed): the same
 * entry, so there is only ever one copy. id_out (may be NULL) gets id. */
int ApiWrite_again(const char *id, const json_t *body, char *id_out);
/* A refused entry id (a 412) sent again with body (borrowed) on top of
 * the record's current version (If-Match). */
int ApiWrite_on_version(const char *id, const json_t *body, long long version);

#endif
