/* custstore: writing customer records (seed now; create/update later). */
#ifndef FD_CUSTSTORE_H
#define FD_CUSTSTORE_H
#include "server/store/db.h"

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

/* Insert a customer with addresses, accounts, flags and search index
 * entries. The caller owns the transaction. Returns the new id, or -1.
 * The customer reference is CUS + the id in 7 digits. */
long long Custstore_insert(Db *db, const CustomerIn *c, const char *now);

#endif
