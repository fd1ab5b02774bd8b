#include "server/idem.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/rnd.h"

#define KEY_MAX 128
/* Keys are kept for a week: far longer than any outbox retries. */
#define KEEP_SECONDS (7 * 24 * 3600)

static const char SQL_FIND[] =
    "SELECT fingerprint, status, content_type, body, etag, location FROM idempotency"
    " WHERE user_id = ?1 AND key = ?2";
static const char SQL_STORE[] =
    "INSERT INTO idempotency (user_id, key, fingerprint, status, content_type, body, etag,"
    " location, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_PURGE[] = "DELETE FROM idempotency WHERE created_at < ?1";

/* What makes two requests "the same": method, path and body. */
static void fingerprint(const Request *rq, char out[65])
{
    unsigned char digest[32];
    unsigned int len = 0;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
    EVP_DigestUpdate(ctx, rq->method, strlen(rq->method) + 1);
    EVP_DigestUpdate(ctx, rq->path, strlen(rq->path) + 1);
    if (rq->body_len)
        EVP_DigestUpdate(ctx, rq->body, rq->body_len);
    EVP_DigestFinal_ex(ctx, digest, &len);
    EVP_MD_CTX_free(ctx);
    Rnd_hex(digest, sizeof digest, out);
}

static bool key_valid(const char *key)
{
    size_t n = strlen(key);
    if (n == 0 || n > KEY_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (key[i] < 0x21 || key[i] > 0x7e)
            return false;
    return true;
}

/* Reply keeps a pointer to its content type, so map the stored text back
 * to one of the static strings handlers use. */
static const char *content_type(const char *stored)
{
    static const char *const known[] = {"application/json", "application/problem+json",
                                        "application/fhir+json", "text/csv; charset=utf-8"};
    for (size_t i = 0; stored && i < sizeof known / sizeof known[0]; i++)
        if (strcmp(stored, known[i]) == 0)
            return known[i];
    return stored ? "application/octet-stream" : NULL;
}

static void replay(DbStmt *st, Reply *r)
{
    const char *type = Db_col_text(st, 2), *body = Db_col_text(st, 3), *etag = Db_col_text(st, 4);
    const char *location = Db_col_text(st, 5);
    char *copy = body ? strdup(body) : NULL;
    Reply_text(r, Db_col_int(st, 1), content_type(type), copy);
    Reply_header(r, "Idempotent-Replayed", "true");
    if (etag)
        Reply_header(r, "ETag", etag);
    if (location)
        Reply_header(r, "Location", location);
}

IdemResult Idem_check(Request *rq, const char *key, Reply *r)
{
    if (!key_valid(key)) {
        Reply_invalid(r, "Idempotency-Key", "The Idempotency-Key header must be 1-128 "
                                            "printable characters.");
        return IDEM_INVALID;
    }
    char fp[65];
    fingerprint(rq, fp);
    DbStmt *st = Db_stmt(rq->db, SQL_FIND);
    if (!st)
        return IDEM_FRESH;
    Db_bind_int64(st, 1, rq->user.id);
    Db_bind_text(st, 2, key);
    IdemResult res = IDEM_FRESH;
    if (Db_step(st) == DB_ROW) {
        if (strcmp(Db_col_text(st, 0), fp) == 0) {
            replay(st, r);
            res = IDEM_REPLAYED;
        } else {
            Reply_problem(r, 422, PROBLEM_VALIDATION, "Idempotency-Key already used",
                          "This key was used for a different request; send a new key.");
            res = IDEM_MISMATCH;
        }
    }
    Db_reset(st);
    return res;
}

static const char *reply_header(const Reply *r, const char *name)
{
    for (int i = 0; i < r->nheaders; i++)
        if (strcasecmp(r->headers[i].name, name) == 0)
            return r->headers[i].value;
    return NULL;
}

int Idem_store(Request *rq, const char *key, const Reply *r)
{
    char fp[65];
    fingerprint(rq, fp);
    time_t now = time(NULL);
    DbStmt *purge = Db_stmt(rq->db, SQL_PURGE);
    if (purge) {
        Db_bind_int64(purge, 1, now - KEEP_SECONDS);
        Db_step(purge);
    }
    DbStmt *st = Db_stmt(rq->db, SQL_STORE);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, rq->user.id);
    Db_bind_text(st, 2, key);
    Db_bind_text(st, 3, fp);
    Db_bind_int(st, 4, r->status);
    Db_bind_text(st, 5, r->content_type);
    Db_bind_text(st, 6, r->body);
    Db_bind_text(st, 7, reply_header(r, "ETag"));
    Db_bind_text(st, 8, reply_header(r, "Location"));
    Db_bind_int64(st, 9, now);
    return Db_step(st) == DB_DONE ? 0 : -1;
}
