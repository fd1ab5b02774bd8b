/* The service catalogue (what people call about, who owns it, how fast)
 * and the triage scripts behind it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/api.h"
#include "server/audit.h"
#include "server/scriptstore.h"

static const char SQL_SERVICES[] =
    "SELECT s.code, s.name, s.tier, s.team_code, t.name, s.sla_hours, s.self_service_url,"
    " s.script_id, s.keywords FROM services s JOIN teams t ON t.code = s.team_code"
    " WHERE ?1 IS NULL OR s.code = ?1 ORDER BY s.position, s.code";
static const char SQL_SCRIPTS[] =
    "SELECT s.id, s.version, s.title, s.created_at,"
    " (SELECT group_concat(code, ' ') FROM services WHERE script_id = s.id)"
    " FROM scripts s WHERE s.version = (SELECT MAX(version) FROM scripts WHERE id = s.id)"
    " ORDER BY s.id";

static json_t *service_json(DbStmt *st)
{
    return json_pack("{s:s, s:s, s:s, s:{s:s, s:s}, s:i, s:s?, s:s?, s:s?}", "code",
                     Db_col_text(st, 0), "name", Db_col_text(st, 1), "tier", Db_col_text(st, 2),
                     "team", "code", Db_col_text(st, 3), "name", Db_col_text(st, 4), "sla_hours",
                     Db_col_int(st, 5), "self_service_url", Db_col_text(st, 6),
                     "script_id", Db_col_text(st, 7), "keywords", Db_col_text(st, 8));
}

static json_t *services(Db *db, const char *code)
{
    json_t *items = json_array();
    DbStmt *st = Db_stmt(db, SQL_SERVICES);
    if (!st)
        return items;
    Db_bind_text(st, 1, code);
    while (Db_step(st) == DB_ROW)
        json_array_append_new(items, service_json(st));
    Db_reset(st);
    return items;
}

void Api_services_list(Request *rq, Reply *r)
{
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", services(rq->db, NULL), "next_cursor"));
}

void Api_service_get(Request *rq, Reply *r)
{
    json_t *items = services(rq->db, rq->params[0]);
    if (json_array_size(items) == 0) {
        json_decref(items);
        Api_reply_not_found(r, "service");
        return;
    }
    Reply_json(r, 200, json_incref(json_array_get(items, 0)));
    json_decref(items);
}

void Api_scripts_list(Request *rq, Reply *r)
{
    json_t *items = json_array();
    DbStmt *st = Db_stmt(rq->db, SQL_SCRIPTS);
    while (st && Db_step(st) == DB_ROW) {
        char version[16];
        snprintf(version, sizeof version, "%d", Db_col_int(st, 1));
        const char *svc = Db_col_text(st, 4);
        json_array_append_new(items, json_pack("{s:s, s:s, s:s?, s:s, s:s?}", "id",
                                               Db_col_text(st, 0), "version", version, "title",
                                               Db_col_text(st, 2), "updated_at",
                                               Db_col_text(st, 3), "services", svc));
    }
    if (st)
        Db_reset(st);
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

void Api_script_get(Request *rq, Reply *r)
{
    long version;
    if (!Request_int_param(rq, r, "version", 1, 1000000, 0, &version))
        return;
    json_t *q = Scriptstore_valid_id(rq->params[0])
                    ? Scriptstore_get(rq->db, rq->params[0], (int)version) : NULL;
    if (!q) {
        Api_reply_not_found(r, "script");
        return;
    }
    Reply_json(r, 200, q);
    r->content_type = "application/fhir+json";
}

/* PUT /api/v1/scripts/{id} (trainer, admin): a new version, if changed.
 * A script the engine would refuse is refused here, naming the items. */
void Api_script_put(Request *rq, Reply *r)
{
    json_t *body = Request_json(rq, r);
    if (!body)
        return;
    Diag diag = DIAG_INIT;
    int version = 0;
    bool created = false;
    if (!Scriptstore_valid_id(rq->params[0])) {
        Reply_invalid(r, "id", "Script ids are lower-case letters, digits, - and _ (up to 64).");
    } else if (Scriptstore_put(rq->db, rq->params[0], body, rq->user.id, rq->params[0], &diag,
                               &version, &created) < 0) {
        json_t *errors = json_array();
        for (size_t i = 0; i < diag.count; i++)
            json_array_append_new(errors, json_pack("{s:s, s:s}", "field", "item", "message",
                                                    diag.lines[i]));
        Reply_problem_fields(r, 400, PROBLEM_VALIDATION, "The script cannot be used",
                             diag.count ? diag.lines[0] : "Check the script.", errors);
    } else if (Audit_record(rq, "script.put", 0, rq->params[0]) == 0) {
        Reply_json(r, created ? 201 : 200, Scriptstore_get(rq->db, rq->params[0], version));
        r->content_type = "application/fhir+json";
    }
    Diag_free(&diag);
    json_decref(body);
}
