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
#include "server/store/open311_requests.h"

#define MAX_IDS 100
#define SPAN_SECONDS (90L * 24 * 3600)

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

static const char *text(const json_t *row, const char *key)
{
    return json_string_value(json_object_get(row, key));
}

/* A stored row (store/open311_requests.h) as Open311 publishes it. */
static json_t *request_json(const json_t *row)
{
    const char *status = text(row, "status"), *team = text(row, "team");
    bool closed = is_closed(status);
    const char *updated = closed && text(row, "closed_at") ? "closed_at" : "updated_at";
    return json_pack("{s:s, s:s, s:o, s:s, s:s, s:n, s:s, s:s, s:O, s:O, s:O, s:O, s:O, s:O}",
                     "service_request_id", text(row, "ref"), "status",
                     closed ? "closed" : "open", "status_notes", status_note(status, team),
                     "service_name", text(row, "service_name"), "service_code",
                     text(row, "service_code"), "description", "agency_responsible", team,
                     "requested_datetime", text(row, "created_at"), "updated_datetime",
                     json_object_get(row, updated), "expected_datetime",
                     json_object_get(row, "due_at"), "address", json_object_get(row, "address"),
                     "lat", json_object_get(row, "lat"), "long", json_object_get(row, "long"),
                     "media_url", json_object_get(row, "media_url"));
}

/* Shapes every stored row of rows into out. */
static void append_rows(json_t *rows, json_t *out)
{
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
        json_array_append_new(out, request_json(row));
}

/* Appends the request with this reference, if it is an Open311 one. */
static void append_ref(Db *db, const char *typed, json_t *out)
{
    char ref[CASE_REF_LEN];
    json_t *row = Cases_normalise_ref(typed, ref) ? Open311_requests_get(db, ref) : NULL;
    if (row)
        json_array_append_new(out, request_json(row));
    json_decref(row);
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
    json_t *rows = json_array();
    int rc = Open311_requests_search(rq->db, Request_query(rq, "service_code"), from, to,
                                     closed, rows);
    append_rows(rows, out);
    json_decref(rows);
    return rc < 0 ? "The requests are unavailable; try again shortly." : NULL;
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
