/* session: signing in and out, the token in the keyring, the idle lock
 * and the server's "your session has ended". */
#ifndef FD_SESSION_H
#define FD_SESSION_H
#include <jansson.h>
#include <stdbool.h>

#include "client/core/actions.h"
#include "client/core/view.h"

/* Called by the login view with the verified user. fresh is true after a
 * password login (store the token), false when a stored token was reused. */
void Session_signed_in(const char *token, const char *expires_at, const json_t *user, bool fresh);
/* The global actions lock and logout (Frame_add_actions). */
bool Session_action(View *top, Action a);
/* Starts the idle-lock check timer (when idle_lock_minutes > 0). */
void Session_start_idle_timer(void);

#endif
