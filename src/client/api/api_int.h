/* api_int: what the typed calls in api/ share. Nothing outside api/
 * includes it: only api/ knows the server's paths and wire bodies. */
#ifndef FD_API_INT_H
#define FD_API_INT_H
#include <jansson.h>
#include <stddef.h>

#include "client/api/api.h"

#define API_ROOT "/api/v1"

/* Sends method to API_ROOT + the printf-formatted path; body is stolen. */
ApiCall *Api_send(ApiTo to, const char *method, json_t *body, unsigned flags, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
