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
#include "server/store/reports.h"

#define MAX_REPORT_DAYS 366

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

static void csv_row(const char *const cells[REPORTS_COLUMNS], void *out)
{
    char cell[512];
    for (int i = 0; i < REPORTS_COLUMNS; i++) {
        Csv_quote(cells[i] ? cells[i] : "", cell, sizeof cell);
        Buf_puts(out, cell);
        Buf_putc(out, i == REPORTS_COLUMNS - 1 ? '\n' : ',');
    }
}

void Api_report_contacts_csv(Request *rq, Reply *r)
{
    char from[TIMEFMT_LEN], to[TIMEFMT_LEN];
    if (!report_range(rq, r, from, to))
        return;
    Buf out = BUF_INIT;
    Buf_puts(&out, csv_header);
    if (Reports_contacts(rq->db, from, to, csv_row, &out) < 0) {
        Buf_free(&out);
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The report failed", NULL);
        return;
    }
    Reply_text(r, 200, "text/csv; charset=utf-8", Buf_steal(&out));
    Reply_header(r, "Content-Disposition", "attachment; filename=\"contacts.csv\"");
}

static time_t start_of_today(void)
{
    return Localday_start(time(NULL));
}

static double rate(long long part, long long whole)
{
    return whole ? (double)part / (double)whole : 0.0;
}

void Api_stats_today(Request *rq, Reply *r)
{
    char since[TIMEFMT_LEN];
    ReportsToday t;
    Timefmt_utc(start_of_today(), since);
    if (Reports_today(rq->db, since, &t) < 0) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The figures could not be read", NULL);
        return;
    }
    Reply_json(r, 200, json_pack(
        "{s:s, s:I, s:f, s:f, s:I, s:o}", "since", since, "contacts", (json_int_t)t.contacts,
        "first_contact_resolution_rate", rate(t.resolved, t.answered), "avoidable_rate",
        rate(t.avoidable, t.contacts), "average_handle_seconds",
        (json_int_t)(t.average_handle_seconds + 0.5),
        "top_wrap_codes", Reports_top_wraps(rq->db, since)));
}
