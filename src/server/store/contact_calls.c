#include "server/store/contact_calls.h"

#include <stdio.h>

#include "server/store/db.h"

static const char SQL_CALL[] =
    "SELECT k.taken_at IS NOT NULL, EXISTS (SELECT 1 FROM contact_calls cc"
    " WHERE cc.call_id = k.id) FROM calls k WHERE k.id = ?1 AND k.user_id = ?2";
static const char SQL_LINK[] = "INSERT INTO contact_calls (contact_id, call_id) VALUES (?1, ?2)";
static const char SQL_GET[] =
    "SELECT k.id, k.service_code, s.name, k.queued_seconds FROM contact_calls cc"
    " JOIN calls k ON k.id = cc.call_id LEFT JOIN services s ON s.code = k.service_code"
    " WHERE cc.contact_id = ?1";

ContactCallCheck Contact_calls_check(Db *db, long long call_id, long long user_id)
{
    DbStmt *st = Db_stmt(db, SQL_CALL);
    if (!st)
        return CONTACT_CALL_UNKNOWN;
    Db_bind_int64(st, 1, call_id);
    Db_bind_int64(st, 2, user_id);
    ContactCallCheck rc = CONTACT_CALL_UNKNOWN;
    if (Db_step(st) == DB_ROW)
        rc = !Db_col_int(st, 0) ? CONTACT_CALL_NOT_TAKEN
             : Db_col_int(st, 1) ? CONTACT_CALL_RECORDED : CONTACT_CALL_OK;
    Db_reset(st);
    return rc;
}

int Contact_calls_link(Db *db, long long contact_id, long long call_id)
{
    DbStmt *st = Db_stmt(db, SQL_LINK);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, contact_id);
    Db_bind_int64(st, 2, call_id);
    int rc = Db_step(st) == DB_DONE ? 0 : -1;
    Db_reset(st);
    return rc;
}

json_t *Contact_calls_json(Db *db, long long contact_id)
{
    DbStmt *st = Db_stmt(db, SQL_GET);
    json_t *call = NULL;
    if (st) {
        Db_bind_int64(st, 1, contact_id);
        if (Db_step(st) == DB_ROW) {
            char id[24];
            snprintf(id, sizeof id, "%lld", (long long)Db_col_int64(st, 0));
            json_t *service = Db_col_is_null(st, 1) ? json_null()
                : json_pack("{s:s, s:s?}", "code", Db_col_text(st, 1), "name", Db_col_text(st, 2));
            call = json_pack("{s:s, s:o, s:I}", "id", id, "service", service, "queued_seconds",
                             (json_int_t)Db_col_int64(st, 3));
        }
        Db_reset(st);
    }
    return call ? call : json_null();
}
