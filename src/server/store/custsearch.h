/* custsearch: one search box over every way a caller can be identified.
 *
 * Results come in two phases, each in customer id order so a cursor can
 * resume without sorting: first exact identifiers (postcode, phone,
 * e-mail, customer or account reference), then name matches (every
 * typed word a prefix of a name key, in any order). A store: its SQL is
 * in custsearch.c.
 *
 * DIALECT: the name phase is an FTS5 MATCH on customer_names with an
 * FTS5 prefix expression (Text_fts_terms); PostgreSQL would use a
 * tsvector @@ to_tsquery with prefix terms. The identifier phase is
 * portable SQL. */
#ifndef FD_STORE_CUSTSEARCH_H
#define FD_STORE_CUSTSEARCH_H
#include <stdbool.h>
#include <stddef.h>

#include "server/store/store.h"

#define CUSTSEARCH_MAX_QUERY 200

typedef struct SearchCursor {
    int phase;        /* 0 identifiers, 1 names */
    long long after;  /* last customer id returned in that phase */
} SearchCursor;

typedef struct SearchHit {
    long long id;
    char match[16];   /* "postcode", "phone", ..., or "name" */
    int phase;        /* which phase found it, for the next cursor */
} SearchHit;

/* Parse a cursor from next_cursor ("<phase>.<id>"); false if malformed. */
bool Custsearch_parse_cursor(const char *s, SearchCursor *cur);
void Custsearch_format_cursor(const SearchCursor *cur, char *out, size_t cap);

/* Up to `limit` hits after *cur; *more says whether another page exists,
 * and *cur is then where it starts. Returns the hit count, or -1. */
int Custsearch_run(Db *db, const char *q, SearchCursor *cur, SearchHit *hits, int limit,
                   bool *more);

#endif
