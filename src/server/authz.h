/* authz: who may do what to whose work, beyond the role check every route
 * makes (routes.c). The rules, also in docs/openapi.yaml:
 *  - claims come from the queues of your own teams only;
 *  - changing or handing off a case takes the person it is assigned to, a
 *    member of its team, or a supervisor (or admin); the person who raised
 *    it may still hand it off, a warm transfer, until someone claims it;
 *  - anyone serving the customer may add a note to one of the customer's
 *    open cases; other notes follow the rule for changes;
 *  - a call-back claimed by someone else is theirs to complete.
 * A refusal fills r with 403 and a detail in plain words. */
#ifndef FD_AUTHZ_H
#define FD_AUTHZ_H
#include <stdbool.h>

#include "server/reply.h"
#include "server/request.h"

typedef enum { AUTHZ_CASE_CHANGE, AUTHZ_CASE_HANDOFF, AUTHZ_CASE_NOTE } AuthzCaseAct;

bool Authz_case(Request *rq, Reply *r, long long case_id, AuthzCaseAct act);
bool Authz_claim(Request *rq, Reply *r, const char *team);
/* claimed_by: the user name holding the call-back, NULL when nobody does. */
bool Authz_callback_complete(Request *rq, Reply *r, const char *claimed_by);

#endif
