/* open311: the model behind the Open311 GeoReport v2 facade (/open311/v2).
 *
 * A service's Open311 attributes are the questions of its triage script,
 * so a web form asks what an advisor would ask, and its answers reach the
 * back office as the same triage answers in plain words. API keys for
 * Open311 clients are stored as SHA-256 hashes, like bearer tokens. */
#ifndef FD_OPEN311_H
#define FD_OPEN311_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "common/questionnaire.h"
#include "server/formdata.h"
#include "server/reply.h"
#include "server/store/store.h"

/* Open311's error format, [{"code": status, "description": ...}]: its
 * clients read the code from the body as well as the HTTP status. */
void Open311_error(Reply *r, int status, const char *description);

/* The attributes [{variable, code, datatype, required, ...}] of a script;
 * an empty array for q NULL. */
json_t *Open311_attributes(const Questionnaire *q);

/* Checks the attribute[code]=value pairs in f against the script q (NULL:
 * the service takes none). On success returns 0 with *values a JSON object
 * code -> typed value and *answers the QuestionnaireResponse items.
 * Otherwise -1 with a plain-words reason in why. */
int Open311_check_attributes(const Questionnaire *q, const Formdata *f, json_t **values,
                             json_t **answers, char *why, size_t cap);

#endif
