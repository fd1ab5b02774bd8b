/* contactkb: articles used on a contact (see contactkb.h). */
#include "server/contactkb.h"

#include <string.h>

#include "common/jsonx.h"

enum { ARTICLES_MAX = 20, ARTICLE_ID_MAX = 64 };

static const char SQL_EXISTS[] = "SELECT 1 FROM kb_articles WHERE id = ?1";
static const char SQL_INSERT[] =
    "INSERT OR REPLACE INTO contact_articles (contact_id, article_id, answered) VALUES (?1, ?2, ?3)";
static const char SQL_USE[] =
    "SELECT COUNT(*), COALESCE(SUM(answered), 0) FROM contact_articles WHERE article_id = ?1";
static const char SQL_LIST[] =
    "SELECT ca.article_id, a.title, ca.answered FROM contact_articles ca"
    " LEFT JOIN kb_articles a ON a.id = ca.article_id WHERE ca.contact_id = ?1"
    " ORDER BY ca.answered DESC, ca.article_id";

static bool Contactkb_item(Fields *f, Db *db, const json_t *it, int *answers)
{
    const char *id = Jsonx_str(it, "id", NULL);
    json_t *answer = json_object_get(it, "answer");
    if (!json_is_object(it) || !id || !id[0] || strlen(id) > ARTICLE_ID_MAX ||
        (answer && !json_is_boolean(answer)) || json_object_size(it) > 2 ||
        json_object_size(it) != 1u + (answer != NULL)) {
        Fields_error(f, "articles", "Each article is {\"id\": text, \"answer\": true or false}.");
        return false;
    }
    if (!Db_exists(db, SQL_EXISTS, id, 0)) {
        Fields_error(f, "articles", "No knowledge-base article has this id.");
        return false;
    }
    *answers += json_is_true(answer);
    return true;
}

json_t *Contactkb_read(Fields *f, Db *db)
{
    json_t *in = json_object_get(f->body, "articles"), *out = json_array();
    if (!in || json_is_null(in))
        return out;
    if (!json_is_array(in) || json_array_size(in) > ARTICLES_MAX) {
        Fields_error(f, "articles", "articles must be a list of up to 20 articles.");
        return out;
    }
    int answers = 0;
    size_t i;
    json_t *it;
    json_array_foreach(in, i, it)
        if (Contactkb_item(f, db, it, &answers))
            json_array_append(out, it);
    if (answers > 1)
        Fields_error(f, "articles", "Mark at most one article as the answer given.");
    return out;
}

int Contactkb_store(Db *db, long long contact_id, const json_t *articles)
{
    size_t i;
    json_t *it;
    json_array_foreach(articles, i, it) {
        DbStmt *st = Db_stmt(db, SQL_INSERT);
        if (!st)
            return -1;
        Db_bind_int64(st, 1, contact_id);
        Db_bind_text(st, 2, Jsonx_str(it, "id", ""));
        Db_bind_int(st, 3, Jsonx_bool(it, "answer", false));
        int rc = Db_step(st);
        Db_reset(st);
        if (rc != DB_DONE)
            return -1;
    }
    return 0;
}

json_t *Contactkb_json(Db *db, long long contact_id)
{
    json_t *out = json_array();
    DbStmt *st = Db_stmt(db, SQL_LIST);
    if (!st)
        return out;
    Db_bind_int64(st, 1, contact_id);
    while (Db_step(st) == DB_ROW)
        json_array_append_new(out, json_pack("{s:s, s:s?, s:b}", "id", Db_col_text(st, 0), "title",
                                             Db_col_text(st, 1), "answer", Db_col_int(st, 2)));
    Db_reset(st);
    return out;
}

json_t *Contactkb_use(Db *db, const char *article_id)
{
    json_int_t contacts = 0, answers = 0;
    DbStmt *st = Db_stmt(db, SQL_USE);
    if (st) {
        Db_bind_text(st, 1, article_id);
        if (Db_step(st) == DB_ROW) {
            contacts = Db_col_int64(st, 0);
            answers = Db_col_int64(st, 1);
        }
        Db_reset(st);
    }
    return json_pack("{s:I, s:I}", "contacts", contacts, "answers", answers);
}
