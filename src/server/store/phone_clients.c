#include "server/store/phone_clients.h"

#include <time.h>

#include "common/timefmt.h"
#include "server/store/db.h"

static const char SQL_FIND[] = "SELECT 1 FROM phone_clients WHERE key_hash = ?1";
static const char SQL_INSERT[] =
    "INSERT INTO phone_clients (key_hash, name, created_at) VALUES (?1, ?2, ?3)";
static const char SQL_LIST[] = "SELECT name, created_at FROM phone_clients ORDER BY created_at";

bool Phone_clients_exists(Db *db, const char *key_hash)
{
    return Db_exists(db, SQL_FIND, key_hash, 0);
}

int Phone_clients_insert(Db *db, const char *key_hash, const char *name)
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

json_t *Phone_clients_list(Db *db)
{
    json_t *items = json_array();
    DbStmt *st = Db_stmt(db, SQL_LIST);
    while (st && Db_step(st) == DB_ROW)
        json_array_append_new(items, json_pack("{s:s, s:s}", "name", Db_col_text(st, 0),
                                                "created_at", Db_col_text(st, 1)));
    if (st)
        Db_reset(st);
    return items;
}
