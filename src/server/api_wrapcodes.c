/* Wrap codes: the two-level tree (topic -> reason) every contact ends with. */
#include <stdio.h>
#include <string.h>

#include "server/api.h"
#include "server/audit.h"
#include "server/fields.h"

static const char SQL_TREE[] =
    "SELECT t.code, t.label, w.code, w.label, w.avoidable, w.progress_chasing, w.active"
    " FROM wrap_topics t JOIN wrap_codes w ON w.topic_code = t.code"
    " WHERE w.active = 1 OR ?1 = 1 ORDER BY t.position, t.code, w.position, w.code";
static const char SQL_UPSERT[] =
    "INSERT INTO wrap_codes (code, topic_code, label, avoidable, progress_chasing, active, position)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT COALESCE(MAX(position), 0) + 1 FROM wrap_codes))"
    " ON CONFLICT(code) DO UPDATE SET topic_code = excluded.topic_code, label = excluded.label,"
    " avoidable = excluded.avoidable, progress_chasing = excluded.progress_chasing,"
    " active = excluded.active";
static const char SQL_TOPIC_EXISTS[] = "SELECT 1 FROM wrap_topics WHERE code = ?1";

static json_t *reason_json(DbStmt *st)
{
    return json_pack("{s:s, s:s, s:b, s:b, s:b}", "code", Db_col_text(st, 2), "label",
                     Db_col_text(st, 3), "avoidable", Db_col_int(st, 4) != 0,
                     "progress_chasing", Db_col_int(st, 5) != 0, "active",
                     Db_col_int(st, 6) != 0);
}

void Api_wrapcodes_list(Request *rq, Reply *r)
{
    static const char *const bools[] = {"false", "true", NULL};
    int all;
    if (!Request_choice_param(rq, r, "include_inactive", bools, 0, &all))
        return;
    DbStmt *st = Db_stmt(rq->db, SQL_TREE);
    if (!st) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "Could not read the wrap codes", NULL);
        return;
    }
    Db_bind_int(st, 1, all);
    json_t *items = json_array(), *topic = NULL;
    while (Db_step(st) == DB_ROW) {
        const char *code = Db_col_text(st, 0);
        if (!topic || strcmp(json_string_value(json_object_get(topic, "code")), code) != 0) {
            topic = json_pack("{s:s, s:s, s:[]}", "code", code, "label", Db_col_text(st, 1),
                              "reasons");
            json_array_append_new(items, topic);
        }
        json_array_append_new(json_object_get(topic, "reasons"), reason_json(st));
    }
    Db_reset(st);
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

/* PUT /api/v1/wrapcodes/{code}: add or change one reason (admin). Codes
 * are never deleted — old contacts refer to them — only made inactive. */
void Api_wrapcode_put(Request *rq, Reply *r)
{
    static const char *const known[] = {"topic_code", "label", "avoidable", "progress_chasing",
                                        "active", NULL};
    Fields f;
    if (!Fields_open(&f, rq, r, known))
        return;
    const char *code = rq->params[0];
    const char *topic = Fields_string(&f, "topic_code", true, 64);
    const char *label = Fields_string(&f, "label", true, 120);
    bool avoidable = Fields_bool(&f, "avoidable", false);
    bool chasing = Fields_bool(&f, "progress_chasing", false);
    bool active = Fields_bool(&f, "active", true);
    if (strlen(code) > 64 || strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(code))
        Fields_error(&f, "code", "Codes are lower-case letters, digits and _ (up to 64).");
    if (topic && !Db_exists(rq->db, SQL_TOPIC_EXISTS, topic, 0))
        Fields_error(&f, "topic_code", "No such topic.");
    DbStmt *st;
    if (!Fields_ok(&f)) {
        Fields_reply(&f, r);
    } else if (!(st = Db_stmt(rq->db, SQL_UPSERT))) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The wrap code was not saved", NULL);
    } else {
        Db_bind_text(st, 1, code);
        Db_bind_text(st, 2, topic);
        Db_bind_text(st, 3, label);
        Db_bind_int(st, 4, avoidable);
        Db_bind_int(st, 5, chasing);
        Db_bind_int(st, 6, active);
        if (Db_step(st) == DB_DONE && Audit_record(rq, "wrapcode.put", 0, code) == 0)
            Reply_json(r, 200, json_pack("{s:s, s:s, s:s, s:b, s:b, s:b}", "code", code,
                                         "topic_code", topic, "label", label, "avoidable",
                                         avoidable, "progress_chasing", chasing, "active", active));
        else
            Reply_problem(r, 500, PROBLEM_INTERNAL, "The wrap code was not saved", NULL);
    }
    Fields_close(&f);
}
