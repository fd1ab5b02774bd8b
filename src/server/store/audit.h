/* store/audit: the audit trail's rows (see server/audit.h for how handlers
 * use it). Rows are only ever added. The acting user and the request are
 * plain values here (AuditActor): the store knows nothing of HTTP.
 *
 * DIALECT: the trail's page lists a list row's customers with SQLite's
 * group_concat (PostgreSQL: string_agg(customer_id::text, ',')). */
#ifndef FD_STORE_AUDIT_H
#define FD_STORE_AUDIT_H
#include <jansson.h>
#include <stdbool.h>

#include "server/store/store.h"

#define AUDIT_MAX_SHOWN 200        /* the longest page any list serves */
#define AUDIT_REPEAT_SECONDS (15 * 60)

/* Who acted, and in which request. */
typedef struct AuditActor {
    long long user_id;
    const char *username;
    const char *request_id;        /* the server's own */
    const char *client_request_id; /* the caller's X-Request-Id, or NULL */
} AuditActor;

/* The customers a response shows, each once, in the order first shown. */
typedef struct {
    long long ids[AUDIT_MAX_SHOWN];
    int n;
} AuditShown;

/* One row about a customer (0 for none); 0, or -1 if it was not written. */
int Audit_insert(Db *db, const AuditActor *who, const char *action, long long customer_id,
                 const char *reason);
/* A list shown: one row linking every customer (each false), or one row
 * per customer (each true), in its own write transaction (joined if one is
 * open). The same list shown to the same user within AUDIT_REPEAT_SECONDS
 * is not written again, and an empty one never. 0, or -1. */
int Audit_insert_list(Db *db, const AuditActor *who, const char *action, const char *reason,
                      const AuditShown *shown, bool each);
/* Newest first: up to limit rows older than cursor (0: from the newest),
 * about customer (0: everyone), as the API's AuditEntry objects. *next is
 * the cursor of the following page, 0 when there is none. NULL on error. */
json_t *Audit_page(Db *db, long long customer, long long cursor, int limit, long long *next);

#endif
