/* api: the handlers behind each route (one file per resource, api_*.c). */
#ifndef FD_API_H
#define FD_API_H
#include "server/router.h"

/* api_auth.c */
void Api_login(Request *rq, Reply *r);
void Api_logout(Request *rq, Reply *r);
void Api_me(Request *rq, Reply *r);
/* api_customers.c */
void Api_customer_search(Request *rq, Reply *r);
void Api_customer_get(Request *rq, Reply *r);
/* api_audit.c */
void Api_audit_list(Request *rq, Reply *r);
/* api_health.c */
void Api_healthz(Request *rq, Reply *r);
void Api_metrics(Request *rq, Reply *r);

/* Shared by handlers: the user as JSON ({"id","username","display_name","roles"}). */
json_t *Api_user_json(const AuthUser *u);

#endif
