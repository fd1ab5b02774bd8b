/* People: who a case or a call-back can be handed to, found by name or
 * team. Staff see only what a hand-off needs (user name, display name,
 * teams), never roles, sign-in times or anything else about a colleague. */
#include <string.h>
#include <time.h>

#include "common/jsonx.h"
#include "common/text.h"
#include "common/timefmt.h"
#include "server/api.h"
#include "server/store/memberships.h"

enum { PEOPLE_LIMIT = 50, PEOPLE_QUERY_MAX = 64 };

static const char SQL_PEOPLE[] =
    "SELECT u.id, u.username, u.display_name FROM users u WHERE u.active = 1"
    " AND (?1 IS NULL OR instr(lower(u.username), lower(?1)) > 0"
    "  OR instr(lower(u.display_name), lower(?1)) > 0)"
    " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id"
    "  AND m.team_code = ?2 AND (m.expires_at IS NULL OR m.expires_at > ?4)))"
    " ORDER BY u.display_name, u.username LIMIT ?3";

/* A person's current teams, as [{"code", "name"}]: store/memberships.h is the
 * one place that knows where membership is kept. */
static json_t *person_teams(Db *db, long long user_id)
{
    json_t *teams = json_array(), *list = Memberships_list(db, user_id), *m;
    size_t i;
    json_array_foreach(list, i, m)
        json_array_append_new(teams, json_pack("{s:s, s:s}", "code", Jsonx_str(m, "team_code", ""),
                                               "name", Jsonx_str(m, "team_name",
                                                                 Jsonx_str(m, "team_code", ""))));
    json_decref(list);
    return teams;
}

static bool bounded(Reply *r, const char *key, const char *value)
{
    if (value && Text_utf8_length(value) > PEOPLE_QUERY_MAX) {
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
    DbStmt *st = Db_stmt(rq->db, SQL_PEOPLE);
    if (!st) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The people list could not be read", "Try again.");
        return;
    }
    Db_bind_text(st, 1, q && q[0] ? q : NULL);
    Db_bind_text(st, 2, team && team[0] ? team : NULL);
    Db_bind_int(st, 3, PEOPLE_LIMIT);
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    Db_bind_text(st, 4, now);
    json_t *items = json_array();
    while (Db_step(st) == DB_ROW)
        json_array_append_new(items, json_pack("{s:s, s:s, s:o}", "username", Db_col_text(st, 1),
                                               "display_name", Db_col_text(st, 2), "teams",
                                               person_teams(rq->db, Db_col_int64(st, 0))));
    Db_reset(st);
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}
