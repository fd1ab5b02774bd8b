/* open311_requests: cases as the public Open311 reads see them. Only
 * cases that came in through Open311 (source 'open311') are found here.
 * A row is a JSON object of the case's public fields, named as stored:
 * ref, status, service_name, service_code, team, created_at, updated_at,
 * closed_at, due_at, address, lat, long, media_url (null when not set);
 * api_open311_requests.c shapes it for Open311. */
#ifndef FD_STORE_OPEN311_REQUESTS_H
#define FD_STORE_OPEN311_REQUESTS_H
#include <jansson.h>

#include "server/store/store.h"

/* The Open311 case with this (normalised) reference; NULL when none. */
json_t *Open311_requests_get(Db *db, const char *ref);
/* Appends to out the newest 1000 Open311 cases created from..to (RFC 3339
 * UTC), of one service (NULL: any), open (closed 0), closed (1) or both
 * (-1). 0, or -1 when they cannot be read. */
int Open311_requests_search(Db *db, const char *service_code, const char *from,
                            const char *to, int closed, json_t *out);
/* A staff-only note on a case (no author: the reporter's own words). */
int Open311_requests_add_note(Db *db, long long case_id, const char *body, const char *now);

#endif
