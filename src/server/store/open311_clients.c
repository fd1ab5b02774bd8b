#include "server/store/open311_clients.h"

#include <time.h>

#include "common/timefmt.h"
#include "server/store/db.h"

static const char SQL_FIND[] = "SELECT 1 FROM open311_clients WHERE key_hash = ?1";
static const char SQL_INSERT[] =
    "INSERT INTO open311_clients (key_hash, name, created_at) VALUES (?1, ?2, ?3)";

bool Open311_clients_exists(Db *db, const char *key_hash)
{
    return Db_exists(db, SQL_FIND, key_hash, 0);
}

int Open311_clients_insert(Db *db, const char *key_hash, const char *name)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_INSERT);
    if (!st)
        return -1;
    Db_bind_text(st, 1, key_hash);
    Db_bind_text(st, 2, name);
    Db_bind_text(st, 3, now);
    int rc = Db_step(st) == DB_DONE ? 0 : -1;
    Db_reset(st);
    return rc;
}
