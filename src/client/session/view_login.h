/* view_login: the sign-in form; main.c tells it what the keyring held. */
#ifndef FD_VIEW_LOGIN_H
#define FD_VIEW_LOGIN_H
#include "client/core/view.h"

/* Verify a token found in the keyring with GET /me. */
void ViewLogin_verify(View *v, const char *token, const char *username, const char *expires_at);
/* Show the form (after a keyring check found nothing usable). */
void ViewLogin_ready(View *v, const char *note);

#endif
