#include "server/scriptstore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/jsonx.h"
#include "common/questionnaire.h"
#include "common/scriptwalk.h"
#include "common/timefmt.h"

static const char SQL_LATEST[] =
    "SELECT version, body FROM scripts WHERE id = ?1 ORDER BY version DESC LIMIT 1";
static const char SQL_VERSION[] = "SELECT version, body FROM scripts WHERE id = ?1 AND version = ?2";
static const char SQL_INSERT[] =
    "INSERT INTO scripts (id, version, title, body, created_at, created_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_WRAP_EXISTS[] = "SELECT 1 FROM wrap_codes WHERE code = ?1";
static const char SQL_SERVICE_EXISTS[] = "SELECT 1 FROM services WHERE code = ?1";
static const char SQL_KB_EXISTS[] = "SELECT 1 FROM kb_articles WHERE id = ?1";

bool Scriptstore_valid_id(const char *id)
{
    size_t n = strlen(id);
    return n > 0 && n <= SCRIPT_ID_MAX &&
           strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}


/* What the engine cannot know: that the codes an outcome names exist here. */
static int check_references(Db *db, const Questionnaire *q, const char *source, Diag *diag)
{
    int errors = 0;
    for (size_t i = 0; i < Questionnaire_item_count(q); i++) {
        const QItem *it = Questionnaire_item(q, i);
        const QOutcome *o = QItem_outcome(it);
        if (!o)
            continue;
        const char *link = QItem_link_id(it);
        if (o->wrap && !Db_exists(db, SQL_WRAP_EXISTS, o->wrap, 0) && ++errors)
            Diag_add(diag, source, 0, "item '%s': unknown wrap code '%s'", link, o->wrap);
        if (o->service && !Db_exists(db, SQL_SERVICE_EXISTS, o->service, 0) && ++errors)
            Diag_add(diag, source, 0, "item '%s': unknown service '%s'", link, o->service);
        for (size_t k = 0; k < o->kb_count; k++)
            if (!Db_exists(db, SQL_KB_EXISTS, o->kb[k], 0) && ++errors)
                Diag_add(diag, source, 0, "item '%s': unknown KB article '%s'", link, o->kb[k]);
    }
    return errors;
}

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

/* The text compared and stored, with the version member left out: the
 * server numbers versions, so an author's "version" alone is no change. */
static char *canonical(const json_t *questionnaire)
{
    json_t *copy = json_deep_copy(questionnaire);
    json_object_del(copy, "version");
    char *text = json_dumps(copy, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(copy);
    return text;
}

int Scriptstore_put(Db *db, const char *id, const json_t *questionnaire, long long user_id,
                    const char *source, Diag *diag, int *version, bool *created)
{
    Questionnaire *q = Questionnaire_from_json(questionnaire, source, diag);
    if (!q)
        return -1;
    int rc = -1;
    const char *qid = Questionnaire_id(q);
    if (!qid || strcmp(qid, id) != 0)
        Diag_add(diag, source, 0, "questionnaire: id must be '%s'", id);
    else if (check_references(db, q, source, diag) == 0 &&
             Scriptwalk_check(q, source, diag, NULL) == 0)   /* every path ends in an outcome */
        rc = 0;
    char *text = rc == 0 ? canonical(questionnaire) : NULL, *prev = NULL;
    if (rc == 0) {
        *version = latest(db, id, &prev);
        *created = !prev || strcmp(prev, text) != 0;
        if (*version < 0 || (*created && insert(db, id, ++*version, Questionnaire_title(q),
                                                text, user_id) < 0)) {
            Diag_add(diag, source, 0, "cannot store: %s", Db_errmsg(db));
            rc = -1;
        }
    }
    free(prev);
    free(text);
    Questionnaire_free(q);
    return rc;
}

json_t *Scriptstore_get(Db *db, const char *id, int version)
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
