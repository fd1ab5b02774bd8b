/* contacts: see contacts.h. */
#include "client/api/contacts.h"

#include <stdio.h>
#include <string.h>

#include "client/api/api_int.h"
#include "client/api/write.h"
#include "common/jsonx.h"
#include "common/log.h"

/* Sets key to s when s says something. */
static void ApiContacts_set(json_t *b, const char *key, const char *s)
{
    if (s && s[0])
        json_object_set_new(b, key, json_string(s));
}

/* Sets key to j (shared) when j holds something. */
static void ApiContacts_set_json(json_t *b, const char *key, const json_t *j)
{
    if (j && (!json_is_array(j) || json_array_size(j)))
        json_object_set(b, key, (json_t *)j);
}

json_t *ApiContacts_body(const ContactDraft *d)
{
    json_t *b = json_pack("{s:s, s:s, s:s, s:s, s:s}", "channel", d->channel, "started_at",
                          d->started_at, "ended_at", d->ended_at, "wrap_code", d->wrap_code, "outcome",
                          d->outcome);
    if (d->avoidable >= 0)
        json_object_set_new(b, "avoidable", json_boolean(d->avoidable));
    ApiContacts_set(b, "customer_id", d->customer_id);
    ApiContacts_set(b, "avoidable_reason", d->avoidable_reason);
    ApiContacts_set(b, "note", d->note);
    ApiContacts_set_json(b, "triage_response", d->triage_response);
    if (d->triage_response) {
        ApiContacts_set(b, "script_id", d->script_id);
        ApiContacts_set(b, "script_version", d->script_version);
    }
    if (d->case_refs)
        ApiContacts_set_json(b, "case_refs", d->case_refs);
    else if (d->case_ref)
        json_object_set_new(b, "case_refs", json_pack("[s]", d->case_ref));
    ApiContacts_set_json(b, "identity_check", d->identity_check);
    ApiContacts_set_json(b, "articles", d->articles);
    ApiContacts_set(b, "call_id", d->call_id);
    return b;
}

int ApiContacts_record(const ContactDraft *d, const char *label)
{
    return ApiWrite_new("contact", "POST", "/contacts", -1, ApiContacts_body(d), label, NULL);
}

json_t *ApiContacts_without_call(const json_t *body, const json_t *problem)
{
    json_t *errors = json_object_get(problem, "errors"), *e;
    size_t i;
    if (!json_object_get(body, "call_id") || !json_array_size(errors))
        return NULL;
    json_array_foreach(errors, i, e)
        if (strcmp(Jsonx_str(e, "field", ""), "call_id") != 0)
            return NULL;   /* the advisor must correct something else */
    json_t *b = json_deep_copy(body);
    json_object_del(b, "call_id");
    return b;
}

bool ApiContacts_resend_without_call(const char *id, const json_t *body, const json_t *problem)
{
    json_t *b = ApiContacts_without_call(body, problem);
    if (!b)
        return false;
    /* The contact happened: losing its call's wait is better than losing
     * the contact, or leaving it for the advisor to mend. */
    Log_event(LOG_WARN, "contact_call_dropped", "call_id=%s", Jsonx_str(body, "call_id", ""));
    int rc = ApiWrite_again(id, b, NULL);
    json_decref(b);
    return rc == 0;
}

int ApiContacts_book_callback(const CallbackDraft *d, const char *label, char *id_out)
{
    json_t *b = json_pack("{s:s, s:s, s:s}", "phone", d->phone, "due_at", d->due_at, "reason", d->reason);
    ApiContacts_set(b, "assignee", d->assignee);
    if (d->team_code)   /* "" too: the server says which team is missing */
        json_object_set_new(b, "team_code", json_string(d->team_code));
    ApiContacts_set_json(b, "triage_response", d->triage_response);
    ApiContacts_set(b, "customer_id", d->customer_id);
    ApiContacts_set(b, "case_ref", d->case_ref);
    return ApiWrite_new("callback.create", "POST", "/callbacks", -1, b, label, id_out);
}

int ApiContacts_complete_callback(const char *id, const ContactDraft *d, const char *label)
{
    char path[160], e[100];
    Api_escape(id, e, sizeof e);
    snprintf(path, sizeof path, "/callbacks/%s/complete", e);
    return ApiWrite_new("callback.complete", "POST", path, -1, ApiContacts_body(d), label, NULL);
}

ApiCall *ApiContacts_callbacks(ApiTo to)
{
    return Api_send(to, "GET", NULL, API_RETRY, "/callbacks?due=all");
}
