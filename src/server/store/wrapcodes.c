#include "server/store/wrapcodes.h"

#include <stdio.h>
#include <string.h>

#include "server/store/db.h"

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
static const char SQL_EXISTS[] = "SELECT 1 FROM wrap_codes WHERE code = ?1";
static const char SQL_TOPIC_EXISTS[] = "SELECT 1 FROM wrap_topics WHERE code = ?1";
static const char SQL_LOAD_TOPIC[] =
    "INSERT INTO wrap_topics (code, label, position) VALUES (?1, ?2, ?3)"
    " ON CONFLICT(code) DO UPDATE SET label = excluded.label";
static const char SQL_LOAD_CODE[] =
    "INSERT INTO wrap_codes (code, topic_code, label, avoidable, progress_chasing, position)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(code) DO UPDATE SET"
    " topic_code = excluded.topic_code, label = excluded.label, avoidable = excluded.avoidable,"
    " progress_chasing = excluded.progress_chasing";

static json_t *reason_json(DbStmt *st)
{
    return json_pack("{s:s, s:s, s:b, s:b, s:b}", "code", Db_col_text(st, 2), "label",
                     Db_col_text(st, 3), "avoidable", Db_col_int(st, 4) != 0,
                     "progress_chasing", Db_col_int(st, 5) != 0, "active",
                     Db_col_int(st, 6) != 0);
}

/* Rows come topic by topic: a new topic starts when the code changes. */
json_t *Wrapcodes_tree(Db *db, bool include_inactive)
{
    DbStmt *st = Db_stmt(db, SQL_TREE);
    if (!st)
        return NULL;
    Db_bind_int(st, 1, include_inactive);
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
    return items;
}

bool Wrapcodes_exists(Db *db, const char *code)
{
    return Db_exists(db, SQL_EXISTS, code, 0);
}

bool Wrapcodes_topic_exists(Db *db, const char *topic_code)
{
    return Db_exists(db, SQL_TOPIC_EXISTS, topic_code, 0);
}

/* The reason's columns 1-5, shared by the admin's put and the loader. */
static DbStmt *bind_reason(Db *db, const char *sql, const WrapcodeIn *w)
{
    DbStmt *st = Db_stmt(db, sql);
    if (!st)
        return NULL;
    Db_bind_text(st, 1, w->code);
    Db_bind_text(st, 2, w->topic_code);
    Db_bind_text(st, 3, w->label);
    Db_bind_int(st, 4, w->avoidable);
    Db_bind_int(st, 5, w->progress_chasing);
    return st;
}

int Wrapcodes_put(Db *db, const WrapcodeIn *w)
{
    DbStmt *st = bind_reason(db, SQL_UPSERT, w);
    if (!st)
        return -1;
    Db_bind_int(st, 6, w->active);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

int Wrapcodes_upsert(Db *db, const char *topic_label, const WrapcodeIn *w, int position,
                   char *err, size_t errlen)
{
    DbStmt *st = Db_stmt(db, SQL_LOAD_TOPIC);
    int rc = -1;
    if (st) {
        Db_bind_text(st, 1, w->topic_code);
        Db_bind_text(st, 2, topic_label);
        Db_bind_int(st, 3, position);
        rc = Db_step(st) == DB_DONE ? 0 : -1;
    }
    if (rc == 0 && (st = bind_reason(db, SQL_LOAD_CODE, w))) {
        Db_bind_int(st, 6, position);
        rc = Db_step(st) == DB_DONE ? 0 : -1;
    } else {
        rc = -1;
    }
    if (rc < 0)
        snprintf(err, errlen, "%s", Db_errmsg(db));
    return rc;
}
