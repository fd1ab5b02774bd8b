/* store/audit: the audit trail's rows (see store/audit.h). */
#include "server/store/audit.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/log.h"
#include "common/rnd.h"
#include "common/timefmt.h"
#include "server/store/db.h"

static const char SQL_INSERT_AUDIT[] =
    "INSERT INTO audit (at, user_id, username, action, customer_id, reason, request_id,"
    " client_request_id, list_digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id";
/* The ids of a list are distinct (AuditShown), so nothing conflicts;
 * DO NOTHING keeps a repeat harmless, as it always was. */
static const char SQL_INSERT_SUBJECT[] =
    "INSERT INTO audit_subjects (audit_id, customer_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
static const char SQL_RECENT_LIST[] =
    "SELECT 1 FROM audit WHERE user_id = ?1 AND list_digest = ?2 AND at >= ?3 LIMIT 1";
/* A customer's trail: the rows about them, and the list rows that showed
 * them among others (audit_subjects). DIALECT: group_concat. */
static const char SQL_AUDIT_PAGE[] =
    "SELECT a.id, a.at, a.user_id, a.username, a.action, a.customer_id, a.reason, a.request_id,"
    " a.client_request_id,"
    " (SELECT group_concat(s.customer_id) FROM audit_subjects s WHERE s.audit_id = a.id)"
    " FROM audit a WHERE (?1 IS NULL OR a.customer_id = ?1"
    "  OR a.id IN (SELECT audit_id FROM audit_subjects WHERE customer_id = ?1))"
    " AND (?2 = 0 OR a.id < ?2) ORDER BY a.id DESC LIMIT ?3";

/* One audit row; its id, or -1. digest is NULL for anything but a list. */
static long long insert_row(Db *db, const AuditActor *who, const char *action,
                            long long customer_id, const char *reason, const char *digest)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_INSERT_AUDIT);
    if (!st)
        return -1;
    Db_bind_text(st, 1, now);
    Db_bind_int64(st, 2, who->user_id);
    Db_bind_text(st, 3, who->username);
    Db_bind_text(st, 4, action);
    if (customer_id > 0)
        Db_bind_int64(st, 5, customer_id);
    Db_bind_text(st, 6, reason);
    Db_bind_text(st, 7, who->request_id);
    Db_bind_text(st, 8, who->client_request_id);
    Db_bind_text(st, 9, digest);
    int rc;
    long long id = Db_step_id(st, &rc);
    if (id < 0) {
        /* BUSY is a read snapshot overtaken by another write: the caller
         * reads again under the lock (Audit_list_begin), so not an error. */
        Log_event(rc == DB_BUSY ? LOG_INFO : LOG_ERROR, "audit_write_failed",
                  "action=%s rc=%d", action, rc);
        return -1;
    }
    return id;
}

int Audit_insert(Db *db, const AuditActor *who, const char *action, long long customer_id,
                 const char *reason)
{
    return insert_row(db, who, action, customer_id, reason, NULL) < 0 ? -1 : 0;
}

static int by_id(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* What makes two fetches "the same list": the action, its context and the
 * set of customers shown (order aside). Hex SHA-256, cut to 128 bits. */
static void list_digest(const char *action, const char *reason, const AuditShown *shown,
                        char out[33])
{
    long long ids[AUDIT_MAX_SHOWN];
    memcpy(ids, shown->ids, (size_t)shown->n * sizeof ids[0]);
    qsort(ids, (size_t)shown->n, sizeof ids[0], by_id);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
    EVP_DigestUpdate(ctx, action, strlen(action) + 1);
    EVP_DigestUpdate(ctx, reason ? reason : "", strlen(reason ? reason : "") + 1);
    EVP_DigestUpdate(ctx, ids, (size_t)shown->n * sizeof ids[0]);
    EVP_DigestFinal_ex(ctx, md, &len);
    EVP_MD_CTX_free(ctx);
    Rnd_hex(md, 16, out);
}

/* Whether this user was shown this very list recently (already audited). */
static bool seen_recently(Db *db, long long user_id, const char *digest)
{
    char since[TIMEFMT_LEN];
    Timefmt_utc(time(NULL) - AUDIT_REPEAT_SECONDS, since);
    DbStmt *st = Db_stmt(db, SQL_RECENT_LIST);
    if (!st)
        return false;
    Db_bind_int64(st, 1, user_id);
    Db_bind_text(st, 2, digest);
    Db_bind_text(st, 3, since);
    bool seen = Db_step(st) == DB_ROW;
    Db_reset(st);
    return seen;
}

static int link_subjects(Db *db, long long audit_id, const AuditShown *shown)
{
    for (int i = 0; i < shown->n; i++) {
        DbStmt *st = Db_stmt(db, SQL_INSERT_SUBJECT);
        if (!st)
            return -1;
        Db_bind_int64(st, 1, audit_id);
        Db_bind_int64(st, 2, shown->ids[i]);
        if (Db_step(st) != DB_DONE)
            return -1;
    }
    return 0;
}

static int insert_list(Db *db, const AuditActor *who, const char *action, const char *reason,
                       const AuditShown *shown, const char *digest, bool each)
{
    if (!each) {
        long long id = insert_row(db, who, action, 0, reason, digest);
        return id < 0 ? -1 : link_subjects(db, id, shown);
    }
    for (int i = 0; i < shown->n; i++)
        if (insert_row(db, who, action, shown->ids[i], reason, digest) < 0)
            return -1;
    return 0;
}

/* An unchanged poll is only a read: the write lock is taken (or the read's
 * transaction joined) only when there is something new to record. */
int Audit_insert_list(Db *db, const AuditActor *who, const char *action, const char *reason,
                      const AuditShown *shown, bool each)
{
    char digest[33];
    if (shown->n == 0)
        return 0;
    list_digest(action, reason, shown, digest);
    if (seen_recently(db, who->user_id, digest))
        return 0;
    if (Db_begin(db) < 0)
        return -1;
    if (insert_list(db, who, action, reason, shown, digest, each) == 0 && Db_commit(db) == 0)
        return 0;
    Db_rollback(db);
    return -1;
}

/* "12,40,7" as ["12","40","7"]; NULL (no list) as NULL. */
static json_t *id_list(const char *csv)
{
    if (!csv)
        return NULL;
    json_t *ids = json_array();
    for (const char *p = csv; *p;) {
        size_t n = strcspn(p, ",");
        json_array_append_new(ids, json_stringn(p, n));
        p += n + (p[n] == ',');
    }
    return ids;
}

static json_t *audit_row(DbStmt *st)
{
    char id[24], user_id[24], customer_id[24];
    snprintf(id, sizeof id, "%lld", (long long)Db_col_int64(st, 0));
    snprintf(user_id, sizeof user_id, "%lld", (long long)Db_col_int64(st, 2));
    snprintf(customer_id, sizeof customer_id, "%lld", (long long)Db_col_int64(st, 5));
    return json_pack("{s:s, s:s, s:s, s:s?, s:s, s:s?, s:s?, s:s?, s:s?, s:o?}", "id", id,
                     "at", Db_col_text(st, 1), "user_id", user_id, "username",
                     Db_col_text(st, 3), "action", Db_col_text(st, 4), "customer_id",
                     Db_col_is_null(st, 5) ? NULL : customer_id,
                     "reason", Db_col_text(st, 6), "request_id", Db_col_text(st, 7),
                     "client_request_id", Db_col_text(st, 8), "customer_ids",
                     id_list(Db_col_text(st, 9)));
}

json_t *Audit_page(Db *db, long long customer, long long cursor, int limit, long long *next)
{
    DbStmt *st = Db_stmt(db, SQL_AUDIT_PAGE);
    *next = 0;
    if (!st)
        return NULL;
    if (customer)
        Db_bind_int64(st, 1, customer);
    Db_bind_int64(st, 2, cursor);
    Db_bind_int64(st, 3, limit + 1);
    json_t *items = json_array();
    long long last = 0;
    int n = 0;
    while (Db_step(st) == DB_ROW) {
        if (n == limit) {
            *next = last;
            break;
        }
        json_array_append_new(items, audit_row(st));
        last = Db_col_int64(st, 0);
        n++;
    }
    Db_reset(st);
    return items;
}
