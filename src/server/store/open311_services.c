#include "server/store/open311_services.h"

#include <stdio.h>

#include "server/store/db.h"

static const char SQL_SERVICES[] =
    "SELECT s.code, s.name, t.name, s.sla_hours, s.script_id, s.keywords"
    " FROM services s JOIN teams t ON t.code = s.team_code"
    " WHERE COALESCE(s.script_id, '') <> '' AND (?1 IS NULL OR s.code = ?1)"
    " ORDER BY s.position, s.code";

static void read_service(DbStmt *st, Open311Service *s)
{
    snprintf(s->code, sizeof s->code, "%s", Db_col_text(st, 0));
    snprintf(s->name, sizeof s->name, "%s", Db_col_text(st, 1));
    snprintf(s->team, sizeof s->team, "%s", Db_col_text(st, 2));
    s->sla_hours = Db_col_int(st, 3);
    const char *script = Db_col_text(st, 4);
    snprintf(s->script_id, sizeof s->script_id, "%s", script ? script : "");
    s->keywords = Db_col_text(st, 5);
}

bool Open311_services_find(Db *db, const char *code, Open311Service *s)
{
    DbStmt *st = Db_stmt(db, SQL_SERVICES);
    if (!st)
        return false;
    Db_bind_text(st, 1, code);
    bool found = Db_step(st) == DB_ROW;
    if (found)
        read_service(st, s);
    s->keywords = NULL;
    Db_reset(st);
    return found;
}

int Open311_services_each(Db *db, void (*fn)(const Open311Service *s, void *ctx), void *ctx)
{
    DbStmt *st = Db_stmt(db, SQL_SERVICES);
    Open311Service s;
    if (!st)
        return -1;
    Db_bind_text(st, 1, NULL);
    while (Db_step(st) == DB_ROW) {
        read_service(st, &s);
        fn(&s, ctx);
    }
    Db_reset(st);
    return 0;
}
