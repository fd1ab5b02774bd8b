/* write: the journalled writes of api/: each typed write builds its kind,
 * path and body and hands them to the outbox here. Only api/ includes it;
 * it sits above both the transport (api.c) and the outbox. */
#ifndef FD_API_WRITE_H
#define FD_API_WRITE_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* Journals a write to API_ROOT + path (Outbox_submit); body is stolen.
 * 0 once durable, -1 when not (Outbox_last_error()). */
int ApiWrite_new(const char *kind, const char *method, const char *path, const char *if_match,
                 json_t *body, const char *label, char *id_out);
/* A refused entry id corrected in place with body (stolen): the same
 * entry, so there is only ever one copy. id_out (may be NULL) gets id. */
int ApiWrite_again(const char *id, json_t *body, char *id_out);
/* The path segment right after API_ROOT + under in a journalled path
 * ("/cases/" in ".../cases/FD-1/notes" gives "FD-1"); false (and "")
 * when path is not under it. */
bool ApiWrite_path_part(const char *path, const char *under, char *out, size_t cap);

#endif
