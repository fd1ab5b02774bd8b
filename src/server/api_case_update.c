/* PATCH /api/v1/cases/{ref}: status, priority, summary and next steps, with
 * If-Match so two people working one case never silently overwrite each
 * other. Status moves along new -> in_progress -> awaiting_customer ->
 * resolved -> closed; a resolved or closed case can be reopened. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/jsonx.h"
#include "server/api.h"
#include "server/audit.h"
#include "server/authz.h"
#include "server/casejson.h"
#include "server/fields.h"
#include "server/livecase.h"
#include "server/precond.h"
#include "server/roles.h"
#include "server/store/cases.h"

static const char *const priorities[] = {"low", "normal", "high", "urgent", NULL};
static const char *const statuses[] = {"new", "in_progress", "awaiting_customer", "resolved",
                                       "closed", NULL};

static bool closed(const char *s)
{
    return strcmp(s, "resolved") == 0 || strcmp(s, "closed") == 0;
}

/* Reopening is the only way back from resolved/closed; closing needs a
 * resolution first, so nothing is closed that nobody resolved. */
static bool transition_ok(const char *from, const char *to)
{
    if (strcmp(from, to) == 0)
        return true;
    if (closed(from))
        return strcmp(to, "in_progress") == 0 || (strcmp(from, "resolved") == 0 &&
                                                   strcmp(to, "closed") == 0);
    if (strcmp(to, "closed") == 0)
        return false;
    return strcmp(to, "new") != 0;
}

static json_t *current_case(Request *rq, long long id)
{
    return Casejson_case(rq->db, id, (rq->user.roles & ROLES_SEE_CAUTION_DETAIL) != 0);
}

/* 200 with the case as it now is and its ETag. */
static void reply_case(Request *rq, Reply *r, long long id)
{
    json_t *c = current_case(rq, id);
    if (!c) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The case could not be read", "Try again.");
        return;
    }
    long long version = Jsonx_int(c, "version", 0);
    Reply_json(r, 200, c);
    Api_etag(r, version);
}

static void reply_conflict(Request *rq, Reply *r, long long id)
{
    json_t *p = Reply_problem_new(412, PROBLEM_CONFLICT, "Someone else changed this case",
                                  "Compare your change with the current case and apply it again.");
    json_t *current = current_case(rq, id);
    long long version = Jsonx_int(current, "version", 0);
    json_object_set_new(p, "current", current ? current : json_null());
    Reply_problem_json(r, p);
    Api_etag(r, version);
}

static bool preconditions(Request *rq, Reply *r, long long *id)
{
    long long have = 0;
    *id = Cases_find(rq->db, rq->params[0], &have);
    if (!*id) {
        Api_reply_not_found(r, "case");
        return false;
    }
    if (!Authz_case(rq, r, *id, AUTHZ_CASE_CHANGE))
        return false;
    int rc = Precond_if_match(rq, r, have, "case");
    if (rc == 412)
        reply_conflict(rq, r, *id);
    return rc == 0;
}

/* Apply the fields to s; the events say what changed. */
static void apply_fields(Fields *f, CaseState *s, json_t *events)
{
    const char *status = Fields_enum(f, "status", false, statuses);
    const char *priority = Fields_enum(f, "priority", false, priorities);
    const char *summary = Fields_string(f, "summary", false, 500);
    const char *next = Fields_string(f, "next_steps", false, 1000);
    /* What was done, said when resolving or closing: kept in the timeline. */
    const char *resolution = Fields_string(f, "resolution", false, 2000);
    if (resolution && (!status || !closed(status)))
        Fields_error(f, "resolution", "A resolution goes with a change to resolved or closed.");
    if (status && !transition_ok(s->status, status)) {
        char msg[160];
        snprintf(msg, sizeof msg, "A %s case cannot become %s.", s->status, status);
        Fields_error(f, "status", msg);
    } else if (status && strcmp(status, s->status) != 0) {
        json_t *detail = json_pack("{s:s, s:s}", "from", s->status, "to", status);
        if (resolution)
            json_object_set_new(detail, "resolution", json_string(resolution));
        json_array_append_new(events, json_pack("{s:s, s:o}", "kind", closed(s->status) && !closed(status)
                                                    ? "reopened" : "status", "detail", detail));
        snprintf(s->status, sizeof s->status, "%s", status);
    }
    if (priority && strcmp(priority, s->priority) != 0) {
        json_array_append_new(events, json_pack("{s:s, s:{s:s, s:s}}", "kind", "priority",
                                                "detail", "from", s->priority, "to", priority));
        snprintf(s->priority, sizeof s->priority, "%s", priority);
    }
    if (summary) {
        free(s->summary);
        s->summary = strdup(summary);
        json_array_append_new(events, json_pack("{s:s, s:{}}", "kind", "summary", "detail"));
    }
    if (next) {
        free(s->next_steps);
        s->next_steps = strdup(next);
        json_array_append_new(events, json_pack("{s:s, s:{}}", "kind", "next_steps", "detail"));
    }
}

/* The case's timeline, then the live channel: a change of status or
 * priority moves the team's queue too. */
static int write_events(Request *rq, long long id, json_t *events)
{
    size_t i;
    json_t *e;
    bool queue_moved = false;
    json_array_foreach(events, i, e) {
        const char *kind = Jsonx_str(e, "kind", "change");
        if (Cases_event(rq->db, id, rq->user.id, kind,
                        json_incref(json_object_get(e, "detail"))) < 0)
            return -1;
        queue_moved |= strcmp(kind, "summary") != 0 && strcmp(kind, "next_steps") != 0;
    }
    return Livecase_changed(rq->db, id, queue_moved);
}

void Api_case_update(Request *rq, Reply *r)
{
    static const char *const known[] = {"status", "priority", "summary", "next_steps", "resolution", NULL};
    long long id;
    CaseState s = {0};
    Fields f;
    if (!preconditions(rq, r, &id) || !Fields_open(&f, rq, r, known))
        return;
    json_t *events = json_array();
    bool loaded = Cases_state_load(rq->db, id, &s) == 0;
    if (loaded)
        apply_fields(&f, &s, events);
    if (!loaded)
        Api_reply_not_found(r, "case");
    else if (!Fields_ok(&f))
        Fields_reply(&f, r);
    else if (Cases_state_save(rq->db, id, &s) < 0 || write_events(rq, id, events) < 0 ||
             Audit_record(rq, "case.update", 0, rq->params[0]) < 0)
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The change was not saved", "Try again.");
    else
        reply_case(rq, r, id);
    free(s.summary);
    free(s.next_steps);
    json_decref(events);
    Fields_close(&f);
}
