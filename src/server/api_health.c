/* api_health: GET /healthz (does the database answer) and GET /metrics. */
#include "server/api.h"
#include "server/metrics.h"
#include "server/store/health.h"

void Api_healthz(Request *rq, Reply *r)
{
    if (!Health_ping(rq->db)) {
        Reply_json(r, 503, json_pack("{s:s, s:s}", "status", "unavailable", "database", "error"));
        return;
    }
    Reply_json(r, 200, json_pack("{s:s, s:s}", "status", "ok", "database", "ok"));
}

void Api_metrics(Request *rq, Reply *r)
{
    Reply_text(r, 200, "text/plain; version=0.0.4", Metrics_render());
}
