#include "server/store/scripts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/timefmt.h"
#include "server/store/db.h"

static const char SQL_LIST[] =
    "SELECT s.id, s.version, s.title, s.created_at,"
    " (SELECT group_concat(code, ' ') FROM services WHERE script_id = s.id)"
    " FROM scripts s WHERE s.version = (SELECT MAX(version) FROM scripts WHERE id = s.id)"
    " ORDER BY s.id";
static const char SQL_LATEST[] =
    "SELECT version, body FROM scripts WHERE id = ?1 ORDER BY version DESC LIMIT 1";
static const char SQL_VERSION[] = "SELECT version, body FROM scripts WHERE id = ?1 AND version = ?2";
static const char SQL_INSERT[] =
    "INSERT INTO scripts (id, version, title, body, created_at, created_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

json_t *Scripts_list(Db *db)
{
    json_t *items = json_array();
    DbStmt *st = Db_stmt(db, SQL_LIST);
    while (st && Db_step(st) == DB_ROW) {
        char version[16];
        snprintf(version, sizeof version, "%d", Db_col_int(st, 1));
        json_array_append_new(items, json_pack("{s:s, s:s, s:s?, s:s, s:s?}", "id",
                                               Db_col_text(st, 0), "version", version, "title",
                                               Db_col_text(st, 2), "updated_at",
                                               Db_col_text(st, 3), "services",
                                               Db_col_text(st, 4)));
    }
    if (st)
        Db_reset(st);
    return items;
}

json_t *Scripts_get(Db *db, const char *id, int version)
{
    DbStmt *st = Db_stmt(db, version ? SQL_VERSION : SQL_LATEST);
    if (!st)
        return NULL;
    Db_bind_text(st, 1, id);
    if (version)
        Db_bind_int(st, 2, version);
    json_t *q = NULL;
    if (Db_step(st) == DB_ROW) {
        char v[16];
        snprintf(v, sizeof v, "%d", Db_col_int(st, 0));
        q = json_loads(Db_col_text(st, 1), 0, NULL);
        if (q)
            json_object_set_new(q, "version", json_string(v));
    }
    Db_reset(st);
    return q;
}

/* The newest version's number (0 if none) and text (*body, to free). */
static int latest(Db *db, const char *id, char **body)
{
    DbStmt *st = Db_stmt(db, SQL_LATEST);
    int version = 0;
    *body = NULL;
    if (!st)
        return -1;
    Db_bind_text(st, 1, id);
    if (Db_step(st) == DB_ROW) {
        version = Db_col_int(st, 0);
        *body = strdup(Db_col_text(st, 1));
    }
    Db_reset(st);
    return version;
}

static int insert(Db *db, const char *id, int version, const char *title, const char *body,
                  long long user_id)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_INSERT);
    if (!st)
        return -1;
    Db_bind_text(st, 1, id);
    Db_bind_int(st, 2, version);
    Db_bind_text(st, 3, title);
    Db_bind_text(st, 4, body);
    Db_bind_text(st, 5, now);
    if (user_id > 0)
        Db_bind_int64(st, 6, user_id);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

int Scripts_put(Db *db, const char *id, const char *title, const char *text, long long user_id,
                int *version, bool *created, char *err, size_t errlen)
{
    char *prev = NULL;
    int rc = 0;
    *version = latest(db, id, &prev);
    *created = !prev || strcmp(prev, text) != 0;
    if (*version < 0 || (*created && insert(db, id, ++*version, title, text, user_id) < 0)) {
        snprintf(err, errlen, "%s", Db_errmsg(db));
        rc = -1;
    }
    free(prev);
    return rc;
}
