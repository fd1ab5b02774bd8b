/* The knowledge base: full-text search (title matches first) and articles. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/text.h"
#include "common/timefmt.h"
#include "server/api.h"
#include "server/audit.h"
#include "server/store/contacts.h"
#include "server/fields.h"
#include "server/precond.h"

#define KB_QUERY_MAX 200
#define KB_MAX_TERMS 8
#define KB_ID_MAX 64

/* Two phases like the customer search: title matches (ranked), then the
 * rest (ranked), so a title match always comes first. */
/* Ranking scores every candidate, so a word in nearly every article would
 * cost a full scan per keystroke. The candidates are capped: the first
 * KB_RANK_WINDOW matches in index order are ranked. A council's knowledge
 * base is hundreds of articles, where the cap never bites; at tens of
 * thousands it keeps search-as-you-type fast, and one more typed word
 * narrows the matches back under the cap. */
#define KB_RANK_WINDOW 300
/* Matches come in rowid order, so "the first N" is "rowid up to the Nth's",
 * a range FTS5 seeks to rather than a list it would have to probe. */
static const char SQL_WINDOW_END[] =
    "SELECT rowid FROM kb_fts WHERE kb_fts MATCH ?1 ORDER BY rowid LIMIT 1 OFFSET ?2";
static const char SQL_SEARCH[] =
    "SELECT a.id, a.title, a.services, a.tags, a.updated,"
    " snippet(kb_fts, 1, '', '', '...', 12) FROM kb_fts JOIN kb_articles a ON a.rowid = kb_fts.rowid"
    " WHERE kb_fts MATCH ?1 AND kb_fts.rowid <= ?3"
    " ORDER BY bm25(kb_fts, 10.0, 1.0, 3.0) LIMIT ?2";
static const char SQL_ALL[] =
    "SELECT id, title, services, tags, updated, '' FROM kb_articles"
    " WHERE ?1 IS NULL OR (' ' || services || ' ') LIKE ('% ' || ?1 || ' %')"
    " ORDER BY title LIMIT ?2";
static const char SQL_GET[] =
    "SELECT id, title, body, services, tags, updated, version, updated_at FROM kb_articles"
    " WHERE id = ?1";
static const char SQL_INSERT[] =
    "INSERT INTO kb_articles (id, title, body, services, tags, updated, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_UPDATE[] =
    "UPDATE kb_articles SET title = ?2, body = ?3, services = ?4, tags = ?5, updated = ?6,"
    " updated_at = ?7, version = version + 1 WHERE id = ?1";

/* The query's words as quoted prefix terms (Text_fts_terms), limited to
 * column when it is "title : ". */
static bool build_match(const char *q, const char *column, char *out, size_t cap)
{
    char terms[1024];
    if (Text_fts_terms(q, KB_MAX_TERMS, terms, sizeof terms) == 0)
        return false;
    return (size_t)snprintf(out, cap, "%s(%s)", column, terms) < cap;
}

static json_t *summary_json(DbStmt *st)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s}", "id", Db_col_text(st, 0), "title",
                     Db_col_text(st, 1), "services", Db_col_text(st, 2), "tags",
                     Db_col_text(st, 3), "updated", Db_col_text(st, 4), "snippet",
                     Db_col_text(st, 5) ? Db_col_text(st, 5) : "");
}

static bool listed(json_t *items, const char *id)
{
    size_t i;
    json_t *v;
    json_array_foreach(items, i, v)
        if (strcmp(json_string_value(json_object_get(v, "id")), id) == 0)
            return true;
    return false;
}

/* The last rowid inside the ranking window (all of them when fewer). */
static long long window_end(Db *db, const char *match)
{
    DbStmt *st = Db_stmt(db, SQL_WINDOW_END);
    long long end = INT64_MAX;
    if (!st)
        return end;
    Db_bind_text(st, 1, match);
    Db_bind_int(st, 2, KB_RANK_WINDOW - 1);
    if (Db_step(st) == DB_ROW)
        end = Db_col_int64(st, 0);
    Db_reset(st);
    return end;
}

static void run_search(Db *db, const char *match, bool bind_null, long limit, json_t *items)
{
    long long end = bind_null ? 0 : window_end(db, match);
    DbStmt *st = Db_stmt(db, bind_null ? SQL_ALL : SQL_SEARCH);
    if (!st)
        return;
    Db_bind_text(st, 1, match);
    Db_bind_int64(st, 2, limit);
    if (!bind_null)
        Db_bind_int64(st, 3, end);
    while (json_array_size(items) < (size_t)limit && Db_step(st) == DB_ROW)
        if (!listed(items, Db_col_text(st, 0)))
            json_array_append_new(items, summary_json(st));
    Db_reset(st);
}

void Api_kb_search(Request *rq, Reply *r)
{
    long limit;
    const char *q = Request_query(rq, "q"), *service = Request_query(rq, "service");
    if (!Request_int_param(rq, r, "limit", 1, 100, 20, &limit))
        return;
    if (q && (!Text_utf8_valid(q, strlen(q)) || Text_utf8_length(q) > KB_QUERY_MAX)) {
        Reply_invalid(r, "q", "Search text must be UTF-8, up to 200 characters.");
        return;
    }
    json_t *items = json_array();
    char title_match[1024], any_match[1024];
    if (q && build_match(q, "title : ", title_match, sizeof title_match) &&
        build_match(q, "", any_match, sizeof any_match)) {
        run_search(rq->db, title_match, false, limit, items);
        run_search(rq->db, any_match, false, limit, items);
    } else if (!q || !*q) {
        run_search(rq->db, service, true, limit, items);
    }
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

static json_t *article(Db *db, const char *id, long long *version)
{
    DbStmt *st = Db_stmt(db, SQL_GET);
    if (!st)
        return NULL;
    Db_bind_text(st, 1, id);
    json_t *a = NULL;
    if (Db_step(st) == DB_ROW) {
        *version = Db_col_int64(st, 6);
        a = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:I, s:s}", "id", Db_col_text(st, 0),
                      "title", Db_col_text(st, 1), "body", Db_col_text(st, 2), "services",
                      Db_col_text(st, 3), "tags", Db_col_text(st, 4), "updated",
                      Db_col_text(st, 5), "version", (json_int_t)*version, "updated_at",
                      Db_col_text(st, 7));
    }
    Db_reset(st);
    return a;
}

void Api_kb_get(Request *rq, Reply *r)
{
    long long version = 0;
    json_t *a = strlen(rq->params[0]) <= KB_ID_MAX ? article(rq->db, rq->params[0], &version) : NULL;
    if (!a) {
        Api_reply_not_found(r, "article");
        return;
    }
    json_object_set_new(a, "use", Contacts_article_use(rq->db, rq->params[0]));
    Reply_json(r, 200, a);
    Api_etag(r, version);
}

static bool valid_id(const char *id)
{
    size_t n = strlen(id);
    return n > 0 && n <= KB_ID_MAX && strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

/* Create (POST, id in the body) or update (PUT, If-Match) an article. */
static void kb_write(Request *rq, Reply *r, const char *id, bool create)
{
    static const char *const known[] = {"id", "title", "body", "services", "tags", "updated", NULL};
    Fields f;
    if (!Fields_open(&f, rq, r, known))
        return;
    if (create)
        id = Fields_string(&f, "id", true, KB_ID_MAX);
    if (id && !valid_id(id))
        Fields_error(&f, "id", "Article ids are lower-case letters, digits, - and _.");
    const char *vals[6] = {Fields_string(&f, "title", true, 200),
                           Fields_string(&f, "body", true, 50000),
                           Fields_string(&f, "services", false, 500),
                           Fields_string(&f, "tags", false, 500),
                           Fields_string(&f, "updated", false, 10), NULL};
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    vals[5] = now;
    DbStmt *st = Fields_ok(&f) ? Db_stmt(rq->db, create ? SQL_INSERT : SQL_UPDATE) : NULL;
    if (!Fields_ok(&f)) {
        Fields_reply(&f, r);
    } else if (st) {
        Db_bind_text(st, 1, id);
        for (int i = 0; i < 6; i++)
            Db_bind_text(st, i + 2, i == 2 || i == 3 ? (vals[i] ? vals[i] : "") : vals[i]);
        long long version = 0;
        if (Db_step(st) != DB_DONE) {
            Reply_problem(r, 409, PROBLEM_CONFLICT, "An article with this id exists",
                          "Choose another id, or update the existing article.");
        } else if (Audit_record(rq, create ? "kb.create" : "kb.update", 0, id) == 0) {
            Reply_json(r, create ? 201 : 200, article(rq->db, id, &version));
            Api_etag(r, version);
        }
    }
    Fields_close(&f);
}

void Api_kb_create(Request *rq, Reply *r)
{
    kb_write(rq, r, NULL, true);
}

void Api_kb_update(Request *rq, Reply *r)
{
    long long have = 0;
    json_t *current = valid_id(rq->params[0]) ? article(rq->db, rq->params[0], &have) : NULL;
    int rc = current ? Precond_if_match(rq, r, have, "article") : 404;
    if (rc == 404) {
        Api_reply_not_found(r, "article");
    } else if (rc == 412) {
        json_t *p = Reply_problem_new(412, PROBLEM_CONFLICT, "Someone else changed this article",
                                      "Compare your change with the current article.");
        json_object_set(p, "current", current);
        Reply_problem_json(r, p);
        Api_etag(r, have);
    } else if (rc == 0) {
        kb_write(rq, r, rq->params[0], false);
    }
    json_decref(current);
}
