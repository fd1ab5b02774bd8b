/* idem: Idempotency-Key checks on a request (see idem.h); the stored
 * answers are in store/idem.c. */
#include "server/idem.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/rnd.h"
#include "server/store/idem.h"

#define KEY_MAX 128

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

static void replay(const IdemAnswer *a, Reply *r)
{
    Reply_text(r, a->status, content_type(a->content_type), a->body ? strdup(a->body) : NULL);
    Reply_header(r, "Idempotent-Replayed", "true");
    if (a->etag)
        Reply_header(r, "ETag", a->etag);
    if (a->location)
        Reply_header(r, "Location", a->location);
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
    IdemAnswer stored;
    switch (Idem_find(rq->db, rq->user.id, key, fp, &stored)) {
    case IDEM_KEY_SAME:
        replay(&stored, r);
        Idem_answer_free(&stored);
        return IDEM_REPLAYED;
    case IDEM_KEY_OTHER:
        Reply_problem(r, 422, PROBLEM_VALIDATION, "Idempotency-Key already used",
                      "This key was used for a different request; send a new key.");
        return IDEM_MISMATCH;
    default:
        return IDEM_FRESH;
    }
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
    IdemAnswer answer = {r->status, r->content_type, r->body, reply_header(r, "ETag"),
                         reply_header(r, "Location")};
    return Idem_save(rq->db, rq->user.id, key, fp, &answer);
}
