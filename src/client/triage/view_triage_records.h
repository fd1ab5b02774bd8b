/* view_triage_records: the case or call-back a triage outcome creates,
 * sent through the outbox when the advisor finishes. */
#ifndef FD_VIEW_TRIAGE_RECORDS_H
#define FD_VIEW_TRIAGE_RECORDS_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "client/core/view.h"
#include "client/triage/triage_state.h"

/* False when this outcome creates no record (resolve, signpost) or it
 * could not be journalled (said). */
bool ViewTriageRecords_submit(View *v, const QOutcome *o, const json_t *response);
/* A call-back outcome with no number to ring: the script asked none and
 * the customer has none on file (an anonymous caller). */
bool ViewTriageRecords_need_phone(const TriageState *s, const QOutcome *o);
/* The question on screen is the script's "callback-phone" item, whose
 * answer is checked as a phone number before it is taken. */
bool ViewTriageRecords_asks_phone(const TriageState *s);
/* Lines for the finished screen: what was created, with its reference. */
const char *ViewTriageRecords_status(const TriageState *s, char *out, size_t cap);

#endif
