#include "client/customer/identity.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "client/core/app.h"
#include "client/core/ask.h"
#include "client/contact/contact.h"
#include "common/jsonx.h"

enum { MAX_METHODS = 3 };

static const struct {
    const char *code, *words;
} known[MAX_METHODS] = {
    {"date_of_birth", "date of birth"},
    {"postcode", "postcode"},
    {"reference", "reference"},
};

/* The check being asked: methods in order, the next to ask, and what the
 * caller got right so far. */
static struct {
    const char *methods[MAX_METHODS];
    size_t n, next;
    int required;
    json_t *right, *asked;
} run;

static const char *Identity_words(const char *code)
{
    for (size_t i = 0; i < MAX_METHODS; i++)
        if (strcmp(known[i].code, code) == 0)
            return known[i].words;
    return code;
}

static bool Identity_listed(const char *const *out, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (out[i] == code)
            return true;
    return false;
}

/* The next name in a comma-separated list from *p (NULL at the end); *p
 * moves past it. */
static const char *Identity_next(const char **p, size_t *len)
{
    *p += strspn(*p, " ,");
    *len = strcspn(*p, " ,");
    if (!*len)
        return NULL;
    const char *name = *p;
    *p += *len;
    return name;
}

/* The method code a name is, or NULL. */
static const char *Identity_known(const char *name, size_t len)
{
    for (size_t i = 0; i < MAX_METHODS; i++)
        if (strlen(known[i].code) == len && strncmp(name, known[i].code, len) == 0)
            return known[i].code;
    return NULL;
}

size_t Identity_methods(const char *config, const char **out, size_t max)
{
    size_t n = 0, len;
    const char *name, *code;
    for (const char *p = config ? config : ""; n < max && (name = Identity_next(&p, &len));)
        if ((code = Identity_known(name, len)) && !Identity_listed(out, n, code))
            out[n++] = code;
    return n;
}

/* Whether code is named in list before the name at. */
static bool Identity_named_before(const char *list, const char *at, const char *code)
{
    size_t len;
    const char *name;
    for (const char *p = list; (name = Identity_next(&p, &len)) && name < at;)
        if (Identity_known(name, len) == code)
            return true;
    return false;
}

const char *Identity_bad_name(const char *list, const char **p, size_t *len, bool *repeated)
{
    const char *name, *code;
    while ((name = Identity_next(p, len))) {
        code = Identity_known(name, *len);
        *repeated = code && Identity_named_before(list, name, code);
        if (!code || *repeated)
            return name;
    }
    return NULL;
}

const char *Identity_codes(void)
{
    static char list[120];
    size_t used = 0;
    if (list[0])
        return list;
    for (size_t i = 0; i < MAX_METHODS; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", known[i].code);
    return list;
}

/* "date of birth, postcode" from a list of codes. */
static void Identity_list(const json_t *codes, char *out, size_t cap)
{
    size_t i, used = 0;
    json_t *v;
    out[0] = '\0';
    json_array_foreach(codes, i, v)
        if (used < cap)
            used += (size_t)snprintf(out + used, cap - used, "%s%s", i ? ", " : "",
                                     Identity_words(json_string_value(v)));
}

static int Identity_required(size_t n)
{
    int want = app.cfg.identity_checks_required;
    return want > (int)n ? (int)n : want;
}

void Identity_banner(const char *customer_id, char *out, size_t cap)
{
    bool mine = contact.phase != CONTACT_NONE && strcmp(contact.customer_id, customer_id) == 0;
    const json_t *ic = mine ? contact.identity : NULL;
    const char *status = Jsonx_str(ic, "status", "not_checked");
    char how[200], keys[40];
    if (strcmp(status, "passed") == 0) {
        Identity_list(json_object_get(ic, "methods"), how, sizeof how);
        snprintf(out, cap, "   Identity checked: %s", how);
        return;
    }
    if (strcmp(status, "failed") == 0) {
        snprintf(out, cap, "!! IDENTITY NOT CONFIRMED: do not discuss account details");
        return;
    }
    const char *m[MAX_METHODS];
    size_t n = Identity_methods(app.cfg.identity_checks, m, MAX_METHODS);
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof how; i++)
        used += (size_t)snprintf(how + used, sizeof how - used, "%s%s", i ? ", " : "", Identity_words(m[i]));
    App_keys_hint(CTX_RECORD, ACT_CHECK_IDENTITY, keys, sizeof keys);
    snprintf(out, cap, "!  Identity not checked: ask %d of %s (%s)", Identity_required(n), how, keys);
}

static void Identity_finish(const char *status, json_t *methods)
{
    json_t *ic = json_pack("{s:s, s:O}", "status", status, "methods", methods);
    Contact_set_identity(ic);
    json_decref(ic);
    char how[200];
    Identity_list(methods, how, sizeof how);
    if (strcmp(status, "passed") == 0)
        App_message("Identity checked (%s): you may discuss the account.", how);
    else
        App_error("Identity NOT confirmed (asked: %s). Do not discuss account details.", how);
}

static void Identity_ask_next(void);

static void Identity_answer(void *data, int key)
{
    (void)data;
    if (!key) {
        App_message("Identity check stopped: the caller's identity is still not checked.");
    } else {
        const char *m = run.methods[run.next++];
        json_array_append_new(run.asked, json_string(m));
        if (key == 'y')
            json_array_append_new(run.right, json_string(m));
        int right = (int)json_array_size(run.right), left = (int)(run.n - run.next);
        if (right + left >= run.required && right < run.required) {
            Identity_ask_next();
            return;
        }
        Identity_finish(right >= run.required ? "passed" : "failed",
                        right >= run.required ? run.right : run.asked);
    }
    json_decref(run.right);
    json_decref(run.asked);
    run.right = run.asked = NULL;
}

static void Identity_ask_next(void)
{
    char q[300];
    snprintf(q, sizeof q, "Identity: did the caller give the right %s? y/n (need %d of %zu)",
             Identity_words(run.methods[run.next]), run.required, run.n);
    Ask(q, "yn", 0, Identity_answer, NULL);
}

void Identity_check(const char *customer_id)
{
    if (contact.phase != CONTACT_LIVE || strcmp(contact.customer_id, customer_id) != 0) {
        char keys[40];
        App_keys_hint(CTX_RECORD, ACT_START_CONTACT, keys, sizeof keys);
        App_error("Start the contact with this customer first (%s), then check who is calling.", keys);
        return;
    }
    json_decref(run.right);
    json_decref(run.asked);
    run.n = Identity_methods(app.cfg.identity_checks, run.methods, MAX_METHODS);
    run.next = 0;
    run.required = Identity_required(run.n);
    run.right = json_array();
    run.asked = json_array();
    if (!run.n) {
        App_error("No identity questions are configured (identity_checks).");
        return;
    }
    Identity_ask_next();
}
