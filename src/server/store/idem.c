/* store/idem: answers stored under Idempotency-Keys (see store/idem.h). */
#include "server/store/idem.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/store/db.h"

#define KEEP_SECONDS (7 * 24 * 3600)

static const char SQL_FIND[] =
    "SELECT fingerprint, status, content_type, body, etag, location FROM idempotency"
    " WHERE user_id = ?1 AND key = ?2";
static const char SQL_STORE[] =
    "INSERT INTO idempotency (user_id, key, fingerprint, status, content_type, body, etag,"
    " location, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_PURGE[] = "DELETE FROM idempotency WHERE created_at < ?1";

static const char *copy(const char *text)
{
    return text ? strdup(text) : NULL;
}

int Idem_find(Db *db, long long user_id, const char *key, const char *fingerprint,
              IdemAnswer *out)
{
    DbStmt *st = Db_stmt(db, SQL_FIND);
    if (!st)
        return IDEM_KEY_NEW;
    Db_bind_int64(st, 1, user_id);
    Db_bind_text(st, 2, key);
    int found = IDEM_KEY_NEW;
    if (Db_step(st) == DB_ROW) {
        found = strcmp(Db_col_text(st, 0), fingerprint) == 0 ? IDEM_KEY_SAME : IDEM_KEY_OTHER;
        if (found == IDEM_KEY_SAME)
            *out = (IdemAnswer){Db_col_int(st, 1), copy(Db_col_text(st, 2)),
                                copy(Db_col_text(st, 3)), copy(Db_col_text(st, 4)),
                                copy(Db_col_text(st, 5))};
    }
    Db_reset(st);
    return found;
}

void Idem_answer_free(IdemAnswer *a)
{
    const char *owned[] = {a->content_type, a->body, a->etag, a->location};
    for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
        free((char *)owned[i]);
    *a = (IdemAnswer){0};
}

int Idem_save(Db *db, long long user_id, const char *key, const char *fingerprint,
              const IdemAnswer *a)
{
    time_t now = time(NULL);
    DbStmt *purge = Db_stmt(db, SQL_PURGE);
    if (purge) {
        Db_bind_int64(purge, 1, now - KEEP_SECONDS);
        Db_step(purge);
    }
    DbStmt *st = Db_stmt(db, SQL_STORE);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, user_id);
    Db_bind_text(st, 2, key);
    Db_bind_text(st, 3, fingerprint);
    Db_bind_int(st, 4, a->status);
    Db_bind_text(st, 5, a->content_type);
    Db_bind_text(st, 6, a->body);
    Db_bind_text(st, 7, a->etag);
    Db_bind_text(st, 8, a->location);
    Db_bind_int64(st, 9, now);
    return Db_step(st) == DB_DONE ? 0 : -1;
}
