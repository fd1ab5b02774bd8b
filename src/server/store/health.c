/* health: the ping behind GET /healthz; a query that touches no table, so
 * it says the connection works and nothing about the data. */
#include "server/store/health.h"

#include "server/store/db.h"

static const char SQL_PING[] = "SELECT 1";

bool Health_ping(Db *db)
{
    DbStmt *st = Db_stmt(db, SQL_PING);
    if (!st || Db_step(st) != DB_ROW)
        return false;
    Db_reset(st);
    return true;
}
