/* kb: the store of knowledge base articles and their full-text search
 * (title matches first, each phase ranked).
 *
 * DIALECT: the search uses SQLite FTS5 (kb_fts MATCH, bm25(), snippet(),
 * prefix terms from Text_fts_terms) in kb.c's SQL_WINDOW_END and
 * SQL_SEARCH; PostgreSQL would use a tsvector column with ts_rank and
 * ts_headline behind the same Kb_search(). */
#ifndef FD_STORE_KB_H
#define FD_STORE_KB_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "server/store/store.h"

#define KB_ID_MAX 64

/* An article's fields as written; services and tags NULL mean "". */
typedef struct KbArticleIn {
    const char *id, *title, *body, *services, *tags, *updated;
} KbArticleIn;

/* Up to limit summaries {id, title, services, tags, updated?, snippet}
 * for the words of q: title matches first, then the rest. Empty when q
 * has no words. */
json_t *Kb_search(Db *db, const char *q, long limit);
/* Up to limit summaries by title (snippet ""), only those tagged with
 * service when it is not NULL. */
json_t *Kb_list(Db *db, const char *service, long limit);
/* {id, title, body, services, tags, updated?, version, updated_at}, and
 * its version in *version; NULL when absent. */
json_t *Kb_get(Db *db, const char *id, long long *version);
bool Kb_exists(Db *db, const char *id);
/* An editor's write, stamped now: insert a new article, or update one
 * (its version goes up). 0, or -1 when the id exists (insert) or the
 * write failed. */
int Kb_insert(Db *db, const KbArticleIn *a);
int Kb_update(Db *db, const KbArticleIn *a);
/* Content loading: insert or update; the version goes up only when the
 * title, body, services or tags changed. 0, or -1 with the database's
 * message in err. */
int Kb_load(Db *db, const KbArticleIn *a, char *err, size_t errlen);

#endif
