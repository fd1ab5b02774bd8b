/* scripts: the store of triage scripts (FHIR Questionnaires) as numbered
 * versions. Old versions stay, because contacts and cases record the
 * version they used. Validation is scriptstore.c's, before a put. */
#ifndef FD_STORE_SCRIPTS_H
#define FD_STORE_SCRIPTS_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "server/store/store.h"

/* Every script's newest version: [{id, version, title?, updated_at,
 * services?}], services being the codes that use it, space-separated. */
json_t *Scripts_list(Db *db);
/* The stored Questionnaire (its "version" set to the stored number);
 * version 0 means the newest. NULL when absent. */
json_t *Scripts_get(Db *db, const char *id, int version);
/* Store text (canonical JSON) as the next version unless it equals the
 * newest one. *version gets the stored version, *created whether it is
 * new. 0, or -1 with the database's message in err. user_id 0: nobody. */
int Scripts_put(Db *db, const char *id, const char *title, const char *text, long long user_id,
                int *version, bool *created, char *err, size_t errlen);

#endif
