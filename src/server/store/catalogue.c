#include "server/store/catalogue.h"

#include <stdio.h>

#include "server/store/db.h"

static const char SQL_SERVICES[] =
    "SELECT s.code, s.name, s.tier, s.team_code, t.name, s.sla_hours, s.self_service_url,"
    " s.script_id, s.keywords FROM services s JOIN teams t ON t.code = s.team_code"
    " WHERE ?1 IS NULL OR s.code = ?1 ORDER BY s.position, s.code";
static const char SQL_SERVICE_EXISTS[] = "SELECT 1 FROM services WHERE code = ?1";
static const char SQL_TEAM[] =
    "INSERT INTO teams (code, name, description) VALUES (?1, ?2, ?3)"
    " ON CONFLICT(code) DO UPDATE SET name = excluded.name, description = excluded.description";
static const char SQL_SERVICE[] =
    "INSERT INTO services (code, name, tier, team_code, self_service_url, script_id, keywords,"
    " sla_hours, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT(code) DO UPDATE SET name = excluded.name, tier = excluded.tier,"
    " team_code = excluded.team_code, self_service_url = excluded.self_service_url,"
    " script_id = excluded.script_id, keywords = excluded.keywords,"
    " sla_hours = excluded.sla_hours";

static json_t *service_json(DbStmt *st)
{
    return json_pack("{s:s, s:s, s:s, s:{s:s, s:s}, s:i, s:s?, s:s?, s:s?}", "code",
                     Db_col_text(st, 0), "name", Db_col_text(st, 1), "tier", Db_col_text(st, 2),
                     "team", "code", Db_col_text(st, 3), "name", Db_col_text(st, 4), "sla_hours",
                     Db_col_int(st, 5), "self_service_url", Db_col_text(st, 6),
                     "script_id", Db_col_text(st, 7), "keywords", Db_col_text(st, 8));
}

json_t *Catalogue_services(Db *db, const char *code)
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

bool Catalogue_service_exists(Db *db, const char *code)
{
    return Db_exists(db, SQL_SERVICE_EXISTS, code, 0);
}

/* Step a bound write once; on failure the database's message goes to err. */
static int write_once(Db *db, DbStmt *st, char *err, size_t errlen)
{
    if (st && Db_step(st) == DB_DONE)
        return 0;
    snprintf(err, errlen, "%s", Db_errmsg(db));
    return -1;
}

int Catalogue_put_team(Db *db, const char *code, const char *name, const char *description,
                       char *err, size_t errlen)
{
    DbStmt *st = Db_stmt(db, SQL_TEAM);
    if (st) {
        Db_bind_text(st, 1, code);
        Db_bind_text(st, 2, name);
        Db_bind_text(st, 3, description);
    }
    return write_once(db, st, err, errlen);
}

int Catalogue_put_service(Db *db, const ServiceIn *s, char *err, size_t errlen)
{
    DbStmt *st = Db_stmt(db, SQL_SERVICE);
    if (st) {
        const char *text[] = {s->code, s->name, s->tier, s->team_code, s->self_service_url,
                              s->script_id, s->keywords};
        for (int i = 0; i < 7; i++)
            Db_bind_text(st, i + 1, text[i]);
        Db_bind_int(st, 8, s->sla_hours);
        Db_bind_int(st, 9, s->position);
    }
    return write_once(db, st, err, errlen);
}
