/* GET /api/v1/customers (search) and GET /api/v1/customers/{id} (the
 * single view). Every record read and every search page is audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/jsonx.h"
#include "common/text.h"
#include "server/api.h"
#include "server/audit.h"
#include "server/roles.h"
#include "server/store/custsearch.h"
#include "server/store/customers.h"

/* q, limit and cursor checked; false when r is filled. */
static bool search_params(Request *rq, Reply *r, const char **q, long *limit, SearchCursor *cur)
{
    *q = Request_query(rq, "q");
    size_t len = *q ? strlen(*q) : 0;
    if (*q && !Text_utf8_valid(*q, len)) {
        Reply_invalid(r, "q", "The search text is not valid UTF-8; check the terminal's "
                              "character set.");
        return false;
    }
    if (!*q || Text_utf8_length(*q) > CUSTSEARCH_MAX_QUERY) {
        Reply_invalid(r, "q", "Type a name, postcode, phone number, e-mail or reference "
                              "(up to 200 characters).");
        return false;
    }
    char probe[CUSTSEARCH_MAX_QUERY * 4 + 1];
    if (Text_fold(*q, probe, sizeof probe, 0) == 0 && !strchr(*q, '@')) {
        Reply_invalid(r, "q", "Type at least one letter or digit to search.");
        return false;
    }
    if (!Request_int_param(rq, r, "limit", 1, 100, 25, limit))
        return false;
    const char *c = Request_query(rq, "cursor");
    cur->phase = 0;
    cur->after = 0;
    if (c && !Custsearch_parse_cursor(c, cur)) {
        Reply_invalid(r, "cursor", "The cursor is not one this server gave out; search again.");
        return false;
    }
    return true;
}

/* One page of results, read and audited in the transaction the caller
 * opened: one customer.search row linking everyone shown (the query is not
 * stored: it may be a name or a phone number). 0, -1 if the audit could not
 * be written (the transaction is gone), -2 if the search failed. */
static int search_page(Request *rq, const char *q, long limit, SearchCursor cur, json_t **page)
{
    SearchHit *hits = calloc((size_t)limit, sizeof *hits);
    bool more = false;
    int n = hits ? Custsearch_run(rq->db, q, &cur, hits, (int)limit, &more) : -1;
    if (n < 0) {
        free(hits);
        return -2;
    }
    json_t *items = json_array();
    AuditShown shown = {.n = 0};
    for (int i = 0; i < n; i++) {
        json_t *item = Customers_summary(rq->db, hits[i].id, hits[i].match);
        if (item && json_array_append_new(items, item) == 0)
            Audit_shown_add(&shown, hits[i].id);
    }
    free(hits);
    char next[48];
    Custsearch_format_cursor(&cur, next, sizeof next);
    *page = json_pack("{s:o, s:s?}", "items", items, "next_cursor", more ? next : NULL);
    return Audit_list(rq, "customer.search", NULL, &shown);
}

/* Dates of birth and addresses are shown, so the page is audited; the read
 * runs in a plain snapshot that takes the write lock only for a new audit
 * row, and is read again under the lock should another write have landed
 * in between. */
void Api_customer_search(Request *rq, Reply *r)
{
    const char *q;
    long limit;
    SearchCursor cur;
    if (!search_params(rq, r, &q, &limit, &cur))
        return;
    json_t *page = NULL;
    int rc = -1;
    for (int attempt = 0; rc == -1 && attempt < 2; attempt++) {
        json_decref(page);
        page = NULL;
        /* a search statement left mid-result would keep the stale snapshot */
        Db_release(rq->db);
        if (!Audit_list_begin(rq, r, attempt > 0))
            return;
        rc = search_page(rq, q, limit, cur, &page);
    }
    if (rc == -2) {
        json_decref(page);
        Db_rollback(rq->db);
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The search failed", "Try again shortly.");
        return;
    }
    Reply_json(r, 200, page);
    Audit_read_done(rq, r, rc);
}

/* ---- the single view ---------------------------------------------------- */

bool Api_parse_id(const char *s, long long *id)
{
    char *end;
    if (!s || !*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 18)
        return false;
    *id = strtoll(s, &end, 10);
    return *id > 0;
}

void Api_reply_not_found(Reply *r, const char *what)
{
    char title[96];
    snprintf(title, sizeof title, "No such %s", what);
    Reply_problem(r, 404, PROBLEM_NOT_FOUND, title,
                  "It may have been removed or the link is wrong; search again.");
}

void Api_etag(Reply *r, long long version)
{
    char etag[32];
    snprintf(etag, sizeof etag, "\"%lld\"", version);
    Reply_header(r, "ETag", etag);
}

void Api_customer_get(Request *rq, Reply *r)
{
    static const char *const vias[] = {"direct", "search", NULL};
    long long id, version = 0;
    int via;
    if (!Request_choice_param(rq, r, "via", vias, 0, &via) || !Audit_read_begin(rq, r))
        return;
    json_t *c = NULL;
    if (Api_parse_id(rq->params[0], &id))
        c = Customers_record(rq->db, id, rq->user.roles & ROLES_SEE_CAUTION_DETAIL, &version);
    if (!c) {
        Api_reply_not_found(r, "customer");
        Audit_read_done(rq, r, 0);
        return;
    }
    Reply_json(r, 200, c);
    Api_etag(r, version);
    Audit_read_done(rq, r, Audit_record(rq, "customer.read", id, vias[via]));
}

/* POST /api/v1/customers/{id}/reveal {"field": "..."}: a screen may mask a
 * field (a date of birth until the caller has given it, say); showing it is
 * a deliberate act, so it is audited. The reason behind a cautionary-contact
 * flag is only for the roles that may see it, and only this route gives it
 * to a client that had it masked. */
void Api_customer_reveal(Request *rq, Reply *r)
{
    static const char *const fields[] = {"date_of_birth", "phone", "mobile", "email",
                                         "accessibility_needs", "interpreter_language",
                                         "addresses", "service_accounts", "flags", NULL};
    long long id, version;
    int rc = 0;
    json_t *body = Request_json(rq, r), *rec = NULL;
    const char *field = body ? Jsonx_str(body, "field", NULL) : NULL;
    bool known = false;
    for (const char *const *f = fields; field && *f && !known; f++)
        known = strcmp(*f, field) == 0;
    if (!body || !Audit_read_begin(rq, r)) {
        json_decref(body);
        return;
    } else if (!known) {
        Reply_invalid(r, "field", "Name a field that can be revealed, e.g. date_of_birth.");
    } else if (strcmp(field, "flags") == 0 && !(rq->user.roles & ROLES_SEE_CAUTION_DETAIL)) {
        Reply_problem(r, 403, PROBLEM_FORBIDDEN, "Your role does not allow this",
                      "Cautionary-contact details are for the staff who deal with the customer.");
    } else if (!Api_parse_id(rq->params[0], &id) ||
               !(rec = Customers_record(rq->db, id, rq->user.roles & ROLES_SEE_CAUTION_DETAIL,
                                        &version))) {
        Api_reply_not_found(r, "customer");
    } else {
        Reply_json(r, 200, json_pack("{s:s, s:O}", "field", field, "value",
                                     json_object_get(rec, field)));
        rc = Audit_record(rq, "customer.reveal", id, field);
    }
    Audit_read_done(rq, r, rc);
    json_decref(rec);
    json_decref(body);
}
