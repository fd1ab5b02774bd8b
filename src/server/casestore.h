/* casestore: cases and their timeline. Every change to a case goes through
 * here so that it is also recorded as an event (who, when, what). */
#ifndef FD_CASESTORE_H
#define FD_CASESTORE_H
#include <jansson.h>
#include <stdbool.h>

#include "server/store/db.h"

#define CASE_REF_LEN 16  /* "FD-26-004217" + NUL, with room */

typedef struct CaseIn {
    long long customer_id;       /* 0: none (e.g. a pothole reported anonymously) */
    const char *service_code;
    const char *summary;
    const char *priority;        /* low, normal, high, urgent */
    const char *next_steps;      /* what the customer was told would happen */
    const char *triage_response; /* compact JSON or NULL */
    const char *script_id, *script_version;
    long long contact_id;
    const char *source;          /* advisor, open311 */
    const char *address, *media_url, *attributes;
    double lat, lon;
    bool has_location;
} CaseIn;

/* Creates the case in the service's owning team with a due time from its
 * SLA; returns the id (ref in ref_out) or -1. The caller owns the transaction. */
long long Casestore_create(Db *db, const CaseIn *in, long long actor, char ref_out[CASE_REF_LEN]);
/* Append an event; detail is a JSON object (ownership taken) or NULL. */
int Casestore_event(Db *db, long long case_id, long long actor, const char *kind, json_t *detail);
/* "FD-26-004217" (any case, spaces or none) -> its id; 0 if unknown. */
long long Casestore_find(Db *db, const char *ref, long long *version);
/* The case as JSON with its customer, notes and triage answers in plain
 * words; NULL when absent. show_caution: whether cautionary detail may show. */
json_t *Casestore_json(Db *db, long long id, bool show_caution);
/* Normalise a typed reference to FD-YY-NNNNNN; false if it is not one. */
bool Casestore_normalise_ref(const char *in, char out[CASE_REF_LEN]);
int Casestore_priority_rank(const char *priority);

#endif
