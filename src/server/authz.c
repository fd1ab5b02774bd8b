#include "server/authz.h"

#include <stdio.h>
#include <string.h>

#include "server/store/memberships.h"
#include "server/roles.h"

/* Supervisors (and admins) oversee every team's work. */
#define ROLES_OVERSEE (ROLE_SUPERVISOR | ROLE_ADMIN)

static const char SQL_CASE[] =
    "SELECT c.assignee_id, c.created_by, c.team_code,"
    " c.status NOT IN ('resolved', 'closed') AND c.customer_id IS NOT NULL,"
    " COALESCE(t.name, c.team_code)"
    " FROM cases c LEFT JOIN teams t ON t.code = c.team_code WHERE c.id = ?1";
static const char SQL_TEAM_NAME[] = "SELECT COALESCE((SELECT name FROM teams WHERE code = ?1), ?1)";

typedef struct CaseOwner {
    long long assignee, created_by;
    char team[MEMBERSHIPS_TEAM_MAX];
    char team_name[160];     /* what the refusal says: people know teams by name */
    bool open_with_customer;
} CaseOwner;

static bool load_owner(Db *db, long long case_id, CaseOwner *o)
{
    DbStmt *st = Db_stmt(db, SQL_CASE);
    if (!st)
        return false;
    Db_bind_int64(st, 1, case_id);
    bool found = Db_step(st) == DB_ROW;
    if (found) {
        o->assignee = Db_col_int64(st, 0);
        o->created_by = Db_col_int64(st, 1);
        snprintf(o->team, sizeof o->team, "%s", Db_col_text(st, 2));
        o->open_with_customer = Db_col_int(st, 3) != 0;
        snprintf(o->team_name, sizeof o->team_name, "%s", Db_col_text(st, 4));
    }
    Db_reset(st);
    return found;
}

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
    if (!load_owner(rq->db, case_id, &o)) {
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

static void team_name(Db *db, const char *code, char *out, size_t cap)
{
    DbStmt *st = Db_stmt(db, SQL_TEAM_NAME);
    snprintf(out, cap, "%s", code);
    if (!st)
        return;
    Db_bind_text(st, 1, code);
    if (Db_step(st) == DB_ROW)
        snprintf(out, cap, "%s", Db_col_text(st, 0));
    Db_reset(st);
}

bool Authz_claim(Request *rq, Reply *r, const char *team)
{
    if (Memberships_active(rq->db, rq->user.id, team))
        return true;
    char detail[400], name[160];
    team_name(rq->db, team, name, sizeof name);
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
