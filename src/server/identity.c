#include "server/identity.h"

#include <string.h>

#include "common/jsonx.h"

static const char *const statuses[] = {"passed", "failed", "not_checked", NULL};
static const char *const methods[] = {"date_of_birth", "postcode", "reference", NULL};

static bool Identity_known(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

/* Known methods, none twice; false (with an error) otherwise. */
static bool Identity_methods_ok(Fields *f, const json_t *m)
{
    size_t i;
    json_t *v;
    if (m && !json_is_array(m)) {
        Fields_error(f, "identity_check.methods", "methods must be a list.");
        return false;
    }
    json_array_foreach(m, i, v) {
        const char *s = json_string_value(v);
        bool twice = false;
        for (size_t k = 0; s && k < i; k++)
            twice = twice || strcmp(s, json_string_value(json_array_get(m, k))) == 0;
        if (!s || !Identity_known(methods, s) || twice) {
            Fields_error(f, "identity_check.methods",
                         "Each method is one of date_of_birth, postcode, reference, once.");
            return false;
        }
    }
    return true;
}

/* The stored form, compact; takes m (may be NULL). */
static char *Identity_dump(const char *status, json_t *m)
{
    json_t *v = json_pack("{s:s, s:o}", "status", status, "methods", m ? m : json_array());
    char *text = v ? Jsonx_dump(v) : NULL;
    json_decref(v);
    return text;
}

char *Identity_read(Fields *f)
{
    json_t *ic = json_object_get(f->body, "identity_check");
    if (!ic || json_is_null(ic))
        return Identity_dump("not_checked", NULL);
    const char *status = json_string_value(json_object_get(ic, "status"));
    json_t *m = json_object_get(ic, "methods");
    if (!json_is_object(ic) || json_object_size(ic) > 2 || !status || !Identity_known(statuses, status)) {
        Fields_error(f, "identity_check", "identity_check needs status passed, failed or "
                     "not_checked, and the methods used.");
        return NULL;
    }
    if (!Identity_methods_ok(f, m))
        return NULL;
    size_t n = json_array_size(m);
    if ((strcmp(status, "passed") == 0 && n == 0) || (strcmp(status, "not_checked") == 0 && n)) {
        Fields_error(f, "identity_check.methods", "A passed check names its methods; "
                     "one not made names none.");
        return NULL;
    }
    return Identity_dump(status, m ? json_deep_copy(m) : NULL);
}

json_t *Identity_json(const char *stored)
{
    json_t *v = stored ? json_loads(stored, 0, NULL) : NULL;
    return json_is_object(v) ? v : json_pack("{s:s, s:[]}", "status", "not_checked", "methods");
}
