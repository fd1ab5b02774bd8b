/* The server's JSON body parsing: the checks every write route runs
 * (UTF-8, depth, one object, no duplicate keys), then the field
 * validators and the Open311 JSON-to-form path on what got through. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/fields.h"
#include "server/formdata.h"
#include "server/request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const known[] = {"given_name", "family_name", "status", "due_at",
                                    "confirmed_new", "address", "attribute", NULL};
static const char *const statuses[] = {"open", "in_progress", "closed", NULL};

/* Every refusal must reach the caller as a problem+json with its status:
 * a reply that could not be built (text cut inside a character makes
 * jansson refuse it) would go out as a bare 500 or nothing at all. */
static void check_problem(const Reply *r)
{
    json_t *p = r->body ? json_loadb(r->body, r->len, 0, NULL) : NULL;
    if (r->status < 400 || r->status > 499 || !json_is_object(p) ||
        json_integer_value(json_object_get(p, "status")) != r->status ||
        !json_is_string(json_object_get(p, "detail"))) {
        fprintf(stderr, "fuzz_json_body: refusal without a problem body (status %d)\n",
                r->status);
        abort();
    }
    json_decref(p);
}

/* A member the request does not accept must always be refused. */
static bool has_unknown(json_t *body)
{
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v) {
        bool ok = false;
        for (const char *const *k = known; *k && !ok; k++)
            ok = strcmp(*k, key) == 0;
        if (!ok)
            return true;
    }
    return false;
}

static void validate(json_t *body)
{
    Fields f;
    json_t *saved;
    time_t t;
    Reply r = {.status = 500};
    Fields_init(&f, json_incref(body));
    Fields_only(&f, known);
    Fields_string(&f, "given_name", true, 100);
    Fields_string(&f, "family_name", false, 100);
    Fields_enum(&f, "status", false, statuses);
    Fields_time(&f, "due_at", false, &t);
    Fields_bool(&f, "confirmed_new", false);
    if (Fields_enter(&f, "address", &saved)) {
        Fields_string(&f, "line1", true, 120);
        Fields_leave(&f, saved);
    }
    if (has_unknown(body) && Fields_ok(&f)) {
        fprintf(stderr, "fuzz_json_body: an unknown member got through\n");
        abort();
    }
    if (!Fields_ok(&f)) {
        Fields_reply(&f, &r);
        check_problem(&r);
    }
    Fields_close(&f);
    Reply_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Reply r = {.status = 500};
    json_t *body = Request_parse_json((const char *)data, size, &r);
    if (!body)
        check_problem(&r);
    Reply_free(&r);
    if (!body)
        return 0;
    validate(body);
    Formdata form = FORMDATA_INIT;
    const char *why;
    Formdata_from_json(&form, body, &why);
    Formdata_free(&form);
    json_decref(body);
    return 0;
}
