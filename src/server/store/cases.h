/* cases: cases and their timeline. Every change to a case goes through
 * here so that it is also recorded as an event (who, when, what). The
 * caller owns the transaction; the reads of a whole case, its timeline and
 * someone's own cases are in caseread.h.
 *
 * DIALECT: none. References come from an upsert on case_seq (ON CONFLICT
 * … DO UPDATE … RETURNING), new ids from RETURNING id, and truth values
 * are read as CASE … THEN 1 ELSE 0 END, not as a bare comparison. */
#ifndef FD_STORE_CASES_H
#define FD_STORE_CASES_H
#include <jansson.h>
#include <stdbool.h>

#include "server/store/store.h"

#define CASE_REF_LEN 16  /* "FD-26-004217" + NUL, with room */
#define CASE_TEAM_MAX 64

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

/* What a PATCH may change; summary and next_steps are the caller's to free. */
typedef struct CaseState {
    char status[24], priority[16];
    char *summary, *next_steps;
} CaseState;

/* Whose work a case is (authz.h decides what that allows). */
typedef struct CaseOwner {
    long long assignee, created_by;  /* 0: nobody */
    char team[CASE_TEAM_MAX];
    char team_name[160];     /* what a refusal says: people know teams by name */
    bool open_with_customer;
} CaseOwner;

/* Creates the case in the service's owning team with a due time from its
 * SLA; returns the id (ref in ref_out) or -1. */
long long Cases_create(Db *db, const CaseIn *in, long long actor, char ref_out[CASE_REF_LEN]);
/* Append an event; detail is a JSON object (ownership taken) or NULL.
 * actor 0: the public (Open311). */
int Cases_event(Db *db, long long case_id, long long actor, const char *kind, json_t *detail);
/* "FD-26-004217" (any case, spaces or none) -> its id; 0 if unknown. */
long long Cases_find(Db *db, const char *ref, long long *version);
/* Normalise a typed reference to FD-YY-NNNNNN; false if it is not one. */
bool Cases_normalise_ref(const char *in, char out[CASE_REF_LEN]);

/* What a new case or call-back names must exist. */
bool Cases_customer_exists(Db *db, long long customer_id);
bool Cases_service_exists(Db *db, const char *code);
/* The case's customer id, 0 for none. */
long long Cases_customer_id(Db *db, long long case_id);
/* false if the case cannot be read. */
bool Cases_owner(Db *db, long long case_id, CaseOwner *o);

/* A note by author, with its "note" event. */
int Cases_note(Db *db, long long case_id, long long author, const char *body);
/* A new version and updated_at, as any change makes. */
int Cases_touch(Db *db, long long case_id);
/* The case to team (and assignee, 0 for none) with its "handoff" event. */
int Cases_handoff(Db *db, long long case_id, const char *team, long long assignee,
                  long long actor, const char *reason);

/* The case's reference and version by id (for the live channel's facts,
 * branch ev-core); false when it is gone. */
bool Cases_ref_version(Db *db, long long case_id, char ref[CASE_REF_LEN], long long *version);

/* The changeable fields (-1 if the case is gone), and writing them back. */
int Cases_state_load(Db *db, long long case_id, CaseState *s);
int Cases_state_save(Db *db, long long case_id, const CaseState *s);

#endif
