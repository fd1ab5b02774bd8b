/* db: SQLite connections, one per thread, with a prepared statement cache.
 *
 * libmicrohttpd runs handlers on a pool of threads; each thread opens its
 * own connection on first use so handlers never share a sqlite3 handle.
 * WAL mode lets readers run beside the one writer. */
#ifndef FD_DB_H
#define FD_DB_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct Db Db;

/* Open (creating if needed) and migrate the database at path. Call once,
 * before any thread uses Db_get(). */
int Db_init(const char *path, char *err, size_t errlen);
/* This thread's connection; NULL if it cannot be opened (logged). */
Db *Db_get(void);
sqlite3 *Db_handle(Db *db);
/* A cached statement for this SQL text, reset with bindings cleared.
 * The SQL must be a string literal or a static array (the cache keys on
 * its address and never evicts, so a statement stays valid while callers
 * further up are stepping others). SQL built at run time must not come
 * here: prepare it on Db_handle() and finalize it yourself. Do not call
 * Db_stmt for a statement your caller may still be stepping: it resets it
 * (logged as db_stmt_reset_while_stepping). */
sqlite3_stmt *Db_stmt(Db *db, const char *sql);
/* Run SQL without results (DDL, pragmas, BEGIN/COMMIT). */
int Db_exec(Db *db, const char *sql);
int Db_begin(Db *db);    /* BEGIN IMMEDIATE: take the write lock up front */
/* BEGIN DEFERRED: one snapshot for a read that may end in a short write.
 * The first write upgrades it, and fails at once (SQLITE_BUSY, no wait) if
 * another connection has written since the snapshot: the caller retries. */
int Db_begin_read(Db *db);
int Db_commit(Db *db);
void Db_rollback(Db *db);  /* abandons the whole transaction, at any depth */
bool Db_in_transaction(Db *db);
/* Reset every cached statement: a statement left on a row holds a read
 * snapshot (stale reads, and "database is locked" on the next write), so
 * the dispatcher calls this after every request whatever the handler did. */
void Db_release(Db *db);
/* One-parameter lookups, the commonest query shape: does a row exist for
 * this key (text, or id when text is NULL), and its first column as an
 * integer. */
bool Db_exists(Db *db, const char *sql, const char *text, long long id);
bool Db_lookup_int(Db *db, const char *sql, const char *text, long long id, long long *out);
/* Bind helpers: text NULL binds SQL NULL. */
void Db_bind_text(sqlite3_stmt *st, int idx, const char *text);
/* Column text or NULL. */
const char *Db_col_text(sqlite3_stmt *st, int col);
/* Lock waits so far, as Prometheus text (for GET /metrics). */
struct Buf;
void Db_render_metrics(struct Buf *b);
/* Close every thread's connection (after the HTTP threads have stopped). */
void Db_shutdown(void);

#endif
