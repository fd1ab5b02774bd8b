#include "server/store/client_keys.h"

#include <time.h>

#include "common/timefmt.h"
#include "server/store/db.h"

/* One literal per kind and statement: the driver caches a prepared
 * statement by its literal, and a table name is never spliced in. */
static const struct {
    const char *find, *insert, *list, *named, *revoke;
} SQL[CLIENT_KEYS_KINDS] = {
    [CLIENT_KEYS_OPEN311] = {
        "SELECT 1 FROM open311_clients WHERE key_hash = ?1",
        "INSERT INTO open311_clients (key_hash, name, created_at) VALUES (?1, ?2, ?3)",
        "SELECT name, created_at FROM open311_clients ORDER BY created_at",
        "SELECT 1 FROM open311_clients WHERE name = ?1",
        "DELETE FROM open311_clients WHERE name = ?1",
    },
    [CLIENT_KEYS_PHONE] = {
        "SELECT 1 FROM phone_clients WHERE key_hash = ?1",
        "INSERT INTO phone_clients (key_hash, name, created_at) VALUES (?1, ?2, ?3)",
        "SELECT name, created_at FROM phone_clients ORDER BY created_at",
        "SELECT 1 FROM phone_clients WHERE name = ?1",
        "DELETE FROM phone_clients WHERE name = ?1",
    },
};

bool Client_keys_exists(Db *db, ClientKeysKind kind, const char *key_hash)
{
    return Db_exists(db, SQL[kind].find, key_hash, 0);
}

int Client_keys_insert(Db *db, ClientKeysKind kind, const char *key_hash, const char *name)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL[kind].insert);
    if (!st)
        return -1;
    Db_bind_text(st, 1, key_hash);
    Db_bind_text(st, 2, name);
    Db_bind_text(st, 3, now);
    int rc = Db_step(st) == DB_DONE ? 0 : -1;
    Db_reset(st);
    return rc;
}

json_t *Client_keys_list(Db *db, ClientKeysKind kind)
{
    json_t *items = json_array();
    DbStmt *st = Db_stmt(db, SQL[kind].list);
    while (st && Db_step(st) == DB_ROW)
        json_array_append_new(items, json_pack("{s:s, s:s}", "name", Db_col_text(st, 0),
                                                "created_at", Db_col_text(st, 1)));
    if (st)
        Db_reset(st);
    return items;
}

bool Client_keys_name_taken(Db *db, ClientKeysKind kind, const char *name)
{
    return Db_exists(db, SQL[kind].named, name, 0);
}

int Client_keys_revoke(Db *db, ClientKeysKind kind, const char *name)
{
    DbStmt *st = Db_stmt(db, SQL[kind].revoke);
    if (!st)
        return -1;
    Db_bind_text(st, 1, name);
    int rc = Db_step(st) == DB_DONE ? (Db_changes(db) > 0) : -1;
    Db_reset(st);
    return rc;
}
