#include "server/fields.h"

#include <stdio.h>
#include <string.h>

#include "common/jsonx.h"
#include "common/text.h"
#include "common/timefmt.h"

void Fields_init(Fields *f, json_t *body)
{
    f->body = body;
    f->errors = json_array();
    f->prefix = NULL;
}

bool Fields_open(Fields *f, const Request *rq, Reply *r, const char *const *known)
{
    json_t *body = Request_json(rq, r);
    Fields_init(f, body);
    if (!body) {
        Fields_free(f); /* nothing to close: the caller just returns */
        return false;
    }
    if (known)
        Fields_only(f, known);
    return true;
}

void Fields_close(Fields *f)
{
    json_decref(f->body);
    f->body = NULL;
    Fields_free(f);
}

/* Field names can be what the caller sent (an unknown member), so copies
 * end on a whole character: an error jansson refused to build would be
 * lost, and the request let through (tests/fuzz checks this). */
void Fields_error(Fields *f, const char *field, const char *message)
{
    char name[128];
    Text_format(name, sizeof name, "%s%s", f->prefix ? f->prefix : "", field);
    json_t *e = json_pack("{s:s, s:s}", "field", name, "message", message);
    json_array_append_new(f->errors, e ? e : json_pack("{s:s, s:s}", "field", "?", "message",
                                                       "Check the fields."));
}

bool Fields_enter(Fields *f, const char *name, json_t **saved)
{
    static _Thread_local char prefix[64];
    json_t *inner = json_object_get(f->body, name);
    if (!json_is_object(inner))
        return false;
    snprintf(prefix, sizeof prefix, "%s.", name);
    *saved = f->body;
    f->body = inner;
    f->prefix = prefix;
    return true;
}

void Fields_leave(Fields *f, json_t *saved)
{
    f->body = saved;
    f->prefix = NULL;
}

static json_t *present(Fields *f, const char *key, bool required)
{
    json_t *v = json_object_get(f->body, key);
    if (v && !json_is_null(v))
        return v;
    if (required) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s is required.", key);
        Fields_error(f, key, msg);
    }
    return NULL;
}

const char *Fields_string(Fields *f, const char *key, bool required, size_t maxlen)
{
    json_t *v = present(f, key, required);
    if (!v)
        return NULL;
    char msg[160];
    const char *s = json_string_value(v);
    if (!s) {
        snprintf(msg, sizeof msg, "%s must be text.", key);
    } else if (Text_utf8_length(s) > maxlen) {
        snprintf(msg, sizeof msg, "%s is too long (at most %zu characters).", key, maxlen);
    } else if (strspn(s, " \t\r\n") == strlen(s)) {
        snprintf(msg, sizeof msg, "%s must not be empty.", key);
    } else {
        return s;
    }
    Fields_error(f, key, msg);
    return NULL;
}

const char *Fields_enum(Fields *f, const char *key, bool required, const char *const *allowed)
{
    const char *s = Fields_string(f, key, required, 64);
    if (!s)
        return NULL;
    for (const char *const *a = allowed; *a; a++)
        if (strcmp(*a, s) == 0)
            return s;
    char msg[512];
    size_t used = (size_t)snprintf(msg, sizeof msg, "%s must be one of:", key);
    for (const char *const *a = allowed; *a && used < sizeof msg; a++)
        used += (size_t)snprintf(msg + used, sizeof msg - used, " %s", *a);
    Fields_error(f, key, msg);
    return NULL;
}

bool Fields_time(Fields *f, const char *key, bool required, time_t *out)
{
    json_t *v = present(f, key, required);
    if (!v)
        return false;
    if (json_is_string(v) && Timefmt_parse(json_string_value(v), out))
        return true;
    char msg[128];
    snprintf(msg, sizeof msg, "%s must be an RFC 3339 time such as 2026-11-23T14:05:00Z.", key);
    Fields_error(f, key, msg);
    return false;
}

bool Fields_bool(Fields *f, const char *key, bool fallback)
{
    json_t *v = json_object_get(f->body, key);
    if (!v || json_is_null(v))
        return fallback;
    if (json_is_boolean(v))
        return json_is_true(v);
    char msg[96];
    snprintf(msg, sizeof msg, "%s must be true or false.", key);
    Fields_error(f, key, msg);
    return fallback;
}

void Fields_only(Fields *f, const char *const *known)
{
    const char *key;
    json_t *v;
    json_object_foreach(f->body, key, v) {
        bool ok = false;
        for (const char *const *k = known; *k && !ok; k++)
            ok = strcmp(*k, key) == 0;
        if (!ok) {
            char shown[65], msg[160];
            Text_format(shown, sizeof shown, "%s", key);
            Text_format(msg, sizeof msg, "%s is not a field this request accepts.", shown);
            Fields_error(f, key, msg);
        }
    }
}

char *Fields_response(Fields *f, const char *key)
{
    json_t *t = json_object_get(f->body, key);
    if (!t || json_is_null(t))
        return NULL;
    if (json_is_object(t) && strcmp(Jsonx_str(t, "resourceType", ""), "QuestionnaireResponse") == 0)
        return Jsonx_dump(t);
    char message[96];
    snprintf(message, sizeof message, "%s must be a FHIR QuestionnaireResponse.", key);
    Fields_error(f, key, message);
    return NULL;
}

bool Fields_ok(const Fields *f)
{
    return json_array_size(f->errors) == 0;
}

void Fields_reply(Fields *f, Reply *r)
{
    const char *first = Jsonx_str(json_array_get(f->errors, 0), "message", "Check the fields.");
    char detail[256];
    snprintf(detail, sizeof detail, "%s", first);
    Reply_problem_fields(r, 400, PROBLEM_VALIDATION, "The request has invalid fields", detail,
                         f->errors);
    f->errors = NULL;
}

void Fields_free(Fields *f)
{
    json_decref(f->errors);
    f->errors = NULL;
}
