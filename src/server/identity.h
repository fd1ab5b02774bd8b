/* identity: how the caller's identity was checked on a contact (issue
 * 9.6). On the wire, "identity_check": {"status": "passed" | "failed" |
 * "not_checked", "methods": [...]} with methods from date_of_birth,
 * postcode and reference, each at most once. How many a council asks
 * for is the client's setting; the server keeps what was done. */
#ifndef FD_IDENTITY_H
#define FD_IDENTITY_H
#include <jansson.h>

#include "server/fields.h"

/* Checks body's identity_check (absent or null means not_checked) and
 * returns its compact JSON to store (the caller frees it), or NULL with
 * an error recorded in f. */
char *Identity_read(Fields *f);
/* The stored text as the reply's object; not_checked when there is none. */
json_t *Identity_json(const char *stored);

#endif
