/* customers: the customer store. Every read and write of a customer's
 * record is here: the single view (with addresses, service accounts,
 * flags, open cases and recent contacts), a search row, the duplicate
 * check, a new customer, the contact details a PATCH changes and the
 * version each change moves on. Records come back as jansson objects
 * holding the wire fields; status codes and audit rows stay with the
 * handlers (api_customers.c, api_customer_write.c).
 *
 * The labels of flags and service accounts are the server's, sent with
 * each record; the client's screens show them as sent.
 *
 * Reads are in customers.c, writes in customers_write.c: one store, one
 * prefix, two files so neither grows past a few hundred lines.
 *
 * DIALECT: a new customer's id is MAX(id) + 1, read under the write lock
 * the caller's transaction holds (SQLite's BEGIN IMMEDIATE), because the
 * customer reference is made from the id before the row is written;
 * PostgreSQL would take it from a sequence (nextval) instead. Name search
 * (FTS5) is in custindex.c and custsearch.c. */
#ifndef FD_STORE_CUSTOMERS_H
#define FD_STORE_CUSTOMERS_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "server/store/store.h"

#define CUSTOMER_MAX_ADDRESSES 2
#define CUSTOMER_MAX_ACCOUNTS 6
#define CUSTOMER_MAX_FLAGS 4

typedef struct CustomerAddress {
    const char *kind;  /* home, correspondence */
    const char *line1, *line2, *town, *postcode;
} CustomerAddress;

typedef struct CustomerAccount {
    const char *type;  /* council_tax, waste, parking_permit, blue_badge, housing_benefit */
    const char *reference;
    const char *status; /* active, closed, pending */
} CustomerAccount;

typedef struct CustomerFlag {
    const char *code;  /* cautionary_contact, vulnerable_adult, needs_interpreter, hearing_impaired */
    const char *detail;
    const char *since; /* YYYY-MM-DD */
} CustomerFlag;

typedef struct CustomerIn {
    const char *title, *given_name, *family_name, *date_of_birth;
    const char *phone, *mobile, *email;
    const char *preferred_channel, *language, *interpreter_language, *accessibility_needs;
    CustomerAddress addresses[CUSTOMER_MAX_ADDRESSES];
    int naddresses;
    CustomerAccount accounts[CUSTOMER_MAX_ACCOUNTS];
    int naccounts;
    CustomerFlag flags[CUSTOMER_MAX_FLAGS];
    int nflags;
} CustomerIn;

/* ---- reads (customers.c) ---- */

/* The single view of customer id, or NULL if there is none; *version is
 * its version (the ETag). A cautionary contact's reason is left out, and
 * the flag marked restricted, unless see_caution_detail. */
json_t *Customers_record(Db *db, long long id, bool see_caution_detail, long long *version);
/* One search result: name, date of birth, first address, flag codes and
 * how it matched; NULL if the customer is gone. */
json_t *Customers_summary(Db *db, long long id, const char *match);
/* The stored version, or -1 if there is no such customer. */
long long Customers_version(Db *db, long long id);
/* Likely existing records as [{id, given_name, family_name}]: the same
 * folded names with one of the normalised identifiers (postcode, phone,
 * e-mail; "" or NULL when not given). */
json_t *Customers_duplicates(Db *db, const char *given, const char *family,
                             const char *const idents[3]);

/* ---- writes (customers_write.c); the caller owns the transaction ---- */

/* Insert a customer with addresses, accounts, flags and search index
 * entries. Returns the new id, or -1. The customer reference is CUS + the
 * id in 7 digits. */
long long Customers_insert(Db *db, const CustomerIn *c, const char *now);
/* The i-th contact field a change may set, in the order they are
 * written, and whether it may be cleared; NULL after the last. */
const char *Customers_field(size_t i, bool *clearable);
/* Sets one of those fields (value NULL clears it); 0 or -1. */
int Customers_set_field(Db *db, long long id, const char *field, const char *value);
/* Replaces the home address (first position), adding one if none. */
int Customers_set_home(Db *db, long long id, const CustomerAddress *a);
/* Ends a change: the version moves on, updated_at is now and the search
 * index follows. 0 or -1. */
int Customers_touch(Db *db, long long id, const char *now);

#endif
