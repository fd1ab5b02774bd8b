/* customers: see customers.h. */
#include "client/api/customers.h"

#include <stdio.h>

#include "client/api/api_int.h"
#include "client/api/write.h"

/* "&cursor=..." for the next page, or "" for the first. */
static const char *cursor_param(const char *cursor, char *out, size_t cap)
{
    char e[512];
    if (!cursor)
        return "";
    Api_escape(cursor, e, sizeof e);
    snprintf(out, cap, "&cursor=%s", e);
    return out;
}

ApiCall *ApiCustomers_search(ApiTo to, const char *words, int limit, const char *cursor)
{
    char q[1024], c[600];
    Api_escape(words, q, sizeof q);
    return Api_send(to, "GET", NULL, API_RETRY, "/customers?q=%s&limit=%d%s", q, limit,
                    cursor_param(cursor, c, sizeof c));
}

ApiCall *ApiCustomers_get(ApiTo to, const char *id)
{
    return Api_send_id(to, "GET", NULL, API_RETRY, "/customers/%s", id);
}

ApiCall *ApiCustomers_reveal_flags(ApiTo to, const char *id)
{
    return Api_send_id(to, "POST", json_pack("{s:s}", "field", "flags"), 0, "/customers/%s/reveal", id);
}

ApiCall *ApiCustomers_contacts(ApiTo to, const char *id, int limit, const char *cursor)
{
    char e[400], c[600];
    Api_escape(id, e, sizeof e);
    return Api_send(to, "GET", NULL, API_RETRY, "/customers/%s/contacts?limit=%d%s", e, limit,
                    cursor_param(cursor, c, sizeof c));
}

ApiCall *ApiCustomers_matches(ApiTo to, const CustomerMatch *m)
{
    const char *name[] = {"given_name", "family_name", "postcode", "phone", "email"};
    const char *val[] = {m->given_name, m->family_name, m->postcode, m->phone, m->email};
    char query[1200] = "";
    size_t len = 0;
    for (int i = 0; i < 5; i++) {
        char esc[300];
        Api_escape(val[i] ? val[i] : "", esc, sizeof esc);
        if (i < 3 || esc[0])   /* the name and postcode always; phone, email when known */
            len += (size_t)snprintf(query + len, sizeof query - len, "%s%s=%s", i ? "&" : "", name[i], esc);
    }
    return Api_send(to, "GET", NULL, 0, "/customers/matches?%s", query);
}

static json_t *ApiCustomers_address(const CustomerDraft *d)
{
    json_t *a = json_pack("{s:s, s:s, s:s}", "line1", d->address.line1, "town",
                          d->address.town ? d->address.town : "", "postcode",
                          d->address.postcode ? d->address.postcode : "");
    if (d->address.line2 && d->address.line2[0])
        json_object_set_new(a, "line2", json_string(d->address.line2));
    return a;
}

int ApiCustomers_create(const CustomerDraft *d, const char *label, const char *again, char *id_out)
{
    json_t *b = json_object();
    const char *key[] = {"title", "given_name", "family_name", "phone", "email"};
    const char *val[] = {d->title, d->given_name, d->family_name, d->phone, d->email};
    for (int i = 0; i < 5; i++)
        if (val[i] && val[i][0])
            json_object_set_new(b, key[i], json_string(val[i]));
    json_object_set_new(b, "address", ApiCustomers_address(d));
    if (d->confirmed_new)
        json_object_set_new(b, "confirmed_new", json_true());
    if (!again)
        return ApiWrite_new("customer.create", "POST", "/customers", -1, b, label, id_out);
    int rc = ApiWrite_again(again, b, id_out);
    json_decref(b);
    return rc;
}

int ApiCustomers_update(const char *id, long long version, const CustomerDraft *d, const char *label,
                        char *id_out)
{
    json_t *b = json_object();
    const char *key[] = {"phone", "mobile", "email", "preferred_channel", "accessibility_needs"};
    const char *val[] = {d->phone, d->mobile, d->email, d->preferred_channel, d->accessibility_needs};
    for (int i = 0; i < 5; i++)
        if (val[i])
            json_object_set_new(b, key[i], val[i][0] ? json_string(val[i]) : json_null());
    if (d->address.line1)
        json_object_set_new(b, "address", ApiCustomers_address(d));
    char path[512], e[400];
    Api_escape(id, e, sizeof e);
    snprintf(path, sizeof path, "/customers/%s", e);
    return ApiWrite_new("customer.update", "PATCH", path, version, b, label, id_out);
}
