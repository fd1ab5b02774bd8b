#include "server/store/calls.h"

#include <stdio.h>
#include <time.h>

#include "common/timefmt.h"
#include "server/store/db.h"

/* A user name first, should one be all digits like an extension. */
static const char SQL_AGENT[] =
    "SELECT u.id FROM users u LEFT JOIN user_extensions e ON e.user_id = u.id"
    " WHERE u.active = 1 AND (u.username = ?1 OR e.extension = ?1)"
    " ORDER BY u.username = ?1 DESC LIMIT 1";
static const char SQL_MATCHES[] =
    "SELECT DISTINCT customer_id FROM customer_ident WHERE value = ?1 AND kind = 'phone'"
    " ORDER BY customer_id LIMIT ?2";
static const char SQL_INSERT[] =
    "INSERT INTO calls (caller, withheld, dialled, service_code, user_id, queued_seconds,"
    "  matched, offered_at)"
    " VALUES (?1, ?2, ?3, (SELECT service_code FROM dialled_numbers WHERE number = ?3),"
    "  ?4, ?5, ?6, ?7) RETURNING id";
static const char SQL_STATE[] = "SELECT user_id, state FROM calls WHERE id = ?1";
static const char SQL_TAKE[] =
    "UPDATE calls SET state = 'taken', taken_at = ?2 WHERE id = ?1 AND state = 'offered'";
static const char SQL_END[] =
    "UPDATE calls SET state = 'ended', ended_at = ?2 WHERE id = ?1 AND state <> 'ended'";
static const char SQL_GET[] =
    "SELECT c.id, c.caller, c.withheld, c.dialled, c.service_code, s.name, c.queued_seconds,"
    "  c.matched, c.state, c.offered_at, u.username"
    " FROM calls c JOIN users u ON u.id = c.user_id"
    " LEFT JOIN services s ON s.code = c.service_code WHERE c.id = ?1";
static const char SQL_WAITING[] =
    "SELECT c.id, c.service_code, s.name, c.queued_seconds, c.matched, c.offered_at"
    " FROM calls c LEFT JOIN services s ON s.code = c.service_code"
    " WHERE c.user_id = ?1 AND c.state = 'offered' AND c.offered_at >= ?2"
    " ORDER BY c.id LIMIT ?3";
static const char SQL_DIALLED[] =
    "INSERT INTO dialled_numbers (number, service_code) VALUES (?1, ?2)"
    " ON CONFLICT (number) DO UPDATE SET service_code = excluded.service_code";

long long Calls_agent(Db *db, const char *agent)
{
    long long id = 0;
    return Db_lookup_int(db, SQL_AGENT, agent, 0, &id) ? id : 0;
}

int Calls_matches(Db *db, const char *digits, long long *ids, int max)
{
    DbStmt *st = Db_stmt(db, SQL_MATCHES);
    if (!st)
        return -1;
    Db_bind_text(st, 1, digits);
    Db_bind_int(st, 2, max + 1);
    int n = 0, rc;
    while ((rc = Db_step(st)) == DB_ROW) {
        if (n < max)
            ids[n] = Db_col_int64(st, 0);
        n++;
    }
    Db_reset(st);
    return rc == DB_DONE ? n : -1;
}

long long Calls_insert(Db *db, const CallIn *in)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_INSERT);
    if (!st)
        return -1;
    Db_bind_text(st, 1, in->caller);
    Db_bind_int(st, 2, in->caller == NULL);
    Db_bind_text(st, 3, in->dialled);
    Db_bind_int64(st, 4, in->user_id);
    Db_bind_int(st, 5, in->queued_seconds);
    Db_bind_text(st, 6, in->matched);
    Db_bind_text(st, 7, now);
    return Db_step_id(st, NULL);
}

bool Calls_state(Db *db, long long id, CallState *out)
{
    DbStmt *st = Db_stmt(db, SQL_STATE);
    if (!st)
        return false;
    Db_bind_int64(st, 1, id);
    bool found = Db_step(st) == DB_ROW;
    if (found) {
        out->user_id = Db_col_int64(st, 0);
        snprintf(out->state, sizeof out->state, "%s", Db_col_text(st, 1));
    }
    Db_reset(st);
    return found;
}

/* One state change stamped now: 1 changed, 0 not in a state to change. */
static int move(Db *db, const char *sql, long long id)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, sql);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, id);
    Db_bind_text(st, 2, now);
    return Db_step(st) == DB_DONE ? Db_changes(db) > 0 : -1;
}

int Calls_take(Db *db, long long id)
{
    return move(db, SQL_TAKE, id);
}

int Calls_end(Db *db, long long id)
{
    return move(db, SQL_END, id);
}

static json_t *text_or_null(DbStmt *st, int col)
{
    return Db_col_is_null(st, col) ? json_null() : json_string(Db_col_text(st, col));
}

static json_t *call_row(DbStmt *st)
{
    json_t *service = Db_col_is_null(st, 4) ? json_null()
                      : json_pack("{s:s, s:o}", "code", Db_col_text(st, 4), "name",
                                  text_or_null(st, 5));
    char id[24];
    snprintf(id, sizeof id, "%lld", Db_col_int64(st, 0));
    return json_pack("{s:s, s:o, s:b, s:s, s:o, s:i, s:s, s:s, s:s, s:s}", "id", id, "caller",
                     text_or_null(st, 1), "withheld", Db_col_int(st, 2) != 0, "dialled",
                     Db_col_text(st, 3), "service", service, "queued_seconds",
                     Db_col_int(st, 6), "matched", Db_col_text(st, 7), "state",
                     Db_col_text(st, 8), "offered_at", Db_col_text(st, 9), "user",
                     Db_col_text(st, 10));
}

json_t *Calls_json(Db *db, long long id)
{
    DbStmt *st = Db_stmt(db, SQL_GET);
    if (!st)
        return NULL;
    Db_bind_int64(st, 1, id);
    json_t *call = Db_step(st) == DB_ROW ? call_row(st) : NULL;
    Db_reset(st);
    return call;
}

int Calls_put_dialled(Db *db, const char *number, const char *service_code, char *err,
                      size_t errlen)
{
    DbStmt *st = Db_stmt(db, SQL_DIALLED);
    int rc = -1;
    if (st) {
        Db_bind_text(st, 1, number);
        Db_bind_text(st, 2, service_code);
        rc = Db_step(st) == DB_DONE ? 0 : -1;
        Db_reset(st);
    }
    if (rc < 0)
        snprintf(err, errlen, "%s", Db_errmsg(db));
    return rc;
}

json_t *Calls_waiting(Db *db, long long user_id, const char *since, int limit)
{
    json_t *items = json_array();
    DbStmt *st = Db_stmt(db, SQL_WAITING);
    if (!st)
        return items;
    Db_bind_int64(st, 1, user_id);
    Db_bind_text(st, 2, since);
    Db_bind_int(st, 3, limit);
    while (Db_step(st) == DB_ROW) {
        char id[24];
        snprintf(id, sizeof id, "%lld", Db_col_int64(st, 0));
        json_t *service = Db_col_is_null(st, 1) ? json_null()
                          : json_pack("{s:s, s:o}", "code", Db_col_text(st, 1), "name",
                                      text_or_null(st, 2));
        json_array_append_new(items, json_pack("{s:s, s:o, s:i, s:s, s:s}", "id", id, "service",
                                               service, "queued_seconds", Db_col_int(st, 3),
                                               "matched", Db_col_text(st, 4), "offered_at",
                                               Db_col_text(st, 5)));
    }
    Db_reset(st);
    return items;
}
