/* wrapcodes: the store of wrap codes, the two-level tree (topic ->
 * reason) every contact ends with. Codes are never deleted (old contacts
 * refer to them), only made inactive. */
#ifndef FD_STORE_WRAPCODES_H
#define FD_STORE_WRAPCODES_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "server/store/store.h"

/* One reason as an admin or the content files give it. */
typedef struct WrapcodeIn {
    const char *code, *topic_code, *label;
    bool avoidable, progress_chasing, active;
} WrapcodeIn;

/* The topics in order, each {code, label, reasons: [{code, label,
 * avoidable, progress_chasing, active}]}; inactive reasons only when
 * asked. NULL when the database cannot be read. */
json_t *Wrapcodes_tree(Db *db, bool include_inactive);
bool Wrapcodes_exists(Db *db, const char *code);
bool Wrapcodes_topic_exists(Db *db, const char *topic_code);
/* Add (placed last) or change one reason under an existing topic. 0 or -1. */
int Wrapcodes_put(Db *db, const WrapcodeIn *w);
/* Content loading: the topic (added, or its label changed) and the reason
 * under it, both at position; the reason's active flag is left as it is.
 * 0, or -1 with the database's message in err. */
int Wrapcodes_upsert(Db *db, const char *topic_label, const WrapcodeIn *w, int position,
                   char *err, size_t errlen);

#endif
