
#include "server/api.h"
#include "server/metrics.h"

static const char SQL_PING[] = "SELECT 1";

void Api_healthz(Request *rq, Reply *r)
{
    DbStmt *st = Db_stmt(rq->db, SQL_PING);
    if (!st || Db_step(st) != DB_ROW) {
        Reply_json(r, 503, json_pack("{s:s, s:s}", "status", "unavailable", "database", "error"));
        return;
    }
    Db_reset(st);
    Reply_json(r, 200, json_pack("{s:s, s:s}", "status", "ok", "database", "ok"));
}

void Api_metrics(Request *rq, Reply *r)
{
    Reply_text(r, 200, "text/plain; version=0.0.4", Metrics_render());
}
