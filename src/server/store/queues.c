#include "server/store/queues.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/timefmt.h"
#include "server/store/cases.h"
#include "server/store/db.h"

static long release_minutes = 30;

/* One ordering for listing and claiming. Call-backs count as high
 * priority: someone is waiting for the phone to ring. */
#define QUEUE_SELECT                                                                           \
    "SELECT kind, id, ref, summary, due_at, created_at, prio, label, customer, customer_id"    \
    " FROM ("                                                                                  \
    " SELECT 'case' AS kind, c.id, c.ref, c.summary, c.due_at, c.created_at, c.queue_first,"   \
    "  CASE c.priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END"\
    "  AS prio, c.priority AS label,"                                                          \
    "  (SELECT given_name || ' ' || family_name FROM customers WHERE id = c.customer_id)"      \
    "  AS customer, c.customer_id"                                                             \
    " FROM cases c WHERE c.team_code = ?1 AND c.assignee_id IS NULL"                           \
    "  AND c.status IN ('new', 'in_progress', 'awaiting_customer')"                            \
    " UNION ALL"                                                                               \
    " SELECT 'callback', b.id, NULL, b.reason, b.due_at, b.created_at, 0, 2, 'callback',"      \
    "  (SELECT given_name || ' ' || family_name FROM customers WHERE id = b.customer_id),"     \
    "  b.customer_id"                                                                          \
    " FROM callbacks b WHERE b.team_code = ?1 AND b.status = 'pending'"                        \
    "  AND b.claimed_by IS NULL AND b.due_at <= ?2"                                            \
    "  AND (b.assignee_id IS NULL OR b.due_at <= ?3)) AS work"                                 \
    " ORDER BY queue_first DESC, (due_at < ?2) DESC, prio DESC, created_at, id LIMIT ?4"

static const char SQL_ITEMS[] = QUEUE_SELECT;
static const char SQL_CLAIM_CASE[] =
    "UPDATE cases SET assignee_id = ?2, status = CASE status WHEN 'new' THEN 'in_progress'"
    " ELSE status END, updated_at = ?3, version = version + 1 WHERE id = ?1 AND assignee_id IS NULL";
static const char SQL_CLAIM_CALLBACK[] =
    "UPDATE callbacks SET claimed_by = ?2 WHERE id = ?1 AND claimed_by IS NULL";
static const char SQL_TEAM[] = "SELECT 1 FROM teams WHERE code = ?1";
static const char SQL_TEAM_NAME[] = "SELECT COALESCE((SELECT name FROM teams WHERE code = ?1), ?1)";
static const char SQL_SUMMARY[] =
    "SELECT t.code, t.name,"
    " (SELECT COUNT(*) FROM cases c WHERE c.team_code = t.code"
    "   AND c.status IN ('new', 'in_progress', 'awaiting_customer')),"
    " (SELECT COUNT(*) FROM cases c WHERE c.team_code = t.code AND c.assignee_id IS NULL"
    "   AND c.status IN ('new', 'in_progress', 'awaiting_customer')),"
    " (SELECT MIN(created_at) FROM cases c WHERE c.team_code = t.code AND c.assignee_id IS NULL"
    "   AND c.status IN ('new', 'in_progress', 'awaiting_customer')),"
    " (SELECT COUNT(*) FROM cases c WHERE c.team_code = t.code"
    "   AND c.status IN ('new', 'in_progress', 'awaiting_customer') AND c.due_at < ?1),"
    " (SELECT COUNT(*) FROM callbacks b WHERE b.team_code = t.code AND b.status = 'pending'"
    "   AND b.claimed_by IS NULL AND b.due_at <= ?1"
    "   AND (b.assignee_id IS NULL OR b.due_at <= ?2)),"
    /* The waiting items past SLA: the rows the queue lists, so the count
     * agrees with the "PAST SLA" rows (call-backs included). */
    " (SELECT COUNT(*) FROM cases c WHERE c.team_code = t.code AND c.assignee_id IS NULL"
    "   AND c.status IN ('new', 'in_progress', 'awaiting_customer') AND c.due_at < ?1)"
    " + (SELECT COUNT(*) FROM callbacks b WHERE b.team_code = t.code AND b.status = 'pending'"
    "   AND b.claimed_by IS NULL AND b.due_at < ?1"
    "   AND (b.assignee_id IS NULL OR b.due_at <= ?2))"
    " FROM teams t ORDER BY t.code";

void Queues_set_release_minutes(long minutes)
{
    if (minutes >= 0)
        release_minutes = minutes;
}

bool Queues_exists(Db *db, const char *team)
{
    return Db_exists(db, SQL_TEAM, team, 0);
}

void Queues_team_name(Db *db, const char *team, char *out, size_t cap)
{
    DbStmt *st = Db_stmt(db, SQL_TEAM_NAME);
    snprintf(out, cap, "%s", team);
    if (!st)
        return;
    Db_bind_text(st, 1, team);
    if (Db_step(st) == DB_ROW)
        snprintf(out, cap, "%s", Db_col_text(st, 0));
    Db_reset(st);
}

static json_t *item_json(DbStmt *st, time_t now)
{
    time_t due = 0;
    Timefmt_parse(Db_col_text(st, 4), &due);
    return json_pack("{s:s, s:s, s:s?, s:s, s:s, s:s, s:s, s:s?, s:I, s:b}", "kind",
                     Db_col_text(st, 0), "id", Db_col_text(st, 1), "ref", Db_col_text(st, 2),
                     "summary", Db_col_text(st, 3), "due_at", Db_col_text(st, 4), "created_at",
                     Db_col_text(st, 5), "priority", Db_col_text(st, 7), "customer",
                     Db_col_text(st, 8), "sla_seconds_left", (json_int_t)(due - now),
                     "past_sla", due < now);
}

static DbStmt *select_items(Db *db, const char *team, int limit, time_t now)
{
    char t_now[TIMEFMT_LEN], t_release[TIMEFMT_LEN];
    Timefmt_utc(now, t_now);
    Timefmt_utc(now - release_minutes * 60, t_release);
    DbStmt *st = Db_stmt(db, SQL_ITEMS);
    if (!st)
        return NULL;
    Db_bind_text(st, 1, team);
    Db_bind_text(st, 2, t_now);
    Db_bind_text(st, 3, t_release);
    Db_bind_int(st, 4, limit);
    return st;
}

json_t *Queues_items(Db *db, const char *team, int limit, long long customers[])
{
    time_t now = time(NULL);
    json_t *items = json_array();
    DbStmt *st = select_items(db, team, limit, now);
    while (st && (int)json_array_size(items) < limit && Db_step(st) == DB_ROW) {
        customers[json_array_size(items)] = Db_col_int64(st, 9);
        json_array_append_new(items, item_json(st, now));
    }
    if (st)
        Db_reset(st);
    return items;
}

json_t *Queues_claim(Db *db, const char *team, long long user_id)
{
    time_t now = time(NULL);
    char t_now[TIMEFMT_LEN];
    Timefmt_utc(now, t_now);
    DbStmt *st = select_items(db, team, 1, now);
    if (!st || Db_step(st) != DB_ROW) {
        if (st)
            Db_reset(st);
        return NULL;
    }
    json_t *item = item_json(st, now);
    bool is_case = strcmp(Db_col_text(st, 0), "case") == 0;
    long long id = Db_col_int64(st, 1);
    Db_reset(st);
    DbStmt *up = Db_stmt(db, is_case ? SQL_CLAIM_CASE : SQL_CLAIM_CALLBACK);
    Db_bind_int64(up, 1, id);
    Db_bind_int64(up, 2, user_id);
    if (is_case)
        Db_bind_text(up, 3, t_now);
    if (Db_step(up) != DB_DONE || Db_changes(db) != 1 ||
        (is_case && Cases_event(db, id, user_id, "claimed", NULL) < 0)) {
        json_decref(item);
        return NULL;
    }
    return item;
}

json_t *Queues_summary(Db *db)
{
    time_t now = time(NULL);
    char t_now[TIMEFMT_LEN], t_release[TIMEFMT_LEN];
    Timefmt_utc(now, t_now);
    Timefmt_utc(now - release_minutes * 60, t_release);
    json_t *items = json_array();
    DbStmt *st = Db_stmt(db, SQL_SUMMARY);
    if (!st)
        return items;
    Db_bind_text(st, 1, t_now);
    Db_bind_text(st, 2, t_release);
    while (Db_step(st) == DB_ROW) {
        time_t oldest = now;
        if (Db_col_text(st, 4))
            Timefmt_parse(Db_col_text(st, 4), &oldest);
        json_array_append_new(items, json_pack(
            "{s:{s:s, s:s}, s:I, s:I, s:I, s:I, s:I, s:I}", "team", "code", Db_col_text(st, 0),
            "name", Db_col_text(st, 1), "open", (json_int_t)Db_col_int64(st, 2),
            "depth", (json_int_t)(Db_col_int64(st, 3) + Db_col_int64(st, 6)),
            "oldest_age_seconds",
            (json_int_t)(now - oldest), "past_sla", (json_int_t)Db_col_int64(st, 5),
            "callbacks_due", (json_int_t)Db_col_int64(st, 6),
            "waiting_past_sla", (json_int_t)Db_col_int64(st, 7)));
    }
    Db_reset(st);
    return items;
}
