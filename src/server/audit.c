#include "server/audit.h"

#include "common/log.h"
#include "common/timefmt.h"

static const char SQL_INSERT_AUDIT[] =
    "INSERT INTO audit (at, user_id, username, action, customer_id, reason, request_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

int Audit_record(Request *rq, const char *action, long long customer_id, const char *reason)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    sqlite3_stmt *st = Db_stmt(rq->db, SQL_INSERT_AUDIT);
    if (!st)
        return -1;
    Db_bind_text(st, 1, now);
    sqlite3_bind_int64(st, 2, rq->user.id);
    Db_bind_text(st, 3, rq->user.username);
    Db_bind_text(st, 4, action);
    if (customer_id > 0)
        sqlite3_bind_int64(st, 5, customer_id);
    Db_bind_text(st, 6, reason);
    Db_bind_text(st, 7, rq->request_id);
    if (sqlite3_step(st) != SQLITE_DONE) {
        Log_event(LOG_ERROR, "audit_write_failed", "action=%s", action);
        return -1;
    }
    return 0;
}
