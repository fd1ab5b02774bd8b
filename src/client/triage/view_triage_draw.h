/* view_triage_draw: what the triage view shows (not the KB beside it). */
#ifndef FD_VIEW_TRIAGE_DRAW_H
#define FD_VIEW_TRIAGE_DRAW_H
#include "client/core/layout.h"
#include "client/triage/triage_state.h"

/* Draws the triage (not the KB) in r. */
void ViewTriageDraw_triage(TriageState *s, const Rect *r);

#endif
