#include "server/audit.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/rnd.h"
#include "common/timefmt.h"

static const char SQL_INSERT_AUDIT[] =
    "INSERT INTO audit (at, user_id, username, action, customer_id, reason, request_id,"
    " client_request_id, list_digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id";
static const char SQL_INSERT_SUBJECT[] =
    "INSERT OR IGNORE INTO audit_subjects (audit_id, customer_id) VALUES (?1, ?2)";
static const char SQL_RECENT_LIST[] =
    "SELECT 1 FROM audit WHERE user_id = ?1 AND list_digest = ?2 AND at >= ?3 LIMIT 1";

/* One audit row; its id, or -1. digest is NULL for anything but a list. */
static long long insert_row(Request *rq, const char *action, long long customer_id,
                            const char *reason, const char *digest)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(rq->db, SQL_INSERT_AUDIT);
    if (!st)
        return -1;
    Db_bind_text(st, 1, now);
    Db_bind_int64(st, 2, rq->user.id);
    Db_bind_text(st, 3, rq->user.username);
    Db_bind_text(st, 4, action);
    if (customer_id > 0)
        Db_bind_int64(st, 5, customer_id);
    Db_bind_text(st, 6, reason);
    Db_bind_text(st, 7, rq->request_id);
    Db_bind_text(st, 8, rq->client_request_id[0] ? rq->client_request_id : NULL);
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

int Audit_record(Request *rq, const char *action, long long customer_id, const char *reason)
{
    return insert_row(rq, action, customer_id, reason, NULL) < 0 ? -1 : 0;
}

void Audit_shown_add(AuditShown *shown, long long customer_id)
{
    if (customer_id <= 0 || shown->n >= AUDIT_MAX_SHOWN)
        return;
    for (int i = 0; i < shown->n; i++)
        if (shown->ids[i] == customer_id)
            return;
    shown->ids[shown->n++] = customer_id;
}

void Audit_shown_from(AuditShown *shown, const json_t *items, const char *key)
{
    size_t i;
    const json_t *item;
    json_array_foreach(items, i, item) {
        const char *id = json_string_value(json_object_get(item, key));
        if (id)
            Audit_shown_add(shown, strtoll(id, NULL, 10));
    }
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
static bool seen_recently(Request *rq, const char *digest)
{
    char since[TIMEFMT_LEN];
    Timefmt_utc(time(NULL) - AUDIT_REPEAT_SECONDS, since);
    DbStmt *st = Db_stmt(rq->db, SQL_RECENT_LIST);
    if (!st)
        return false;
    Db_bind_int64(st, 1, rq->user.id);
    Db_bind_text(st, 2, digest);
    Db_bind_text(st, 3, since);
    bool seen = Db_step(st) == DB_ROW;
    Db_reset(st);
    return seen;
}

static int link_subjects(Request *rq, long long audit_id, const AuditShown *shown)
{
    for (int i = 0; i < shown->n; i++) {
        DbStmt *st = Db_stmt(rq->db, SQL_INSERT_SUBJECT);
        if (!st)
            return -1;
        Db_bind_int64(st, 1, audit_id);
        Db_bind_int64(st, 2, shown->ids[i]);
        if (Db_step(st) != DB_DONE)
            return -1;
    }
    return 0;
}

static int insert_list(Request *rq, const char *action, const char *reason,
                       const AuditShown *shown, const char *digest, bool each)
{
    if (!each) {
        long long id = insert_row(rq, action, 0, reason, digest);
        return id < 0 ? -1 : link_subjects(rq, id, shown);
    }
    for (int i = 0; i < shown->n; i++)
        if (insert_row(rq, action, shown->ids[i], reason, digest) < 0)
            return -1;
    return 0;
}

/* An unchanged poll is only a read: the write lock is taken (or the read's
 * transaction joined) only when there is something new to record. */
static int record_list(Request *rq, const char *action, const char *reason,
                       const AuditShown *shown, bool each)
{
    char digest[33];
    if (shown->n == 0)
        return 0;
    list_digest(action, reason, shown, digest);
    if (seen_recently(rq, digest))
        return 0;
    if (Db_begin(rq->db) < 0)
        return -1;
    if (insert_list(rq, action, reason, shown, digest, each) == 0 && Db_commit(rq->db) == 0)
        return 0;
    Db_rollback(rq->db);
    return -1;
}

int Audit_list(Request *rq, const char *action, const char *reason, const AuditShown *shown)
{
    return record_list(rq, action, reason, shown, false);
}

int Audit_each(Request *rq, const char *action, const char *reason, const AuditShown *shown)
{
    return record_list(rq, action, reason, shown, true);
}

static bool begun(Reply *r, int begin_rc)
{
    if (begin_rc == 0)
        return true;
    Reply_problem(r, 503, PROBLEM_UNAVAILABLE, "Not shown",
                  "Every read of personal data is audited and the audit trail is not "
                  "available. Try again shortly.");
    return false;
}

bool Audit_read_begin(Request *rq, Reply *r)
{
    return begun(r, Db_begin(rq->db));
}

bool Audit_list_begin(Request *rq, Reply *r, bool lock)
{
    return begun(r, lock ? Db_begin(rq->db) : Db_begin_read(rq->db));
}

bool Audit_read_done(Request *rq, Reply *r, int audit_rc)
{
    bool in_tx = Db_in_transaction(rq->db);
    if (r->status >= 400) {
        Db_rollback(rq->db);
        return false;
    }
    if (audit_rc == 0 && (!in_tx || Db_commit(rq->db) == 0))
        return true;
    Db_rollback(rq->db);
    r->nheaders = 0;
    Reply_problem(r, 503, PROBLEM_UNAVAILABLE, "Not shown",
                  "Every read of personal data is audited and the audit trail could not be "
                  "written. Try again shortly.");
    return false;
}
