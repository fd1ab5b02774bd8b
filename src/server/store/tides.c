#include "server/store/tides.h"

#include "server/store/db.h"

static const char SQL_GET[] = "SELECT level FROM tide_levels WHERE team_code = ?1";
static const char SQL_SET[] =
    "INSERT INTO tide_levels (team_code, level) VALUES (?1, ?2)"
    " ON CONFLICT (team_code) DO UPDATE SET level = excluded.level";

int Tides_last(Db *db, const char *team)
{
    DbStmt *st = Db_stmt(db, SQL_GET);
    if (!st)
        return -1;
    Db_bind_text(st, 1, team);
    int rc = Db_step(st);
    int level = rc == DB_ROW ? Db_col_int(st, 0) : rc == DB_DONE ? 0 : -1;
    Db_reset(st);
    return level;
}

int Tides_set(Db *db, const char *team, int level)
{
    DbStmt *st = Db_stmt(db, SQL_SET);
    if (!st)
        return -1;
    Db_bind_text(st, 1, team);
    Db_bind_int(st, 2, level);
    int rc = Db_step(st);
    Db_reset(st);
    return rc == DB_DONE ? 0 : -1;
}
