/* db_sqlite: the SQLite implementation of the store driver (db.h). A
 * DbStmt here is a sqlite3_stmt; the casts stay in this file. */
#include "server/store/db.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include "common/buf.h"
#include "common/log.h"
#include "server/store/dbfiles.h"
#include "server/store/schema.h"

/* The statement cache never evicts: a caller may be stepping any cached
 * statement (or holding its column text) when another one is prepared, so
 * finalizing one to make room is a use-after-free. Keys are the addresses
 * of SQL literals, so the set is fixed at compile time (about 120) and the
 * cache grows to it once per thread. The ceiling only catches a caller
 * that passes built SQL: it gets NULL (an error it already handles), never
 * another caller's statement finalized under it. */
#define STMT_CACHE_MAX 1024

typedef struct {
    const char *sql;
    sqlite3_stmt *st;
} CachedStmt;

struct Db {
    sqlite3 *handle;
    CachedStmt *cache;
    int ncache, cap;
    int tx_depth;   /* nested Db_begin calls share one transaction */
    Db *next_open;  /* all connections, for Db_shutdown */
};

static char db_path[4096];
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;
static Db *open_list;
static _Thread_local Db *thread_db;

/* SQLite's default busy handler sleeps in steps up to 100 ms, so a writer
 * that finds the lock taken for a millisecond can wait fifty: the tail of
 * every write under load. Writers here are threads of one process holding
 * the lock briefly, so poll often (0.1 ms, then 0.5 ms) for about 5 s. */
/* How long writers waited for the lock, for /metrics: the share of a
 * write's latency that is contention rather than work (make bench). */
static _Atomic unsigned long long busy_waits, busy_ns;

static int busy_wait(void *arg, int count)
{
    (void)arg;
    if (count >= 10000)
        return 0;
    struct timespec ts = {0, count < 20 ? 100000L : 500000L};
    if (count == 0)
        busy_waits++;
    busy_ns += (unsigned long long)ts.tv_nsec;
    nanosleep(&ts, NULL);
    return 1;
}

void Db_render_metrics(Buf *b)
{
    Buf_printf(b,
               "# HELP frontdoord_db_lock_waits_total Statements that found the database locked "
               "and waited.\n"
               "# TYPE frontdoord_db_lock_waits_total counter\n"
               "frontdoord_db_lock_waits_total %llu\n"
               "# HELP frontdoord_db_lock_wait_seconds_total Time slept waiting for the lock.\n"
               "# TYPE frontdoord_db_lock_wait_seconds_total counter\n"
               "frontdoord_db_lock_wait_seconds_total %.6f\n",
               (unsigned long long)busy_waits, (double)busy_ns / 1e9);
}

static sqlite3 *open_handle(const char *path, char *err, size_t errlen)
{
    sqlite3 *h = NULL;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &h, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open database %s: %s", path,
                 h ? sqlite3_errmsg(h) : "out of memory");
        sqlite3_close(h);
        return NULL;
    }
    sqlite3_busy_handler(h, busy_wait, NULL);
    /* synchronous=FULL: a committed write survives power loss, not just a
     * crash; the cost is one extra fsync per commit, which writes here can
     * afford. */
    sqlite3_exec(h, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
                    "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -16000;",
                 NULL, NULL, NULL);
    return h;
}

int Db_init(const char *path, char *err, size_t errlen)
{
    snprintf(db_path, sizeof db_path, "%s", path);
    if (Dbfiles_private(path, err, errlen) < 0)
        return -1;
    sqlite3 *h = open_handle(path, err, errlen);
    if (!h)
        return -1;
    char *msg = NULL;
    if (sqlite3_exec(h, "PRAGMA journal_mode = WAL;", NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errlen, "cannot use WAL mode on %s: %s", path, msg ? msg : "");
        sqlite3_free(msg);
        sqlite3_close(h);
        return -1;
    }
    Db init = {.handle = h};
    int rc = Schema_migrate(&init, err, errlen);
    for (int i = 0; i < init.ncache; i++)
        sqlite3_finalize(init.cache[i].st);
    free(init.cache);
    sqlite3_close(h);
    return rc;
}

int Db_init_existing(const char *path, char *err, size_t errlen)
{
    if (access(path, F_OK) != 0) {
        snprintf(err, errlen, "no database at %s (a typing slip? frontdoord makes one at its"
                 " first start, or run frontdoord seed --db %s)", path, path);
        return -1;
    }
    return Db_init(path, err, errlen);
}

Db *Db_get(void)
{
    if (thread_db)
        return thread_db;
    char err[512];
    Db *db = calloc(1, sizeof *db);
    if (!db)
        return NULL;
    db->handle = open_handle(db_path, err, sizeof err);
    if (!db->handle) {
        Log_event(LOG_ERROR, "db_open_failed", "error=\"%s\"", err);
        free(db);
        return NULL;
    }
    pthread_mutex_lock(&open_lock);
    db->next_open = open_list;
    open_list = db;
    pthread_mutex_unlock(&open_lock);
    thread_db = db;
    return db;
}

#define ST(st) ((sqlite3_stmt *)(st))

static sqlite3_stmt *cache_add(Db *db, const char *sql, sqlite3_stmt *st)
{
    if (db->ncache == db->cap) {
        int cap = db->cap ? db->cap * 2 : 64;
        CachedStmt *grown = cap <= STMT_CACHE_MAX ? realloc(db->cache, cap * sizeof *grown) : NULL;
        if (!grown) {
            Log_event(LOG_ERROR, "db_stmt_cache_overflow", "cached=%d", db->ncache);
            sqlite3_finalize(st);
            return NULL;
        }
        db->cache = grown;
        db->cap = cap;
    }
    db->cache[db->ncache++] = (CachedStmt){sql, st};
    return st;
}

DbStmt *Db_stmt(Db *db, const char *sql)
{
    for (int i = 0; i < db->ncache; i++) {
        if (db->cache[i].sql == sql) {
            /* Handlers reset what they step (and Db_release resets the rest
             * after each request), so a statement still mid-rows here is
             * most likely being stepped by a caller further up the stack,
             * whose row this reset would pull away: say so, loudly. */
            if (sqlite3_stmt_busy(db->cache[i].st))
                Log_event(LOG_WARN, "db_stmt_reset_while_stepping", NULL);
            sqlite3_reset(db->cache[i].st);
            sqlite3_clear_bindings(db->cache[i].st);
            return (DbStmt *)db->cache[i].st;
        }
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        Log_event(LOG_ERROR, "db_prepare_failed", "error=\"%s\"", sqlite3_errmsg(db->handle));
        return NULL;
    }
    return (DbStmt *)cache_add(db, sql, st);
}

DbStmt *Db_prepare(Db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->handle, sql, -1, &st, NULL) != SQLITE_OK) {
        Log_event(LOG_ERROR, "db_prepare_failed", "error=\"%s\"", sqlite3_errmsg(db->handle));
        return NULL;
    }
    return (DbStmt *)st;
}

void Db_finalize(DbStmt *st)
{
    sqlite3_finalize(ST(st));
}

void Db_bind_int(DbStmt *st, int idx, int value)
{
    sqlite3_bind_int(ST(st), idx, value);
}

void Db_bind_int64(DbStmt *st, int idx, long long value)
{
    sqlite3_bind_int64(ST(st), idx, value);
}

void Db_bind_double(DbStmt *st, int idx, double value)
{
    sqlite3_bind_double(ST(st), idx, value);
}

/* Extended codes fold to the driver's few: a caller asks "a row?",
 * "done?", "locked?" or "refused by a constraint?", never which of
 * SQLite's thirty kinds. */
static int step_code(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_ROW: return DB_ROW;
    case SQLITE_DONE: return DB_DONE;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return DB_BUSY;
    case SQLITE_CONSTRAINT: return DB_CONSTRAINT;
    default: return DB_ERROR;
    }
}

int Db_step(DbStmt *st)
{
    return step_code(sqlite3_step(ST(st)));
}

long long Db_step_id(DbStmt *st, int *rc)
{
    int got = Db_step(st);
    long long id = got == DB_ROW ? Db_col_int64(st, 0) : -1;
    Db_reset(st);
    if (rc)
        *rc = got == DB_ROW ? DB_DONE : got;
    return id;
}

void Db_reset(DbStmt *st)
{
    sqlite3_reset(ST(st));
}

int Db_col_int(DbStmt *st, int col)
{
    return sqlite3_column_int(ST(st), col);
}

long long Db_col_int64(DbStmt *st, int col)
{
    return sqlite3_column_int64(ST(st), col);
}

double Db_col_double(DbStmt *st, int col)
{
    return sqlite3_column_double(ST(st), col);
}

bool Db_col_is_null(DbStmt *st, int col)
{
    return sqlite3_column_type(ST(st), col) == SQLITE_NULL;
}

int Db_changes(Db *db)
{
    return sqlite3_changes(db->handle);
}

const char *Db_errmsg(Db *db)
{
    return sqlite3_errmsg(db->handle);
}

int Db_schema_version(Db *db)
{
    DbStmt *st = Db_prepare(db, "PRAGMA user_version");
    int v = -1;
    if (st && Db_step(st) == DB_ROW)
        v = Db_col_int(st, 0);
    if (st)
        Db_finalize(st);
    return v;
}

int Db_migrate_to(Db *db, int version, const char *sql, char *err, size_t errlen)
{
    char *msg = NULL;
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d;", version);
    if (sqlite3_exec(db->handle, "BEGIN IMMEDIATE;", NULL, NULL, &msg) != SQLITE_OK ||
        sqlite3_exec(db->handle, sql, NULL, NULL, &msg) != SQLITE_OK ||
        sqlite3_exec(db->handle, pragma, NULL, NULL, &msg) != SQLITE_OK ||
        sqlite3_exec(db->handle, "COMMIT;", NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errlen, "migration %d failed: %s", version, msg ? msg : "unknown error");
        sqlite3_free(msg);
        sqlite3_exec(db->handle, "ROLLBACK;", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

int Db_exec(Db *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db->handle, sql, NULL, NULL, &msg) != SQLITE_OK) {
        Log_event(LOG_ERROR, "db_exec_failed", "error=\"%s\"", msg ? msg : "");
        sqlite3_free(msg);
        return -1;
    }
    return 0;
}

/* Nesting: the request dispatcher opens the transaction around a write
 * handler (so the idempotency record commits with the write); helpers the
 * handler calls may begin/commit too and simply join it. Open one with
 * this BEGIN, or join the one already open. */
static int begin_with(Db *db, const char *begin_sql)
{
    if (db->tx_depth++ > 0)
        return 0;
    if (Db_exec(db, begin_sql) < 0) {
        db->tx_depth = 0;
        return -1;
    }
    return 0;
}

int Db_begin(Db *db)
{
    return begin_with(db, "BEGIN IMMEDIATE");
}

int Db_begin_read(Db *db)
{
    return begin_with(db, "BEGIN DEFERRED");
}

int Db_commit(Db *db)
{
    if (db->tx_depth == 0)
        return -1;
    if (--db->tx_depth > 0)
        return 0;
    return Db_exec(db, "COMMIT");
}

void Db_rollback(Db *db)
{
    db->tx_depth = 0;
    if (!sqlite3_get_autocommit(db->handle))
        sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
}

void Db_release(Db *db)
{
    for (int i = 0; i < db->ncache; i++)
        sqlite3_reset(db->cache[i].st);
}

bool Db_in_transaction(Db *db)
{
    return db->tx_depth > 0;
}

bool Db_lookup_int(Db *db, const char *sql, const char *text, long long id, long long *out)
{
    DbStmt *st = Db_stmt(db, sql);
    if (!st)
        return false;
    if (text)
        Db_bind_text(st, 1, text);
    else
        Db_bind_int64(st, 1, id);
    bool found = Db_step(st) == DB_ROW;
    if (found && out)
        *out = Db_col_int64(st, 0);
    Db_reset(st);
    return found;
}

bool Db_exists(Db *db, const char *sql, const char *text, long long id)
{
    return Db_lookup_int(db, sql, text, id, NULL);
}

void Db_bind_text(DbStmt *st, int idx, const char *text)
{
    if (text)
        sqlite3_bind_text(ST(st), idx, text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(ST(st), idx);
}

const char *Db_col_text(DbStmt *st, int col)
{
    return (const char *)sqlite3_column_text(ST(st), col);
}

void Db_shutdown(void)
{
    pthread_mutex_lock(&open_lock);
    for (Db *db = open_list, *next; db; db = next) {
        next = db->next_open;
        for (int i = 0; i < db->ncache; i++)
            sqlite3_finalize(db->cache[i].st);
        sqlite3_close(db->handle);
        free(db->cache);
        free(db);
    }
    open_list = NULL;
    thread_db = NULL;
    pthread_mutex_unlock(&open_lock);
}
