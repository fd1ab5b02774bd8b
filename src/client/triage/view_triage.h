/* view_triage: the scripted triage, the reason picker before it and the
 * knowledge base beside it; what other parts of the client call.
 *
 * A triage starts from a customer's single view (the customer's flags stay
 * on screen throughout) or anonymously from the search screen for an
 * information call; the advisor picks the reason from the service
 * catalogue, then answers one question at a time until an outcome. */
#ifndef FD_VIEW_TRIAGE_H
#define FD_VIEW_TRIAGE_H
#include <jansson.h>
#include <stdbool.h>

#include "client/core/view.h"
#include "common/questionnaire.h"

extern const ViewOps view_reason_ops;
extern const ViewOps view_triage_ops;
extern const ViewOps view_kb_ops;

/* ---- starting ------------------------------------------------------------ */

/* The `triage` action: from the customer view for that customer, from
 * the search screen for an anonymous information call. service_code
 * (may be NULL) skips the picker when the catalogue has that service. */
void ViewTriage_start(View *from, const char *service_code);
/* The `knowledge-base` action outside a triage: the KB full screen. */
void ViewKb_open(View *from);

/* What a triage view is opened with (View_push arg). */
typedef struct TriageStart {
    const json_t *service;   /* the catalogue entry; may be NULL (script try) */
    const json_t *customer;  /* the customer record; NULL: anonymous call */
    Questionnaire *script;   /* already loaded (taken over); NULL: fetched */
    const char *source;      /* the file, in script try */
    bool offline;            /* no server: no KB, nothing sent */
    const char *script_id;   /* NULL: the service's script */
    int script_version;      /* with script_id: that stored version (0: newest) */
    const json_t *resume;    /* a saved response to reopen the triage at (copied) */
} TriageStart;

/* After a crash: a restored contact whose triage stopped at a safeguarding
 * outcome with no action taken reopens that triage over its wrap-up, so the
 * action is chosen from the list and the urgent duty case created exactly
 * as on the live call before any wrap code. Nothing when there is none. */
void ViewTriage_resume_safeguarding(void);

/* ---- the record an outcome creates ----------------------------------------- */

/* What a finished outcome's record is made from (view_triage_records.c).
 * Everything is borrowed: copy (or json_incref) what you keep. */
typedef struct TriageCaseOutcome {
    const char *service_code;   /* the outcome's service, else the triage's */
    const char *service_name;   /* from the catalogue; may be "" */
    const char *team_code, *team_name;
    int sla_hours;              /* 0 when the catalogue does not say */
    const char *summary;        /* the outcome's text: what the advisor said */
    const char *wrap_code;      /* suggested wrap code */
    const char *customer_id;    /* NULL for an anonymous call */
    const char *customer_name;  /* "" for an anonymous call */
    const char *script_id;
    int script_version;         /* the stored version the triage used */
    const QOutcome *outcome;
    const json_t *response;     /* the FHIR QuestionnaireResponse */
} TriageCaseOutcome;

/* Fills c from the catalogue entry and the engine; response must outlive c. */
void ViewTriage_case_outcome(TriageCaseOutcome *c, const json_t *service, const json_t *customer,
                             const Questionnaire *q, const QOutcome *o, const json_t *response);

/* ---- safeguarding -------------------------------------------------------- */

/* True while a triage on the stack is at a safeguarding outcome whose
 * action taken is not yet recorded: nothing may take the advisor away
 * from it (only help and the lock may cover it, and they return to it). */
bool ViewTriage_holds_safeguarding(void);

/* ---- script try ------------------------------------------------------------ */

/* The QuestionnaireResponse of the last triage closed (finished or not);
 * the caller owns it. NULL when none was started. */
json_t *ViewTriage_take_response(void);

#endif
