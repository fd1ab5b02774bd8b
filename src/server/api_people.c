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
#include "server/store/people.h"

enum { PEOPLE_LIMIT = 50, PEOPLE_QUERY_MAX = 64 };

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
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    json_t *items = People_find(rq->db, q, team, now, PEOPLE_LIMIT), *p;
    if (!items) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The people list could not be read", "Try again.");
        return;
    }
    size_t i;
    json_array_foreach(items, i, p) {
        /* the id finds the teams and goes no further */
        json_int_t id = json_integer_value(json_object_get(p, "user_id"));
        json_object_del(p, "user_id");
        json_object_set_new(p, "teams", person_teams(rq->db, id));
    }
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}
