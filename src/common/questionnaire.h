/* questionnaire: a triage script, i.e. a FHIR R4 Questionnaire restricted to
 * the subset described in frontdoor-scripts(5). Loading either succeeds
 * completely or returns NULL with every problem found added to a Diag as
 * "<source>: item '<linkId>': <message>" (or "<source>: questionnaire:
 * <message>" for the resource itself). Nothing here does I/O. */
#ifndef FD_QUESTIONNAIRE_H
#define FD_QUESTIONNAIRE_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "common/diag.h"
#include "common/qvalue.h"

#define FD_OUTCOME_SYSTEM "urn:frontdoor:outcome"
#define FD_SERVICE_SYSTEM "urn:frontdoor:service"
#define FD_WRAP_SYSTEM "urn:frontdoor:wrap"
#define FD_KB_SYSTEM "urn:frontdoor:kb"
#define FD_CALLBACK_WITHIN_SYSTEM "urn:frontdoor:callback-within"

typedef struct Questionnaire Questionnaire;
typedef struct QItem QItem;

typedef enum QItemType {
    QT_GROUP,
    QT_DISPLAY,
    QT_BOOLEAN,
    QT_CHOICE,
    QT_STRING,
    QT_TEXT,
    QT_INTEGER,
    QT_DECIMAL,
    QT_DATE,
    QT_DATETIME,
    QT_TIME,
} QItemType;

typedef enum OutcomeKind {
    OUTCOME_NONE,
    OUTCOME_RESOLVE,
    OUTCOME_SIGNPOST,
    OUTCOME_CASE,
    OUTCOME_TRANSFER,
    OUTCOME_CALLBACK,
    OUTCOME_SAFEGUARDING,
} OutcomeKind;

/* What happens next, carried by an outcome display item's codes. */
typedef struct QOutcome {
    OutcomeKind kind;
    const char *link_id;   /* the outcome item */
    const char *text;      /* what the advisor reads or does; may be NULL */
    const char *service;   /* urn:frontdoor:service code, or NULL */
    const char *wrap;      /* urn:frontdoor:wrap code (always present) */
    const char *const *kb; /* urn:frontdoor:kb article ids */
    size_t kb_count;
    /* urn:frontdoor:callback-within: what a call-back outcome promises
     * ("2wd" two working days, "4h" four hours); 0 and 0 when it says
     * nothing and the service's SLA applies. */
    int within_working_days, within_hours;
} QOutcome;

/* Parses and validates; source_name prefixes every message. */
Questionnaire *Questionnaire_parse(const char *json, size_t len, const char *source_name,
                                   Diag *diag);
/* Validates an already parsed resource (the caller keeps its reference). */
Questionnaire *Questionnaire_from_json(const json_t *root, const char *source_name, Diag *diag);
void Questionnaire_free(Questionnaire *q);

/* Resource metadata; NULL when absent. */
const char *Questionnaire_id(const Questionnaire *q);
const char *Questionnaire_url(const Questionnaire *q);
const char *Questionnaire_version(const Questionnaire *q);
const char *Questionnaire_name(const Questionnaire *q);
const char *Questionnaire_title(const Questionnaire *q);
const char *Questionnaire_status(const Questionnaire *q);
/* The resource as loaded (kept for storing and echoing back). */
const json_t *Questionnaire_json(const Questionnaire *q);

/* Every item in document order (depth first, parents before children). */
size_t Questionnaire_item_count(const Questionnaire *q);
const QItem *Questionnaire_item(const Questionnaire *q, size_t index);
const QItem *Questionnaire_find(const Questionnaire *q, const char *link_id);
/* How many top-level items. */
size_t Questionnaire_root_count(const Questionnaire *q);
/* True when some item is an outcome (our own scripts always have one). */
bool Questionnaire_has_outcomes(const Questionnaire *q);

size_t QItem_index(const QItem *it);
const char *QItem_link_id(const QItem *it);
const char *QItem_text(const QItem *it);   /* NULL when absent */
const char *QItem_prefix(const QItem *it); /* "1.", "a)"; NULL when absent */
QItemType QItem_type(const QItem *it);
const char *QItem_type_name(QItemType type); /* FHIR spelling: "dateTime" */
bool QItem_required(const QItem *it);
bool QItem_is_question(const QItem *it); /* neither group nor display */
const QItem *QItem_parent(const QItem *it); /* NULL at top level */
size_t QItem_child_count(const QItem *it);
const QItem *QItem_child(const QItem *it, size_t i);
/* A display child of a question is a note shown with that question
 * ("Select one", help text), not a step of its own. */
bool QItem_is_note(const QItem *it);
/* Choice items: options in document order. */
size_t QItem_option_count(const QItem *it);
const QValue *QItem_option(const QItem *it, size_t i);
const char *QItem_option_label(const QItem *it, size_t i); /* display, code or text */
/* The default offered before the advisor answers (FHIR initial or
 * initialSelected); NULL when none. For choices, *option gets its index. */
const QValue *QItem_initial(const QItem *it, size_t *option);
/* Validation limits from maxLength and the minLength/minValue/maxValue
 * extensions; NULL / 0 when absent. */
size_t QItem_max_length(const QItem *it);
size_t QItem_min_length(const QItem *it);
const QValue *QItem_min_value(const QItem *it);
const QValue *QItem_max_value(const QItem *it);
/* Outcome display items; NULL for every other item. */
const QOutcome *QItem_outcome(const QItem *it);

const char *Outcome_kind_name(OutcomeKind kind); /* "safeguarding" */
OutcomeKind Outcome_kind_by_name(const char *name); /* OUTCOME_NONE if unknown */

#endif
