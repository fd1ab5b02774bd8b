#include "server/db.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/buf.h"
#include "common/log.h"
#include "server/dbfiles.h"
#include "server/schema.h"

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
    int rc = Schema_migrate(h, err, errlen);
    sqlite3_close(h);
    return rc;
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

sqlite3 *Db_handle(Db *db)
{
    return db->handle;
}

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

sqlite3_stmt *Db_stmt(Db *db, const char *sql)
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
            return db->cache[i].st;
        }
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        Log_event(LOG_ERROR, "db_prepare_failed", "error=\"%s\"", sqlite3_errmsg(db->handle));
        return NULL;
    }
    return cache_add(db, sql, st);
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
    sqlite3_stmt *st = Db_stmt(db, sql);
    if (!st)
        return false;
    if (text)
        Db_bind_text(st, 1, text);
    else
        sqlite3_bind_int64(st, 1, id);
    bool found = sqlite3_step(st) == SQLITE_ROW;
    if (found && out)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return found;
}

bool Db_exists(Db *db, const char *sql, const char *text, long long id)
{
    return Db_lookup_int(db, sql, text, id, NULL);
}

void Db_bind_text(sqlite3_stmt *st, int idx, const char *text)
{
    if (text)
        sqlite3_bind_text(st, idx, text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, idx);
}

const char *Db_col_text(sqlite3_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st, col);
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
