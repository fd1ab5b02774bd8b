/* auth: signing in and out, and who the signed-in advisor is. */
#ifndef FD_API_AUTH_H
#define FD_API_AUTH_H
#include "client/api/api.h"

/* POST auth/login without the bearer token; the answer holds the new one. */
ApiCall *ApiAuth_login(ApiTo to, const char *username, const char *password);
/* POST auth/logout: the server forgets the token. */
ApiCall *ApiAuth_logout(ApiTo to);
/* GET me: the advisor, roles and teams (a read: retried). */
ApiCall *ApiAuth_me(ApiTo to);

#endif
