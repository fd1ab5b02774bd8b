/* fields: reading and checking the fields of a JSON request body.
 *
 * Each getter records a {"field","message"} error instead of failing, so
 * one 400 reply lists everything wrong with a form at once. */
#ifndef FD_FIELDS_H
#define FD_FIELDS_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "server/reply.h"
#include "server/request.h"

typedef struct Fields {
    json_t *body;
    json_t *errors;
    const char *prefix;  /* "address." while reading a nested object */
} Fields;

void Fields_init(Fields *f, json_t *body);
/* The usual start of a write handler: parse the body (false, with r
 * filled and nothing to release, when it is not a JSON object) and, when
 * known is not NULL, flag every member not listed. After a true return,
 * Fields_close releases the errors and the body. */
bool Fields_open(Fields *f, const Request *rq, Reply *r, const char *const *known);
void Fields_close(Fields *f);
void Fields_error(Fields *f, const char *field, const char *message);
/* Read the members of a nested object: errors are then named
 * "<name>.<member>". Returns false (f unchanged) when it is not an object. */
bool Fields_enter(Fields *f, const char *name, json_t **saved);
void Fields_leave(Fields *f, json_t *saved);
/* A string of 1..maxlen characters (trimmed length), or NULL when absent/null.
 * Wrong type, empty or too long is an error; so is absent when required. */
const char *Fields_string(Fields *f, const char *key, bool required, size_t maxlen);
/* A string that must be one of allowed (NULL-terminated list). */
const char *Fields_enum(Fields *f, const char *key, bool required, const char *const *allowed);
/* An RFC 3339 timestamp; *out set when present and valid. */
bool Fields_time(Fields *f, const char *key, bool required, time_t *out);
/* A boolean; fallback when absent. */
bool Fields_bool(Fields *f, const char *key, bool fallback);
/* A FHIR QuestionnaireResponse (the triage answers attached to a record)
 * as compact JSON for the caller to free, or NULL when absent or null;
 * anything but such a resource is an error. */
char *Fields_response(Fields *f, const char *key);
/* Only these keys may appear (NULL-terminated); others are errors. */
void Fields_only(Fields *f, const char *const *known);
bool Fields_ok(const Fields *f);
/* Fill r with the 400 listing every error, and release f. */
void Fields_reply(Fields *f, Reply *r);
void Fields_free(Fields *f);

#endif
