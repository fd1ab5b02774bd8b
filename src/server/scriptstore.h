/* scriptstore: triage scripts (FHIR Questionnaires) kept as numbered
 * versions. A new version is written only when the text changes; old
 * versions stay, because contacts and cases record the version they used. */
#ifndef FD_SCRIPTSTORE_H
#define FD_SCRIPTSTORE_H
#include <jansson.h>
#include <stdbool.h>

#include "common/diag.h"
#include "server/store/db.h"

#define SCRIPT_ID_MAX 64

/* Validate (the triage engine, plus: the id matches, and every wrap code,
 * service and KB article an outcome names exists) and store. *version gets
 * the stored version; *created says whether it is new. Returns 0, or -1
 * with the problems in diag. The caller owns the transaction. */
int Scriptstore_put(Db *db, const char *id, const json_t *questionnaire, long long user_id,
                    const char *source, Diag *diag, int *version, bool *created);
/* The stored Questionnaire (its "version" set to the stored number);
 * version 0 means the newest. NULL when absent. */
json_t *Scriptstore_get(Db *db, const char *id, int version);
bool Scriptstore_valid_id(const char *id);

#endif
