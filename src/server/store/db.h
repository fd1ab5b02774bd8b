/* db: the driver beneath the stores. One connection per thread, prepared
 * statements (cached by the address of their SQL literal), binding,
 * stepping, columns and transactions, with no database library's types
 * in sight. SQLite (db_sqlite.c) is the first implementation; a
 * PostgreSQL one implements this same header, and nothing above the
 * stores changes.
 *
 * Only src/server/store/ includes this header (make check: tests/layers).
 * Connections and transactions, which the request dispatcher needs too,
 * are in store.h.
 *
 * The SQL the stores write is the part both databases read alike:
 *  - placeholders are numbered ?1, ?2 … (a PostgreSQL driver rewrites
 *    them to $1, $2 … when it prepares);
 *  - new ids come back with RETURNING id, never a "last insert id";
 *  - upserts are INSERT … ON CONFLICT (…) DO UPDATE SET … = excluded.…;
 *  - what differs (full-text search, row locking for a claim, schema
 *    versioning, pragmas) sits behind the functions marked DIALECT here
 *    or in one store file per dialect, named in the store's header. */
#ifndef FD_STORE_DB_H
#define FD_STORE_DB_H
#include <stdbool.h>
#include <stddef.h>

#include "server/store/store.h"

typedef struct DbStmt DbStmt;

/* What Db_step() says. */
enum {
    DB_ROW = 1,        /* a row is ready: read its columns */
    DB_DONE = 0,       /* no (more) rows; a write took effect */
    DB_ERROR = -1,     /* anything else (logged by the caller) */
    DB_BUSY = -2,      /* the write lock was not had in time */
    DB_CONSTRAINT = -3 /* a unique, foreign-key or check constraint said no */
};

/* A cached statement for this SQL text, reset with bindings cleared.
 * The SQL must be a string literal or a static array (the cache keys on
 * its address and never evicts, so a statement stays valid while callers
 * further up are stepping others). SQL built at run time must not come
 * here: use Db_prepare() and Db_finalize() it yourself. Do not call
 * Db_stmt for a statement your caller may still be stepping: it resets it
 * (logged as db_stmt_reset_while_stepping). */
DbStmt *Db_stmt(Db *db, const char *sql);
/* An uncached statement for SQL built at run time; NULL on error (logged). */
DbStmt *Db_prepare(Db *db, const char *sql);
void Db_finalize(DbStmt *st);

/* Binding: idx counts from 1 as the placeholders do; text NULL binds NULL. */
void Db_bind_int(DbStmt *st, int idx, int value);
void Db_bind_int64(DbStmt *st, int idx, long long value);
void Db_bind_double(DbStmt *st, int idx, double value);
void Db_bind_text(DbStmt *st, int idx, const char *text);

/* DB_ROW, DB_DONE or an error code above. */
int Db_step(DbStmt *st);
/* Steps an INSERT … RETURNING id and resets it: the new id, or -1 (and
 * the step's code in *rc when rc is not NULL). */
long long Db_step_id(DbStmt *st, int *rc);
/* Back to the start, bindings kept; releases the statement's snapshot. */
void Db_reset(DbStmt *st);

/* Columns of the current row, counted from 0. Text is valid until the
 * next step or reset of the statement; NULL for SQL NULL. */
int Db_col_int(DbStmt *st, int col);
long long Db_col_int64(DbStmt *st, int col);
double Db_col_double(DbStmt *st, int col);
const char *Db_col_text(DbStmt *st, int col);
bool Db_col_is_null(DbStmt *st, int col);

/* Rows changed by the last write on this connection. */
int Db_changes(Db *db);
/* The connection's last error, for a log line or a content diagnostic. */
const char *Db_errmsg(Db *db);

/* Run SQL without results (DDL, BEGIN/COMMIT); may hold several
 * statements. */
int Db_exec(Db *db, const char *sql);
/* One-parameter lookups, the commonest query shape: does a row exist for
 * this key (text, or id when text is NULL), and its first column as an
 * integer. */
bool Db_exists(Db *db, const char *sql, const char *text, long long id);
bool Db_lookup_int(Db *db, const char *sql, const char *text, long long id, long long *out);

/* DIALECT: the schema's version (0 for a new database, -1 on error) and
 * one migration applied with its new version number, atomically. */
int Db_schema_version(Db *db);
int Db_migrate_to(Db *db, int version, const char *sql, char *err, size_t errlen);

#endif
