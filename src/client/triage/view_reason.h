/* view_reason: pick the call reason (a service from the catalogue)
 * before a triage; the catalogue it loads serves the triage too. */
#ifndef FD_VIEW_REASON_H
#define FD_VIEW_REASON_H
#include <jansson.h>

#include "client/core/view.h"

/* The `triage` action: from the customer view for that customer, from
 * the search screen for an anonymous information call. service_code
 * (may be NULL) skips the picker when the catalogue has that service. */
void ViewReason_start(View *from, const char *service_code);
/* The global action triage (Frame_add_actions): ViewReason_start. */
bool ViewReason_action(View *top, Action a);
/* A service from the catalogue loaded by the reason picker, or NULL. */
const json_t *ViewReason_service(const char *code);
/* Keeps GET services' items as the catalogue for the run (a
 * restored triage loads it without the picker). */
void ViewReason_keep_catalogue(json_t *items);

#endif
