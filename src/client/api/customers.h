/* customers: the customer record: search, read, reveal, history, and the
 * writes (create, change of details) that go through the outbox. */
#ifndef FD_API_CUSTOMERS_H
#define FD_API_CUSTOMERS_H
#include <stdbool.h>

#include "client/api/api.h"

/* A customer as the advisor typed it. Create: a field NULL or "" is left
 * out, the address (line1, town, postcode) always goes. Update (PATCH):
 * only the fields not NULL go, "" as null (cleared); the address goes
 * whole when address.line1 is not NULL, line2 only when not "". */
typedef struct CustomerDraft {
    const char *title, *given_name, *family_name;
    const char *phone, *mobile, *email, *preferred_channel, *accessibility_needs;
    struct {
        const char *line1, *line2, *town, *postcode;
    } address;
    bool confirmed_new;   /* the advisor saw the possible duplicates */
} CustomerDraft;

/* The details a duplicate check compares ("" when not known). */
typedef struct CustomerMatch {
    const char *given_name, *family_name, *postcode, *phone, *email;
} CustomerMatch;

/* GET customers?q=: one page of limit, from cursor (NULL: the first). */
ApiCall *ApiCustomers_search(ApiTo to, const char *words, int limit, const char *cursor);
/* GET customers/{id} (retried). */
ApiCall *ApiCustomers_get(ApiTo to, const char *id);
/* POST customers/{id}/reveal of the flags (audited). */
ApiCall *ApiCustomers_reveal_flags(ApiTo to, const char *id);
/* GET customers/{id}/contacts: one page of limit, from cursor (NULL: the
 * first). */
ApiCall *ApiCustomers_contacts(ApiTo to, const char *id, int limit, const char *cursor);
/* GET customers/matches: records that may be this new customer. */
ApiCall *ApiCustomers_matches(ApiTo to, const CustomerMatch *m);

/* Journals a new customer (outbox kind "customer.create"). again: the id
 * of a refused entry to correct in place instead (NULL: a new entry).
 * id_out as Outbox_submit; 0 once durable, -1 not (Outbox_last_error()). */
int ApiCustomers_create(const CustomerDraft *d, const char *label, const char *again, char *id_out);
/* Journals a change of details to the record at version (kind
 * "customer.update", If-Match); returns as ApiCustomers_create. */
int ApiCustomers_update(const char *id, long long version, const CustomerDraft *d, const char *label,
                        char *id_out);

#endif
