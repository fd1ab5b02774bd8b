/* cases: case records: read, timeline, the advisor's hand-offs, and the
 * writes (create, status, note, hand-off) that go through the outbox. */
#ifndef FD_API_CASES_H
#define FD_API_CASES_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "client/api/api.h"

/* A new case as it is sent (cases.h's CaseDraft is what the raise-case
 * screen starts from). A string NULL or "" is left out, except priority
 * and next_steps: NULL leaves them out, "" is sent as it is (the form's
 * choice; triage always says what was told). */
typedef struct CaseNew {
    const char *service_code, *summary, *priority, *customer_id, *next_steps, *note;
    const json_t *triage_response;   /* the script's answers; NULL: none */
    const char *script_id;
    int script_version;              /* sent with script_id */
} CaseNew;

/* A case handed to a team or a person (either may be NULL or ""). */
typedef struct CaseHandoff {
    const char *ref, *reason, *team_code, *assignee, *note;
} CaseHandoff;

/* GET cases/{ref} (retried). */
ApiCall *ApiCases_get(ApiTo to, const char *ref);
/* GET cases/{ref}/events: the timeline (retried). */
ApiCall *ApiCases_events(ApiTo to, const char *ref);

/* Journals a new case (kind "case.create"). again: the id of a refused
 * entry to correct in place instead (NULL: a new entry). id_out as
 * Outbox_submit; 0 once durable, -1 not (Outbox_last_error()). */
int ApiCases_create(const CaseNew *d, const char *label, const char *again, char *id_out);
/* Journals a status change of the case at version (kind "case.update",
 * If-Match); resolution (NULL: none) says what was done. */
int ApiCases_set_status(const char *ref, long long version, const char *status,
                        const char *resolution, const char *label);
/* Journals a note on a case (kind "case.note"). */
int ApiCases_note(const char *ref, const char *text, const char *label);
/* Journals a hand-off (kind "case.handoff"). */
int ApiCases_handoff(const CaseHandoff *h, const char *label);

/* The case a journalled write's path is about: its ref into ref; false
 * (and "") when the write is not about a case. */
bool ApiCases_ref_of(const char *path, char *ref, size_t cap);

#endif
