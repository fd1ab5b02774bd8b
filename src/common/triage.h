/* triage: walks a loaded Questionnaire with an advisor, one item at a time.
 *
 * The current item is the first enabled item in document order that still
 * needs the advisor: an unanswered question, or a display item (something
 * to say or read) not yet acknowledged. Groups are never current; their
 * children are, and QItem_parent gives the group text as context. Display
 * children of a question are notes shown with it (Triage_notes). When the
 * walk reaches an enabled outcome item, that item is current and the triage
 * has its outcome; a safeguarding outcome locks the answers and needs the
 * action taken confirmed before the triage is complete.
 *
 * Every mutating call returns TRIAGE_OK or a negative TriageStatus with a
 * plain-words message in Triage_error. Pure: no I/O, no clock. */
#ifndef FD_TRIAGE_H
#define FD_TRIAGE_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "common/diag.h"
#include "common/questionnaire.h"

typedef struct Triage Triage;

typedef enum TriageStatus {
    TRIAGE_OK = 0,
    TRIAGE_INVALID = -1,    /* the answer does not fit the question */
    TRIAGE_WRONG_ITEM = -2, /* the call does not fit the current item, or there is none */
    TRIAGE_REQUIRED = -3,   /* a required question cannot be skipped */
    TRIAGE_LOCKED = -4,     /* a safeguarding outcome has been reached */
    TRIAGE_NOMEM = -5,
} TriageStatus;

typedef enum TriageItemState {
    TRIAGE_PENDING,      /* not yet dealt with (may hold a kept answer) */
    TRIAGE_ANSWERED,
    TRIAGE_SKIPPED,      /* an optional question passed over */
    TRIAGE_ACKNOWLEDGED, /* a display item read out */
} TriageItemState;

/* One line of the breadcrumb: a question dealt with so far. */
typedef struct TriageCrumb {
    const QItem *item;
    const char *question; /* the item's text, or its linkId when it has none */
    const char *answer;   /* as shown to people; "" when skipped */
    bool skipped;
} TriageCrumb;

Triage *Triage_new(const Questionnaire *q);
void Triage_free(Triage *t);
const Questionnaire *Triage_questionnaire(const Triage *t);

/* NULL when the walk has ended without an outcome. */
const QItem *Triage_current(const Triage *t);
/* The outcome reached (its item is current), or NULL. */
const QOutcome *Triage_outcome(const Triage *t);
bool Triage_outcome_requires_confirmation(const Triage *t);
/* What the advisor did at a safeguarding outcome, chosen from a list so
 * the duty team's queue can act on it ("did not answer" goes first). */
typedef enum SafeguardAction {
    SAFEGUARD_TRANSFERRED,   /* transferred to the duty team */
    SAFEGUARD_NO_ANSWER,     /* the duty team did not answer; referral raised */
    SAFEGUARD_CALLED_999,
    SAFEGUARD_OTHER,         /* with words */
    SAFEGUARD_ACTION_COUNT
} SafeguardAction;
const char *Safeguard_action_code(SafeguardAction a);  /* "duty_no_answer" */
const char *Safeguard_action_label(SafeguardAction a); /* for people */
int Safeguard_action_by_code(const char *code);        /* -1 when unknown */

/* Records the action taken at a safeguarding outcome: one from the list;
 * words are required for SAFEGUARD_OTHER and optional otherwise. */
int Triage_confirm_action(Triage *t, SafeguardAction a, const char *words);
/* Free text only: recorded as SAFEGUARD_OTHER (non-blank text). */
int Triage_confirm(Triage *t, const char *action_taken);
const char *Triage_confirmation(const Triage *t); /* NULL until confirmed */
int Triage_confirmation_action(const Triage *t);  /* SafeguardAction, -1 until confirmed */
/* True when an outcome is reached (and confirmed, if it must be), or the
 * walk has ended with every enabled required question answered. */
bool Triage_is_complete(const Triage *t);

/* Enabled notes of a question, in order; returns how many there are. */
size_t Triage_notes(const Triage *t, const QItem *question, const QItem **out, size_t max);
/* The answer to offer for the current question: the one kept after Back,
 * else the script's initial value; NULL when none. *option gets the choice
 * index (SIZE_MAX when not a choice). */
const QValue *Triage_default(const Triage *t, size_t *option);

/* Answers to the current question. Each checks the question's type and
 * limits; on TRIAGE_INVALID nothing changes. */
int Triage_answer_boolean(Triage *t, bool yes);
int Triage_answer_option(Triage *t, size_t index);
int Triage_answer_string(Triage *t, const char *s);
int Triage_answer_integer(Triage *t, long long n);
int Triage_answer_decimal(Triage *t, double d);
int Triage_answer_date(Triage *t, const char *in);     /* DD/MM/YYYY or YYYY-MM-DD */
int Triage_answer_datetime(Triage *t, const char *in, int utc_offset_min);
int Triage_answer_time(Triage *t, const char *in);     /* HH:MM[:SS] */
/* Typed input for whatever the current question is: yes/no, an option
 * label or else its number (1-based), text, a number, a date, a time. */
int Triage_answer_input(Triage *t, const char *in, int utc_offset_min);
int Triage_acknowledge(Triage *t); /* current display item read out */
int Triage_skip(Triage *t);        /* optional questions only */
/* Steps back to the previous item; its answer is kept as the default. */
int Triage_back(Triage *t);
/* Steps back until the given (earlier, dealt with) item is current. */
int Triage_back_to(Triage *t, const char *link_id);
const char *Triage_error(const Triage *t);

bool Triage_is_enabled(const Triage *t, const char *link_id);
bool Triage_item_enabled(const Triage *t, const QItem *it);
TriageItemState Triage_state(const Triage *t, const QItem *it);
/* The recorded answer (ANSWERED items only), and its choice index. */
const QValue *Triage_answer(const Triage *t, const QItem *it, size_t *option);
/* Questions dealt with, in document order; returns the total count. */
size_t Triage_breadcrumb(const Triage *t, TriageCrumb *out, size_t max);

/* A FHIR QuestionnaireResponse: status completed when Triage_is_complete,
 * else in-progress; only enabled, answered items; the outcome and any
 * safeguarding confirmation as urn:frontdoor: extensions. now_rfc3339 is
 * the authored time (omitted when NULL). Caller owns the result. */
json_t *Triage_response(const Triage *t, const char *now_rfc3339);
/* Reopens a saved response against the same Questionnaire (url and
 * version must match when both are given). Displays and optional questions
 * before the last answer count as dealt with. NULL with Diag messages when
 * the response does not fit the script. */
Triage *Triage_from_response(const Questionnaire *q, const json_t *qr, const char *source_name,
                             Diag *diag);

/* What a saved response says without its script: the outcome kind it
 * ended in (OUTCOME_NONE when none) and the safeguarding action's code
 * (NULL when none). The server judges contacts and cases by these. */
OutcomeKind Triage_response_outcome(const json_t *qr);
const char *Triage_response_action(const json_t *qr);

#endif
