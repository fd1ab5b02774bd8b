/* session: the signed-in advisor: the login and lock views, signing in
 * and out and the idle lock (session), the token in the keyring (secret),
 * and the work joined to the session (work: the outbox, the wrap codes, a
 * contact left by a crash, hand-offs; quit and logout guarded). */
#ifndef FD_SESSION_LIB_H
#define FD_SESSION_LIB_H
#include "client/session/secret.h"
#include "client/session/session.h"
#include "client/session/view_login.h"
#include "client/session/work.h"
#endif
