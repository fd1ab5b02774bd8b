/* api_int: what the typed calls in api/ share. Nothing outside api/
 * includes it: only api/ knows the server's paths and wire bodies. */
#ifndef FD_API_INT_H
#define FD_API_INT_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "client/api/api.h"

#define API_ROOT "/api/v1"

/* Percent-encodes s into out for a path segment or a query value. */
void Api_escape(const char *s, char *out, size_t cap);
/* Sends method to API_ROOT + the printf-formatted path; body is stolen. */
ApiCall *Api_send(ApiTo to, const char *method, json_t *body, unsigned flags, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Api_send to a path with one id in it: the "%s" in path_with_id (no
 * other conversion) becomes id, percent-encoded ("/cases/%s/notes"). */
ApiCall *Api_send_id(ApiTo to, const char *method, json_t *body, unsigned flags,
                     const char *path_with_id, const char *id);

/* write.c: journals a write to API_ROOT + path (Outbox_submit), with
 * If-Match of version when version >= 0; body is stolen. 0 once
 * durable, -1 when not (Outbox_last_error()). */
int ApiWrite_new(const char *kind, const char *method, const char *path, long long version,
                 json_t *body, const char *label, char *id_out);
/* write.c: the path segment right after API_ROOT + under in a journalled
 * path ("/cases/" in ".../cases/FD-1/notes" gives "FD-1"); false (and
 * "") when path is not under it. */
bool ApiWrite_path_part(const char *path, const char *under, char *out, size_t cap);

#endif
