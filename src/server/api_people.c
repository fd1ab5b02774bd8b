/* People: who a case or a call-back can be handed to, found by name or
 * team. Staff see only what a hand-off needs (user name, display name,
 * teams), never roles, sign-in times or anything else about a colleague. */
#include <string.h>

#include "server/api.h"

enum { PEOPLE_LIMIT = 50, PEOPLE_QUERY_MAX = 64 };

static const char SQL_PEOPLE[] =
    "SELECT u.username, u.display_name, u.team, t.name FROM users u"
    " LEFT JOIN teams t ON t.code = u.team WHERE u.active = 1"
    " AND (?1 IS NULL OR instr(lower(u.username), lower(?1)) > 0"
    "  OR instr(lower(u.display_name), lower(?1)) > 0)"
    " AND (?2 IS NULL OR u.team = ?2)"
    " ORDER BY u.display_name, u.username LIMIT ?3";

/* A person's teams from the users row (columns 2 and 3: code and name).
 * The one place that knows where membership is kept. */
static json_t *person_teams(sqlite3_stmt *st)
{
    json_t *teams = json_array();
    if (Db_col_text(st, 2))
        json_array_append_new(teams, json_pack("{s:s, s:s}", "code", Db_col_text(st, 2), "name",
                                               Db_col_text(st, 3) ? Db_col_text(st, 3)
                                                                  : Db_col_text(st, 2)));
    return teams;
}

static bool bounded(Reply *r, const char *key, const char *value)
{
    if (value && strlen(value) > PEOPLE_QUERY_MAX) {
        Reply_invalid(r, key, "Too long: 64 characters at most.");
        return false;
    }
    return true;
}

void Api_people_list(Request *rq, Reply *r)
{
    const char *q = Request_query(rq, "q"), *team = Request_query(rq, "team");
    if (!bounded(r, "q", q) || !bounded(r, "team", team))
        return;
    sqlite3_stmt *st = Db_stmt(rq->db, SQL_PEOPLE);
    if (!st) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The people list could not be read", "Try again.");
        return;
    }
    Db_bind_text(st, 1, q && q[0] ? q : NULL);
    Db_bind_text(st, 2, team && team[0] ? team : NULL);
    sqlite3_bind_int(st, 3, PEOPLE_LIMIT);
    json_t *items = json_array();
    while (sqlite3_step(st) == SQLITE_ROW)
        json_array_append_new(items, json_pack("{s:s, s:s, s:o}", "username", Db_col_text(st, 0),
                                               "display_name", Db_col_text(st, 1), "teams",
                                               person_teams(st)));
    sqlite3_reset(st);
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}
