#include "server/store/custsearch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/text.h"
#include "server/store/db.h"

#define MAX_NAME_TOKENS 6

static const char SQL_IDENT_PAGE[] =
    "SELECT customer_id, kind FROM customer_ident"
    " WHERE value IN (?1, ?2, ?3) AND customer_id > ?4"
    " GROUP BY customer_id ORDER BY customer_id LIMIT ?5";
static const char SQL_NAME_PAGE[] =
    "SELECT rowid FROM customer_names WHERE customer_names MATCH ?1 AND rowid > ?2"
    " AND rowid NOT IN (SELECT customer_id FROM customer_ident WHERE value IN (?3, ?4, ?5))"
    " ORDER BY rowid LIMIT ?6";

typedef struct Query {
    char ident[3][128];  /* alnum upper, phone, e-mail ("" when not one) */
    char match[1200];    /* FTS5 expression, "" when no name words */
} Query;

bool Custsearch_parse_cursor(const char *s, SearchCursor *cur)
{
    char *end;
    if ((s[0] != '0' && s[0] != '1') || s[1] != '.')
        return false;
    long long after = strtoll(s + 2, &end, 10);
    if (*end || end == s + 2 || after < 0)
        return false;
    cur->phase = s[0] - '0';
    cur->after = after;
    return true;
}

void Custsearch_format_cursor(const SearchCursor *cur, char *out, size_t cap)
{
    snprintf(out, cap, "%d.%lld", cur->phase, cur->after);
}

static void parse_query(const char *q, Query *qq)
{
    memset(qq, 0, sizeof *qq);
    Text_alnum_upper(q, qq->ident[0], sizeof qq->ident[0]);
    Text_phone(q, qq->ident[1], sizeof qq->ident[1]);
    Text_email(q, qq->ident[2], sizeof qq->ident[2]);
    Text_fts_terms(q, MAX_NAME_TOKENS, qq->match, sizeof qq->match);
}

static void bind_idents(DbStmt *st, int first, const Query *qq)
{
    /* An empty candidate binds as NULL, which IN never matches. */
    for (int i = 0; i < 3; i++)
        Db_bind_text(st, first + i, qq->ident[i][0] ? qq->ident[i] : NULL);
}

static int run_phase(Db *db, const Query *qq, int phase, long long after, SearchHit *hits,
                     int want)
{
    DbStmt *st = Db_stmt(db, phase == 0 ? SQL_IDENT_PAGE : SQL_NAME_PAGE);
    if (!st)
        return -1;
    if (phase == 0) {
        bind_idents(st, 1, qq);
        Db_bind_int64(st, 4, after);
        Db_bind_int(st, 5, want);
    } else {
        Db_bind_text(st, 1, qq->match);
        Db_bind_int64(st, 2, after);
        bind_idents(st, 3, qq);
        Db_bind_int(st, 6, want);
    }
    int n = 0, rc;
    while (n < want && (rc = Db_step(st)) == DB_ROW) {
        hits[n].id = Db_col_int64(st, 0);
        snprintf(hits[n].match, sizeof hits[n].match, "%s",
                 phase == 0 ? Db_col_text(st, 1) : "name");
        hits[n].phase = phase;
        n++;
    }
    Db_reset(st);
    return n;
}

int Custsearch_run(Db *db, const char *q, SearchCursor *cur, SearchHit *hits, int limit,
                   bool *more)
{
    Query qq;
    parse_query(q, &qq);
    /* One extra hit tells whether there is another page. */
    SearchHit *buf = calloc((size_t)limit + 1, sizeof *buf);
    if (!buf)
        return -1;
    int total = 0;
    for (int phase = cur->phase; phase <= 1 && total <= limit; phase++) {
        if (phase == 1 && !qq.match[0])
            break;
        long long after = phase == cur->phase ? cur->after : 0;
        int n = run_phase(db, &qq, phase, after, buf + total, limit + 1 - total);
        if (n < 0) {
            free(buf);
            return -1;
        }
        total += n;
    }
    *more = total > limit;
    int shown = *more ? limit : total;
    memcpy(hits, buf, (size_t)shown * sizeof *hits);
    if (*more && shown > 0) {
        cur->phase = buf[shown - 1].phase;
        cur->after = buf[shown - 1].id;
    }
    free(buf);
    return shown;
}
