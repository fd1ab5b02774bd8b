#include "server/authz.h"

#include <stdio.h>
#include <string.h>

#include "server/store/memberships.h"
#include "server/roles.h"
#include "server/store/cases.h"
#include "server/store/queues.h"

/* Supervisors (and admins) oversee every team's work. */
#define ROLES_OVERSEE (ROLE_SUPERVISOR | ROLE_ADMIN)

static bool refuse(Reply *r, const char *title, const char *detail)
{
    Reply_problem(r, 403, PROBLEM_FORBIDDEN, title, detail);
    return false;
}

static bool may_work(Request *rq, const CaseOwner *o)
{
    return (rq->user.roles & ROLES_OVERSEE) || o->assignee == rq->user.id ||
           Memberships_active(rq->db, rq->user.id, o->team);
}

bool Authz_case(Request *rq, Reply *r, long long case_id, AuthzCaseAct act)
{
    CaseOwner o = {0};
    if (!Cases_owner(rq->db, case_id, &o)) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The case could not be read", "Try again.");
        return false;
    }
    if (may_work(rq, &o))
        return true;
    if (act == AUTHZ_CASE_HANDOFF && !o.assignee && o.created_by == rq->user.id)
        return true;   /* a warm transfer of the case you just raised */
    if (act == AUTHZ_CASE_NOTE && o.open_with_customer)
        return true;   /* serving the customer: say what they told you */
    char detail[480];
    snprintf(detail, sizeof detail,
             "This case belongs to the %s team%s. Only the person it is assigned to, a member"
             " of that team or a supervisor may %s it%s.", o.team_name,
             o.assignee ? " and is assigned to someone else" : "",
             act == AUTHZ_CASE_HANDOFF ? "hand off" : act == AUTHZ_CASE_NOTE ? "add notes to"
                                                                             : "change",
             act == AUTHZ_CASE_HANDOFF && !o.assignee ? " (or whoever raised it)" : "");
    return refuse(r, "This case is not yours to change", detail);
}

bool Authz_claim(Request *rq, Reply *r, const char *team)
{
    if (Memberships_active(rq->db, rq->user.id, team))
        return true;
    char detail[400], name[160];
    Queues_team_name(rq->db, team, name, sizeof name);
    snprintf(detail, sizeof detail,
             "You are not a member of the %s team. Claim from your own teams' queues, or ask a"
             " supervisor to add you to this team for the day.", name);
    return refuse(r, "Not your team's queue", detail);
}

bool Authz_callback_complete(Request *rq, Reply *r, const char *claimed_by)
{
    if (!claimed_by || strcmp(claimed_by, rq->user.username) == 0)
        return true;
    return refuse(r, "Someone else has this call-back",
                  "Another person claimed this call-back; only they can complete it.");
}
