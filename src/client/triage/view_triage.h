/* view_triage: the scripted triage; what other parts of the client call
 * (view_reason.h starts one, kbpane.h is the knowledge base beside it).
 *
 * A triage starts from a customer's single view (the customer's flags stay
 * on screen throughout) or anonymously from the search screen for an
 * information call; the advisor picks the reason from the service
 * catalogue, then answers one question at a time until an outcome. */
#ifndef FD_VIEW_TRIAGE_H
#define FD_VIEW_TRIAGE_H
#include <stdbool.h>

/* After a crash: a restored contact whose triage stopped at a safeguarding
 * outcome with no action taken reopens that triage over its wrap-up, so the
 * action is chosen from the list and the urgent duty case created exactly
 * as on the live call before any wrap code. Nothing when there is none. */
void ViewTriage_resume_safeguarding(void);

/* ---- safeguarding -------------------------------------------------------- */

/* True while a triage on the stack is at a safeguarding outcome whose
 * action taken is not yet recorded: nothing may take the advisor away
 * from it (only help and the lock may cover it, and they return to it). */
bool ViewTriage_holds_safeguarding(void);

#endif
