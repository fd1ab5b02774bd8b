/* view_triage_keys: the triage view's keys and actions: answers, the
 * safeguarding action taken, the KB beside it, finishing. */
#ifndef FD_VIEW_TRIAGE_KEYS_H
#define FD_VIEW_TRIAGE_KEYS_H
#include "client/core/view.h"

bool ViewTriageKeys_action(View *v, Action a);
void ViewTriageKeys_key(View *v, int key);

#endif
