/* store/contacts: one row per customer interaction, ending in a wrap code,
 * with the knowledge-base articles read on it (contact_articles). These
 * rows feed the avoidable-demand and first-contact-resolution figures
 * (store/reports.h). The checks a contact needs before it is recorded
 * (does the customer, the wrap code, the article exist) are here too. */
#ifndef FD_STORE_CONTACTS_H
#define FD_STORE_CONTACTS_H
#include <jansson.h>
#include <stdbool.h>

#include "server/store/store.h"

/* A contact to record, already checked. */
typedef struct ContactRow {
    long long customer_id; /* 0: anonymous */
    long long advisor_id;
    const char *channel, *wrap_code, *outcome, *avoidable_reason, *note;
    const char *script_id, *script_version;
    long long started, ended; /* seconds since the epoch */
    bool avoidable;
    const char *triage;     /* compact JSON or NULL */
    const char *case_refs;  /* compact JSON array */
    const char *identity;   /* compact JSON (server/identity.h) */
    const json_t *articles; /* [{"id", "answer"}] (server/contactkb.h) */
} ContactRow;

/* The new contact's id, its articles stored with it; -1 on an error. */
long long Contacts_insert(Db *db, const ContactRow *c);
/* The API's Contact, articles included, or NULL when there is none.
 * identity_check is the stored object, or null for a contact recorded
 * before checks were kept (server/contactrec.h shows that as not_checked). */
json_t *Contacts_get(Db *db, long long id);
/* A customer's contacts, newest first: the ids of up to limit + 1 older
 * than cursor (0: from the newest) into ids; how many. */
int Contacts_page(Db *db, long long customer_id, long long cursor, int limit, long long *ids);

bool Contacts_customer_exists(Db *db, long long customer_id);
/* Whether code is an active wrap code, and if so whether a contact
 * wrapped with it is avoidable unless the advisor says otherwise. */
bool Contacts_wrap_code(Db *db, const char *code, bool *avoidable);
bool Contacts_article_exists(Db *db, const char *article_id);
/* An article's use: {"contacts": read on, "answers": given as the answer}. */
json_t *Contacts_article_use(Db *db, const char *article_id);

#endif
