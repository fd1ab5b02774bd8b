#include "server/store/sessions.h"

#include "server/store/db.h"

static const char SQL_INSERT[] =
    "INSERT INTO tokens (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_PURGE[] = "DELETE FROM tokens WHERE expires_at <= ?1";
static const char SQL_USER[] =
    "SELECT user_id FROM tokens WHERE token_hash = ?1 AND expires_at > ?2";
static const char SQL_DELETE[] = "DELETE FROM tokens WHERE token_hash = ?1";
static const char SQL_DELETE_USER[] = "DELETE FROM tokens WHERE user_id = ?1";

int Sessions_insert(Db *db, const char *token_hash, long long user_id, time_t now,
                    time_t expires_at)
{
    /* Each sign-in sweeps the expired ones, so the table stays a shift's worth. */
    DbStmt *purge = Db_stmt(db, SQL_PURGE);
    if (purge) {
        Db_bind_int64(purge, 1, now);
        Db_step(purge);
    }
    DbStmt *st = Db_stmt(db, SQL_INSERT);
    if (!st)
        return -1;
    Db_bind_text(st, 1, token_hash);
    Db_bind_int64(st, 2, user_id);
    Db_bind_int64(st, 3, now);
    Db_bind_int64(st, 4, expires_at);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

long long Sessions_user(Db *db, const char *token_hash, time_t now)
{
    DbStmt *st = Db_stmt(db, SQL_USER);
    long long id = 0;
    if (!st)
        return 0;
    Db_bind_text(st, 1, token_hash);
    Db_bind_int64(st, 2, now);
    if (Db_step(st) == DB_ROW)
        id = Db_col_int64(st, 0);
    Db_reset(st);
    return id;
}

bool Sessions_delete(Db *db, const char *token_hash)
{
    DbStmt *st = Db_stmt(db, SQL_DELETE);
    if (!st)
        return false;
    Db_bind_text(st, 1, token_hash);
    return Db_step(st) == DB_DONE && Db_changes(db) > 0;
}

int Sessions_delete_user(Db *db, long long user_id)
{
    DbStmt *st = Db_stmt(db, SQL_DELETE_USER);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, user_id);
    return Db_step(st) == DB_DONE ? 0 : -1;
}
