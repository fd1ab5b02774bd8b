#include "server/store/seeding.h"

#include <stdio.h>

#include "server/store/db.h"

static const char SQL_COUNTS[] =
    "SELECT (SELECT COUNT(*) FROM customers), (SELECT COUNT(*) FROM users)";

int Seeding_counts(Db *db, long long *customers, long long *users, char *err, size_t errlen)
{
    DbStmt *st = Db_stmt(db, SQL_COUNTS);
    if (!st || Db_step(st) != DB_ROW) {
        snprintf(err, errlen, "%s", Db_errmsg(db));
        return -1;
    }
    *customers = Db_col_int64(st, 0);
    *users = Db_col_int64(st, 1);
    Db_reset(st);
    return 0;
}

/* A big page cache for the bulk load only: the name index and the
 * identifier B-trees outgrow the server's 16 MB cache past a few hundred
 * thousand customers, and 1,000,000 then takes 170 s, not 95. Pages are
 * used only as the file grows, so small seeds stay small. */
void Seeding_bulk_load(Db *db)
{
    Db_exec(db, "PRAGMA cache_size = -262144");
}

const char *Seeding_error(Db *db)
{
    return Db_errmsg(db);
}
