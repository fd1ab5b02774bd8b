/* Figures for supervisors: the contacts CSV that feeds the avoidable-demand
 * model, and today's live KPIs. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/buf.h"
#include "common/csv.h"
#include "common/localday.h"
#include "common/timefmt.h"
#include "server/api.h"

#define MAX_REPORT_DAYS 366

static const char SQL_EXPORT[] =
    "SELECT c.id, c.started_at, c.ended_at, c.channel, c.handle_seconds, w.topic_code, t.label,"
    " c.wrap_code, w.label, c.outcome, c.avoidable, COALESCE(c.avoidable_reason, ''),"
    " w.progress_chasing,"
    " CASE WHEN c.customer_id IS NULL THEN 'anonymous'"
    "      WHEN cu.email IS NULL THEN 'no' ELSE 'yes' END,"
    " COALESCE(c.script_id, ''), json_array_length(c.case_refs)"
    " FROM contacts c JOIN wrap_codes w ON w.code = c.wrap_code"
    " JOIN wrap_topics t ON t.code = w.topic_code"
    " LEFT JOIN customers cu ON cu.id = c.customer_id"
    " WHERE c.started_at >= ?1 AND c.started_at < ?2 ORDER BY c.started_at, c.id";
static const char SQL_TODAY[] =
    "SELECT COUNT(*), SUM(outcome = 'resolved'), SUM(outcome != 'abandoned'), SUM(avoidable),"
    " AVG(handle_seconds) FROM contacts WHERE started_at >= ?1";
static const char SQL_TOP_WRAPS[] =
    "SELECT c.wrap_code, w.label, COUNT(*) AS n FROM contacts c"
    " JOIN wrap_codes w ON w.code = c.wrap_code WHERE c.started_at >= ?1"
    " GROUP BY c.wrap_code ORDER BY n DESC, c.wrap_code LIMIT 5";

static const char *const csv_header =
    "contact_id,started_at,ended_at,channel,handle_seconds,wrap_topic,wrap_topic_label,"
    "wrap_code,wrap_label,outcome,avoidable,avoidable_reason,progress_chasing,"
    "customer_has_email,script_id,case_count\n";

static bool report_range(Request *rq, Reply *r, char from[TIMEFMT_LEN], char to[TIMEFMT_LEN])
{
    time_t f, t;
    if (!Localday_parse_date(Request_query(rq, "from"), &f)) {
        Reply_invalid(r, "from", "from must be a date as YYYY-MM-DD.");
        return false;
    }
    if (!Localday_parse_date(Request_query(rq, "to"), &t) || t < f) {
        Reply_invalid(r, "to", "to must be a date as YYYY-MM-DD, on or after from.");
        return false;
    }
    if (t > Localday_add(f, MAX_REPORT_DAYS)) {
        Reply_invalid(r, "to", "A report covers at most 366 days.");
        return false;
    }
    Timefmt_utc(f, from);
    Timefmt_utc(Localday_add(t, 1), to); /* `to` is inclusive: up to the next midnight */
    return true;
}

static void csv_row(Buf *out, DbStmt *st)
{
    char cell[512];
    for (int i = 0; i < 16; i++) {
        const char *v = Db_col_text(st, i);
        if (i == 10 || i == 12)
            v = Db_col_int(st, i) ? "yes" : "no";
        Csv_quote(v ? v : "", cell, sizeof cell);
        Buf_puts(out, cell);
        Buf_putc(out, i == 15 ? '\n' : ',');
    }
}

void Api_report_contacts_csv(Request *rq, Reply *r)
{
    char from[TIMEFMT_LEN], to[TIMEFMT_LEN];
    if (!report_range(rq, r, from, to))
        return;
    DbStmt *st = Db_stmt(rq->db, SQL_EXPORT);
    if (!st) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The report failed", NULL);
        return;
    }
    Db_bind_text(st, 1, from);
    Db_bind_text(st, 2, to);
    Buf out = BUF_INIT;
    Buf_puts(&out, csv_header);
    while (Db_step(st) == DB_ROW)
        csv_row(&out, st);
    Db_reset(st);
    Reply_text(r, 200, "text/csv; charset=utf-8", Buf_steal(&out));
    Reply_header(r, "Content-Disposition", "attachment; filename=\"contacts.csv\"");
}

static time_t start_of_today(void)
{
    return Localday_start(time(NULL));
}

static json_t *top_wraps(Db *db, const char *since)
{
    json_t *top = json_array();
    DbStmt *st = Db_stmt(db, SQL_TOP_WRAPS);
    if (!st)
        return top;
    Db_bind_text(st, 1, since);
    while (Db_step(st) == DB_ROW)
        json_array_append_new(top, json_pack("{s:s, s:s, s:I}", "code", Db_col_text(st, 0),
                                             "label", Db_col_text(st, 1), "count",
                                             (json_int_t)Db_col_int64(st, 2)));
    Db_reset(st);
    return top;
}

static double rate(long long part, long long whole)
{
    return whole ? (double)part / (double)whole : 0.0;
}

void Api_stats_today(Request *rq, Reply *r)
{
    char since[TIMEFMT_LEN];
    Timefmt_utc(start_of_today(), since);
    DbStmt *st = Db_stmt(rq->db, SQL_TODAY);
    if (!st || (Db_bind_text(st, 1, since), Db_step(st)) != DB_ROW) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The figures could not be read", NULL);
        return;
    }
    long long total = Db_col_int64(st, 0), resolved = Db_col_int64(st, 1);
    long long answered = Db_col_int64(st, 2), avoidable = Db_col_int64(st, 3);
    double aht = Db_col_double(st, 4);
    Db_reset(st);
    Reply_json(r, 200, json_pack(
        "{s:s, s:I, s:f, s:f, s:I, s:o}", "since", since, "contacts", (json_int_t)total,
        "first_contact_resolution_rate", rate(resolved, answered), "avoidable_rate",
        rate(avoidable, total), "average_handle_seconds", (json_int_t)(aht + 0.5),
        "top_wrap_codes", top_wraps(rq->db, since)));
}
