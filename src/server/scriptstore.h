/* scriptstore: accepting a triage script (a FHIR Questionnaire). The
 * triage engine validates it, every wrap code, service and KB article an
 * outcome names must exist, and store/scripts.c keeps it as a new
 * numbered version when its text changed. */
#ifndef FD_SCRIPTSTORE_H
#define FD_SCRIPTSTORE_H
#include <jansson.h>
#include <stdbool.h>

#include "common/diag.h"
#include "server/store/store.h"

#define SCRIPT_ID_MAX 64

/* Validate (the triage engine, plus: the id matches, and every wrap code,
 * service and KB article an outcome names exists) and store. *version gets
 * the stored version; *created says whether it is new. Returns 0, or -1
 * with the problems in diag. The caller owns the transaction. */
int Scriptstore_put(Db *db, const char *id, const json_t *questionnaire, long long user_id,
                    const char *source, Diag *diag, int *version, bool *created);
bool Scriptstore_valid_id(const char *id);

#endif
