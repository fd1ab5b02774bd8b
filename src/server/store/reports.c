/* store/reports: the supervisors' figures (see store/reports.h). */
#include "server/store/reports.h"

#include "server/store/db.h"

/* DIALECT: json_array_length on text. */
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
    "SELECT COUNT(*), SUM(CASE WHEN outcome = 'resolved' THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN outcome != 'abandoned' THEN 1 ELSE 0 END), SUM(avoidable),"
    " AVG(handle_seconds) FROM contacts WHERE started_at >= ?1";
static const char SQL_TOP_WRAPS[] =
    "SELECT c.wrap_code, w.label, COUNT(*) AS n FROM contacts c"
    " JOIN wrap_codes w ON w.code = c.wrap_code WHERE c.started_at >= ?1"
    " GROUP BY c.wrap_code, w.label ORDER BY n DESC, c.wrap_code LIMIT 5";

/* Columns 10 and 12 are flags: the CSV says yes or no. */
static void export_row(DbStmt *st, ReportsRowFn fn, void *ctx)
{
    const char *cells[REPORTS_COLUMNS];
    for (int i = 0; i < REPORTS_COLUMNS; i++)
        cells[i] = Db_col_text(st, i);
    cells[10] = Db_col_int(st, 10) ? "yes" : "no";
    cells[12] = Db_col_int(st, 12) ? "yes" : "no";
    fn(cells, ctx);
}

int Reports_contacts(Db *db, const char *from, const char *to, ReportsRowFn fn, void *ctx)
{
    DbStmt *st = Db_stmt(db, SQL_EXPORT);
    if (!st)
        return -1;
    Db_bind_text(st, 1, from);
    Db_bind_text(st, 2, to);
    while (Db_step(st) == DB_ROW)
        export_row(st, fn, ctx);
    Db_reset(st);
    return 0;
}

int Reports_today(Db *db, const char *since, ReportsToday *out)
{
    DbStmt *st = Db_stmt(db, SQL_TODAY);
    if (!st)
        return -1;
    Db_bind_text(st, 1, since);
    if (Db_step(st) != DB_ROW) {
        Db_reset(st);
        return -1;
    }
    *out = (ReportsToday){Db_col_int64(st, 0), Db_col_int64(st, 1), Db_col_int64(st, 2),
                          Db_col_int64(st, 3), Db_col_double(st, 4)};
    Db_reset(st);
    return 0;
}

json_t *Reports_top_wraps(Db *db, const char *since)
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
