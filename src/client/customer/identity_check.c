/* identity_check: the identity check on the live contact (issue 9.6):
 * the record's line about it, and the questions put to the advisor one at
 * a time on the message line; the answer goes on the contact. */
#include "client/customer/identity_check.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "client/contact/contact.h"
#include "client/core/app.h"
#include "client/core/ask.h"
#include "client/customer/identity.h"
#include "common/jsonx.h"

/* The check being asked: methods in order, the next to ask, and what the
 * caller got right so far. */
static struct {
    const char *methods[IDENTITY_MAX_METHODS];
    size_t n, next;
    int required;
    json_t *right, *asked;
} run;

/* "date of birth, postcode" from a list of codes. */
static void IdentityCheck_list(const json_t *codes, char *out, size_t cap)
{
    size_t i, used = 0;
    json_t *v;
    out[0] = '\0';
    json_array_foreach(codes, i, v)
        if (used < cap)
            used += (size_t)snprintf(out + used, cap - used, "%s%s", i ? ", " : "",
                                     Identity_words(json_string_value(v)));
}

static int IdentityCheck_required(size_t n)
{
    int want = app.cfg.identity_checks_required;
    return want > (int)n ? (int)n : want;
}

void IdentityCheck_banner(const char *customer_id, char *out, size_t cap)
{
    bool mine = contact.phase != CONTACT_NONE && strcmp(contact.customer_id, customer_id) == 0;
    const json_t *ic = mine ? contact.identity : NULL;
    const char *status = Jsonx_str(ic, "status", "not_checked");
    char how[200], keys[40];
    if (strcmp(status, "passed") == 0) {
        IdentityCheck_list(json_object_get(ic, "methods"), how, sizeof how);
        snprintf(out, cap, "   Identity checked: %s", how);
        return;
    }
    if (strcmp(status, "failed") == 0) {
        snprintf(out, cap, "!! IDENTITY NOT CONFIRMED: do not discuss account details");
        return;
    }
    const char *m[IDENTITY_MAX_METHODS];
    size_t n = Identity_methods(app.cfg.identity_checks, m, IDENTITY_MAX_METHODS);
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof how; i++)
        used += (size_t)snprintf(how + used, sizeof how - used, "%s%s", i ? ", " : "", Identity_words(m[i]));
    App_keys_hint(CTX_RECORD, ACT_CHECK_IDENTITY, keys, sizeof keys);
    snprintf(out, cap, "!  Identity not checked: ask %d of %s (%s)", IdentityCheck_required(n), how, keys);
}

static void IdentityCheck_finish(const char *status, json_t *methods)
{
    json_t *ic = json_pack("{s:s, s:O}", "status", status, "methods", methods);
    Contact_set_identity(ic);
    json_decref(ic);
    char how[200];
    IdentityCheck_list(methods, how, sizeof how);
    if (strcmp(status, "passed") == 0)
        App_message("Identity checked (%s): you may discuss the account.", how);
    else
        App_error("Identity NOT confirmed (asked: %s). Do not discuss account details.", how);
}

static void IdentityCheck_ask_next(void);

static void IdentityCheck_answer(void *data, int key)
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
            IdentityCheck_ask_next();
            return;
        }
        IdentityCheck_finish(right >= run.required ? "passed" : "failed",
                        right >= run.required ? run.right : run.asked);
    }
    json_decref(run.right);
    json_decref(run.asked);
    run.right = run.asked = NULL;
}

static void IdentityCheck_ask_next(void)
{
    char q[300];
    snprintf(q, sizeof q, "Identity: did the caller give the right %s? y/n (need %d of %zu)",
             Identity_words(run.methods[run.next]), run.required, run.n);
    Ask(q, "yn", 0, IdentityCheck_answer, NULL);
}

void IdentityCheck_ask(const char *customer_id)
{
    if (contact.phase != CONTACT_LIVE || strcmp(contact.customer_id, customer_id) != 0) {
        char keys[40];
        App_keys_hint(CTX_RECORD, ACT_START_CONTACT, keys, sizeof keys);
        App_error("Start the contact with this customer first (%s), then check who is calling.", keys);
        return;
    }
    json_decref(run.right);
    json_decref(run.asked);
    run.n = Identity_methods(app.cfg.identity_checks, run.methods, IDENTITY_MAX_METHODS);
    run.next = 0;
    run.required = IdentityCheck_required(run.n);
    run.right = json_array();
    run.asked = json_array();
    if (!run.n) {
        App_error("No identity questions are configured (identity_checks).");
        return;
    }
    IdentityCheck_ask_next();
}
