/* Open311 reads: GET requests.json and requests/{id}.json. Public, so they
 * show only what the council would put on a public map: the case
 * reference, service, team, status, times and where. Only cases that came
 * in through Open311 are shown; cases advisors raise are about a named
 * customer and stay private. The description and anything staff write
 * (notes, summaries, next steps) may name people, so status_notes is a
 * fixed phrase per status and the description is not published back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/timefmt.h"
#include "server/api.h"
#include "server/store/cases.h"
#include "server/open311.h"

#define MAX_RESULTS 1000
#define MAX_IDS 100
#define SPAN_SECONDS (90L * 24 * 3600)

#define SELECT_REQUEST \
    "SELECT c.ref, c.status, s.name, c.service_code, t.name, c.created_at, c.updated_at," \
    " c.closed_at, c.due_at, c.address, c.lat, c.long, c.media_url" \
    " FROM cases c JOIN services s ON s.code = c.service_code" \
    " JOIN teams t ON t.code = c.team_code WHERE c.source = 'open311'"

static const char SQL_BY_REF[] = SELECT_REQUEST " AND c.ref = ?1";
static const char SQL_SEARCH[] = SELECT_REQUEST
    " AND (?1 IS NULL OR c.service_code = ?1) AND c.created_at >= ?2 AND c.created_at <= ?3"
    " AND (?4 IS NULL OR (c.status IN ('resolved', 'closed')) = ?4)"
    " ORDER BY c.created_at DESC, c.id DESC LIMIT 1000";

static bool is_closed(const char *status)
{
    return status && (strcmp(status, "resolved") == 0 || strcmp(status, "closed") == 0);
}

static json_t *status_note(const char *status, const char *team)
{
    static const char *const phrases[][3] = {
        {"new", "Received by ", "."},
        {"in_progress", "In progress with ", "."},
        {"awaiting_customer", "", " is waiting for more information."},
        {"resolved", "Resolved by ", "."},
        {"closed", "Closed by ", "."},
    };
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
        if (status && strcmp(status, phrases[i][0]) == 0)
            return json_sprintf("%s%s%s", phrases[i][1], team, phrases[i][2]);
    return json_null();
}

static json_t *text_or_null(DbStmt *st, int col)
{
    const char *s = Db_col_text(st, col);
    return s ? json_string(s) : json_null();
}

static json_t *real_or_null(DbStmt *st, int col)
{
    return Db_col_is_null(st, col) ? json_null()
                                                       : json_real(Db_col_double(st, col));
}

static json_t *request_json(DbStmt *st)
{
    const char *status = Db_col_text(st, 1), *team = Db_col_text(st, 4);
    bool closed = is_closed(status);
    int updated = closed && Db_col_text(st, 7) ? 7 : 6;
    return json_pack("{s:s, s:s, s:o, s:s, s:s, s:n, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}",
                     "service_request_id", Db_col_text(st, 0), "status",
                     closed ? "closed" : "open", "status_notes", status_note(status, team),
                     "service_name", Db_col_text(st, 2), "service_code", Db_col_text(st, 3),
                     "description", "agency_responsible", team, "requested_datetime",
                     Db_col_text(st, 5), "updated_datetime", text_or_null(st, updated),
                     "expected_datetime", text_or_null(st, 8), "address",
                     text_or_null(st, 9), "lat", real_or_null(st, 10), "long",
                     real_or_null(st, 11), "media_url", text_or_null(st, 12));
}

/* Appends the request with this reference, if it is an Open311 one. */
static void append_ref(Db *db, const char *typed, json_t *out)
{
    char ref[CASE_REF_LEN];
    DbStmt *st = Cases_normalise_ref(typed, ref) ? Db_stmt(db, SQL_BY_REF) : NULL;
    if (!st)
        return;
    Db_bind_text(st, 1, ref);
    if (Db_step(st) == DB_ROW)
        json_array_append_new(out, request_json(st));
    Db_reset(st);
}

void Api_open311_request_get(Request *rq, Reply *r)
{
    char id[64];
    json_t *out = json_array();
    if (Api_open311_strip_json(rq->params[0], id, sizeof id))
        append_ref(rq->db, id, out);
    if (json_array_size(out) == 0) {
        json_decref(out);
        Open311_error(r, 404, "No such service_request_id.");
        return;
    }
    Reply_json(r, 200, out);
}

/* service_request_id=a,b,c overrides every other filter (the spec says so). */
static const char *by_ids(Db *db, const char *list, json_t *out)
{
    char *copy = strdup(list), *save = NULL;
    int n = 0;
    if (!copy)
        return "out of memory";
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (++n > MAX_IDS)
            break;
        append_ref(db, tok, out);
    }
    free(copy);
    return n > MAX_IDS ? "At most 100 service_request_id values at once." : NULL;
}

/* "open", "closed" or both, comma separated: -1 for no filter, else 0/1. */
static bool status_filter(const char *s, int *closed)
{
    bool open = false, shut = false;
    for (const char *p = s; p && *p;) {
        size_t n = strcspn(p, ",");
        if (n == 4 && strncmp(p, "open", 4) == 0)
            open = true;
        else if (n == 6 && strncmp(p, "closed", 6) == 0)
            shut = true;
        else
            return false;
        p += n + (p[n] == ',');
    }
    *closed = open == shut ? -1 : shut;
    return true;
}

/* start_date / end_date as RFC 3339; the window is 90 days at most and
 * defaults to the 90 days up to end_date (or now). */
static const char *date_window(const Request *rq, char from[TIMEFMT_LEN], char to[TIMEFMT_LEN])
{
    const char *s = Request_query(rq, "start_date"), *e = Request_query(rq, "end_date");
    time_t start, end = time(NULL);
    if (e && !Timefmt_parse(e, &end))
        return "end_date must be a date-time such as 2026-11-23T14:05:00Z.";
    if (s && !Timefmt_parse(s, &start))
        return "start_date must be a date-time such as 2026-11-23T14:05:00Z.";
    if (!s)
        start = end - SPAN_SECONDS;
    if (!e && s && end - start > SPAN_SECONDS)
        end = start + SPAN_SECONDS;
    if (end < start)
        return "end_date is before start_date.";
    if (end - start > SPAN_SECONDS)
        return "start_date and end_date may not span more than 90 days.";
    Timefmt_utc(start, from);
    Timefmt_utc(end, to);
    return NULL;
}

static const char *search(Request *rq, json_t *out)
{
    char from[TIMEFMT_LEN], to[TIMEFMT_LEN];
    int closed;
    const char *bad = date_window(rq, from, to);
    if (bad)
        return bad;
    if (!status_filter(Request_query(rq, "status"), &closed))
        return "status must be open, closed or open,closed.";
    DbStmt *st = Db_stmt(rq->db, SQL_SEARCH);
    if (!st)
        return "The requests are unavailable; try again shortly.";
    Db_bind_text(st, 1, Request_query(rq, "service_code"));
    Db_bind_text(st, 2, from);
    Db_bind_text(st, 3, to);
    if (closed >= 0)
        Db_bind_int(st, 4, closed);
    while (Db_step(st) == DB_ROW && json_array_size(out) < MAX_RESULTS)
        json_array_append_new(out, request_json(st));
    Db_reset(st);
    return NULL;
}

void Api_open311_requests(Request *rq, Reply *r)
{
    json_t *out = json_array();
    const char *ids = Request_query(rq, "service_request_id");
    const char *bad = ids ? by_ids(rq->db, ids, out) : search(rq, out);
    if (bad) {
        json_decref(out);
        Open311_error(r, 400, bad);
        return;
    }
    Reply_json(r, 200, out);
}
