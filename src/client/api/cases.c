/* cases: see cases.h. */
#include "client/api/cases.h"

#include <stdio.h>

#include "client/api/api_int.h"
#include "client/api/write.h"

ApiCall *ApiCases_get(ApiTo to, const char *ref)
{
    return Api_send_id(to, "GET", NULL, API_RETRY, "/cases/%s", ref);
}

ApiCall *ApiCases_events(ApiTo to, const char *ref)
{
    return Api_send_id(to, "GET", NULL, API_RETRY, "/cases/%s/events", ref);
}

/* Sets key to s when s says something. */
static void ApiCases_set(json_t *b, const char *key, const char *s)
{
    if (s && s[0])
        json_object_set_new(b, key, json_string(s));
}

int ApiCases_create(const CaseNew *d, const char *label, const char *again, char *id_out)
{
    json_t *b = json_pack("{s:s, s:s}", "service_code", d->service_code, "summary", d->summary);
    if (d->priority)
        json_object_set_new(b, "priority", json_string(d->priority));
    ApiCases_set(b, "customer_id", d->customer_id);
    if (d->next_steps)
        json_object_set_new(b, "next_steps", json_string(d->next_steps));
    ApiCases_set(b, "note", d->note);
    if (d->triage_response)
        json_object_set(b, "triage_response", (json_t *)d->triage_response);
    if (d->script_id && d->script_id[0]) {
        json_object_set_new(b, "script_id", json_string(d->script_id));
        json_object_set_new(b, "script_version", json_sprintf("%d", d->script_version));
    }
    if (!again)
        return ApiWrite_new("case.create", "POST", "/cases", -1, b, label, id_out);
    int rc = ApiWrite_again(again, b, id_out);
    json_decref(b);
    return rc;
}

/* The path of a write about the case ref ("/cases/{ref}" + tail). */
static void ApiCases_path(char *out, size_t cap, const char *ref, const char *tail)
{
    char e[100];
    Api_escape(ref, e, sizeof e);
    snprintf(out, cap, "/cases/%s%s", e, tail);
}

int ApiCases_set_status(const char *ref, long long version, const char *status,
                        const char *resolution, const char *label)
{
    json_t *b = json_pack("{s:s}", "status", status);
    ApiCases_set(b, "resolution", resolution);
    char path[160];
    ApiCases_path(path, sizeof path, ref, "");
    return ApiWrite_new("case.update", "PATCH", path, version, b, label, NULL);
}

int ApiCases_note(const char *ref, const char *text, const char *label)
{
    char path[160];
    ApiCases_path(path, sizeof path, ref, "/notes");
    return ApiWrite_new("case.note", "POST", path, -1, json_pack("{s:s}", "body", text), label, NULL);
}

int ApiCases_handoff(const CaseHandoff *h, const char *label)
{
    json_t *b = json_pack("{s:s}", "reason", h->reason);
    ApiCases_set(b, "team_code", h->team_code);
    ApiCases_set(b, "assignee", h->assignee);
    ApiCases_set(b, "note", h->note);
    char path[160];
    ApiCases_path(path, sizeof path, h->ref, "/handoff");
    return ApiWrite_new("case.handoff", "POST", path, -1, b, label, NULL);
}

bool ApiCases_ref_of(const char *path, char *ref, size_t cap)
{
    return ApiWrite_path_part(path, "/cases/", ref, cap);
}
