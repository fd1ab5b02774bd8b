/* people: who a case can go to (people.h). */
#include "server/store/people.h"

#include "server/store/db.h"

static const char SQL_PEOPLE[] =
    "SELECT u.id, u.username, u.display_name FROM users u WHERE u.active = 1"
    " AND (?1 IS NULL OR instr(lower(u.username), lower(?1)) > 0"
    "  OR instr(lower(u.display_name), lower(?1)) > 0)"
    " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id"
    "  AND m.team_code = ?2 AND (m.expires_at IS NULL OR m.expires_at > ?4)))"
    " ORDER BY u.display_name, u.username LIMIT ?3";

json_t *People_find(Db *db, const char *q, const char *team, const char *now, int limit)
{
    DbStmt *st = Db_stmt(db, SQL_PEOPLE);
    if (!st)
        return NULL;
    Db_bind_text(st, 1, q && q[0] ? q : NULL);
    Db_bind_text(st, 2, team && team[0] ? team : NULL);
    Db_bind_int(st, 3, limit);
    Db_bind_text(st, 4, now);
    json_t *items = json_array();
    while (Db_step(st) == DB_ROW)
        json_array_append_new(items, json_pack("{s:s, s:s, s:I}", "username",
                                               Db_col_text(st, 1), "display_name",
                                               Db_col_text(st, 2), "user_id",
                                               (json_int_t)Db_col_int64(st, 0)));
    Db_reset(st);
    return items;
}
