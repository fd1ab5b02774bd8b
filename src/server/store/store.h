/* store: the server's data, one store per resource (customers.h,
 * contacts.h, cases.h …), each header naming no database type and no SQL.
 * This header is the part every caller shares: the connection a request
 * thread uses and the transaction the dispatcher opens around a write.
 * Beneath the stores is the driver (db.h), which only this folder sees. */
#ifndef FD_STORE_STORE_H
#define FD_STORE_STORE_H
#include <stdbool.h>
#include <stddef.h>

typedef struct Db Db;

/* Open (creating if needed) and migrate the database at path. Call once,
 * before any thread uses Db_get(). */
int Db_init(const char *path, char *err, size_t errlen);
/* Db_init for the admin commands (content, user, open311-key, phone-key):
 * a path with no database is an error, not a new empty database that the
 * running server never reads. */
int Db_init_existing(const char *path, char *err, size_t errlen);
/* This thread's connection; NULL if it cannot be opened (logged). */
Db *Db_get(void);
/* Close every thread's connection (after the HTTP threads have stopped). */
void Db_shutdown(void);

int Db_begin(Db *db);    /* take the write lock up front */
/* One snapshot for a read that may end in a short write. The first write
 * fails at once (DB_BUSY, no wait) if another connection has written
 * since the snapshot: the caller retries. */
int Db_begin_read(Db *db);
int Db_commit(Db *db);
void Db_rollback(Db *db);  /* abandons the whole transaction, at any depth */
bool Db_in_transaction(Db *db);
/* Reset every cached statement: a statement left on a row holds a read
 * snapshot (stale reads, and "database is locked" on the next write), so
 * the dispatcher calls this after every request whatever the handler did. */
void Db_release(Db *db);

/* Lock waits so far, as Prometheus text (for GET /metrics). */
struct Buf;
void Db_render_metrics(struct Buf *b);

#endif
