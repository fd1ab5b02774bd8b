/* presence: the advisor's state (issue 12), set from what they do.
 *
 * The state follows the advisor rather than being set by each feature:
 * after every wake of the loop Presence_sync works it out (the lock on
 * screen: away; a contact live: on_contact; its wrap-up: wrap_up; else
 * what the advisor chose: ready, or a break with its reason) and sends
 * PUT /me/presence only when it changed. So contact, session and the
 * lock need no call into this module. Sign-out needs none either: the
 * server's logout ends this client's presence. */
#ifndef FD_PRESENCE_H
#define FD_PRESENCE_H
#include <stdbool.h>
#include <stddef.h>

#include "client/core/actions.h"
#include "client/core/view.h"

/* From the loop's after-wake hook: sends the state when it changed. */
void Presence_sync(void);
/* The global actions break and ready (Frame_add_actions). */
bool Presence_action(View *top, Action a);
/* "Ready", "On break: Training", "On a contact"...; "" when signed out. */
void Presence_text(char *out, size_t cap);
/* True when the advisor is free to take a call: signed in, no contact,
 * no wrap-up, no safeguarding outcome waiting, not locked, not on a
 * break. */
bool Presence_free(void);
/* On quit (not sign-out: the server's logout does it): this client is
 * signed out, waiting at most 1.5 s for the server to hear it. */
void Presence_goodbye(void);

#endif
