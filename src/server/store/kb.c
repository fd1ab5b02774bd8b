#include "server/store/kb.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/text.h"
#include "common/timefmt.h"
#include "server/store/db.h"

#define KB_MAX_TERMS 8

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
static const char SQL_EXISTS[] = "SELECT 1 FROM kb_articles WHERE id = ?1";
static const char SQL_INSERT[] =
    "INSERT INTO kb_articles (id, title, body, services, tags, updated, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_UPDATE[] =
    "UPDATE kb_articles SET title = ?2, body = ?3, services = ?4, tags = ?5, updated = ?6,"
    " updated_at = ?7, version = version + 1 WHERE id = ?1";
static const char SQL_LOAD[] =
    "INSERT INTO kb_articles (id, title, body, services, tags, updated, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET"
    " title = excluded.title, body = excluded.body, services = excluded.services,"
    " tags = excluded.tags, updated = excluded.updated, updated_at = excluded.updated_at,"
    " version = version + 1"
    " WHERE title != excluded.title OR body != excluded.body OR services != excluded.services"
    " OR tags != excluded.tags";

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

/* One phase: match is an FTS query, or (by_service) a service or NULL. */
static void run_search(Db *db, const char *match, bool by_service, long limit, json_t *items)
{
    long long end = by_service ? 0 : window_end(db, match);
    DbStmt *st = Db_stmt(db, by_service ? SQL_ALL : SQL_SEARCH);
    if (!st)
        return;
    Db_bind_text(st, 1, match);
    Db_bind_int64(st, 2, limit);
    if (!by_service)
        Db_bind_int64(st, 3, end);
    while (json_array_size(items) < (size_t)limit && Db_step(st) == DB_ROW)
        if (!listed(items, Db_col_text(st, 0)))
            json_array_append_new(items, summary_json(st));
    Db_reset(st);
}

json_t *Kb_search(Db *db, const char *q, long limit)
{
    json_t *items = json_array();
    char title_match[1024], any_match[1024];
    if (build_match(q, "title : ", title_match, sizeof title_match) &&
        build_match(q, "", any_match, sizeof any_match)) {
        run_search(db, title_match, false, limit, items);
        run_search(db, any_match, false, limit, items);
    }
    return items;
}

json_t *Kb_list(Db *db, const char *service, long limit)
{
    json_t *items = json_array();
    run_search(db, service, true, limit, items);
    return items;
}

json_t *Kb_get(Db *db, const char *id, long long *version)
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

bool Kb_exists(Db *db, const char *id)
{
    return Db_exists(db, SQL_EXISTS, id, 0);
}

/* ?1 … ?7 of every article write: the fields, then now as updated_at. */
static int write_article(Db *db, const char *sql, const KbArticleIn *a)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, sql);
    if (!st)
        return -1;
    const char *vals[] = {a->id, a->title, a->body, a->services ? a->services : "",
                          a->tags ? a->tags : "", a->updated, now};
    for (int i = 0; i < 7; i++)
        Db_bind_text(st, i + 1, vals[i]);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

int Kb_insert(Db *db, const KbArticleIn *a)
{
    return write_article(db, SQL_INSERT, a);
}

int Kb_update(Db *db, const KbArticleIn *a)
{
    return write_article(db, SQL_UPDATE, a);
}

int Kb_load(Db *db, const KbArticleIn *a, char *err, size_t errlen)
{
    if (write_article(db, SQL_LOAD, a) == 0)
        return 0;
    snprintf(err, errlen, "%s", Db_errmsg(db));
    return -1;
}
