/* GET /api/v1/customers (search) and GET /api/v1/customers/{id} (the
 * single view). Every record read and every search page is audited. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/jsonx.h"
#include "common/localday.h"
#include "common/text.h"
#include "common/timefmt.h"
#include "server/api.h"
#include "server/audit.h"
#include "server/store/custsearch.h"
#include "server/roles.h"

/* Bytes for a title, given and family name (20 + 100 + 100 characters) and
 * for "line1, town" (120 + 80), at up to 4 bytes a character; Text_format
 * still ends on a whole character should older rows be longer. */
#define DISPLAY_NAME_MAX 1024
#define ADDRESS_LINE_MAX 1024

static const char SQL_SUMMARY[] =
    "SELECT c.id, c.customer_ref, c.title, c.given_name, c.family_name, c.date_of_birth,"
    " c.email, a.line1, a.town, a.postcode"
    " FROM customers c LEFT JOIN addresses a ON a.customer_id = c.id AND a.position = 0"
    " WHERE c.id = ?1";
static const char SQL_FLAG_CODES[] =
    "SELECT code FROM customer_flags WHERE customer_id = ?1 ORDER BY id";
static const char SQL_CUSTOMER[] =
    "SELECT id, customer_ref, title, given_name, family_name, date_of_birth, phone, mobile,"
    " email, preferred_channel, language, interpreter_language, accessibility_needs,"
    " updated_at, version FROM customers WHERE id = ?1";
static const char SQL_ADDRESSES[] =
    "SELECT kind, line1, line2, town, postcode FROM addresses WHERE customer_id = ?1"
    " ORDER BY position";
static const char SQL_ACCOUNTS[] =
    "SELECT type, reference, status FROM service_accounts WHERE customer_id = ?1 ORDER BY id";
static const char SQL_FLAGS[] =
    "SELECT code, detail, since FROM customer_flags WHERE customer_id = ?1 ORDER BY id";

static const struct { const char *code, *label; } labels[] = {
    {"cautionary_contact", "Cautionary contact"}, {"vulnerable_adult", "Vulnerable adult"},
    {"needs_interpreter", "Needs interpreter"},   {"hearing_impaired", "Hearing impaired"},
    {"council_tax", "Council tax"},               {"waste", "Waste collection"},
    {"parking_permit", "Parking permit"},         {"blue_badge", "Blue badge"},
    {"housing_benefit", "Housing benefit"},
};

static const char *label_for(const char *code)
{
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        if (strcmp(labels[i].code, code) == 0)
            return labels[i].label;
    return code;
}

static void display_name(DbStmt *st, int title_col, char *out, size_t cap)
{
    const char *title = Db_col_text(st, title_col);
    Text_format(out, cap, "%s%s%s %s", title ? title : "", title ? " " : "",
             Db_col_text(st, title_col + 1), Db_col_text(st, title_col + 2));
}

static json_t *flag_codes(Db *db, long long id)
{
    json_t *codes = json_array();
    DbStmt *st = Db_stmt(db, SQL_FLAG_CODES);
    if (!st)
        return codes;
    Db_bind_int64(st, 1, id);
    while (Db_step(st) == DB_ROW)
        json_array_append_new(codes, json_string(Db_col_text(st, 0)));
    Db_reset(st);
    return codes;
}

static json_t *summary_json(Db *db, const SearchHit *hit)
{
    DbStmt *st = Db_stmt(db, SQL_SUMMARY);
    if (!st)
        return NULL;
    Db_bind_int64(st, 1, hit->id);
    if (Db_step(st) != DB_ROW) {
        Db_reset(st);
        return NULL;
    }
    char id[24], name[DISPLAY_NAME_MAX], line[ADDRESS_LINE_MAX];
    snprintf(id, sizeof id, "%lld", hit->id);
    display_name(st, 2, name, sizeof name);
    const char *line1 = Db_col_text(st, 7), *town = Db_col_text(st, 8);
    Text_format(line, sizeof line, "%s%s%s", line1 ? line1 : "", line1 && town ? ", " : "",
             town ? town : "");
    json_t *item = json_pack(
        "{s:s, s:s, s:s, s:s?, s:s, s:s?, s:b, s:s}", "id", id, "customer_ref",
        Db_col_text(st, 1), "display_name", name, "date_of_birth", Db_col_text(st, 5),
        "address_line", line, "postcode", Db_col_text(st, 9), "has_email",
        !Db_col_is_null(st, 6), "match", hit->match);
    Db_reset(st);
    if (item)
        json_object_set_new(item, "flags", flag_codes(db, hit->id));
    return item;
}

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
        json_t *item = summary_json(rq->db, &hits[i]);
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

typedef json_t *(*RowToJson)(DbStmt *st, const Request *rq);

static json_t *rows_json(Request *rq, const char *sql, long long id, RowToJson conv)
{
    json_t *arr = json_array();
    DbStmt *st = Db_stmt(rq->db, sql);
    if (!st)
        return arr;
    Db_bind_int64(st, 1, id);
    while (Db_step(st) == DB_ROW)
        json_array_append_new(arr, conv(st, rq));
    Db_reset(st);
    return arr;
}

static json_t *address_json(DbStmt *st, const Request *rq)
{
    return json_pack("{s:s, s:s, s:s?, s:s, s:s}", "kind", Db_col_text(st, 0), "line1",
                     Db_col_text(st, 1), "line2", Db_col_text(st, 2), "town",
                     Db_col_text(st, 3), "postcode", Db_col_text(st, 4));
}

static json_t *account_json(DbStmt *st, const Request *rq)
{
    const char *type = Db_col_text(st, 0);
    return json_pack("{s:s, s:s, s:s, s:s}", "type", type, "label", label_for(type),
                     "reference", Db_col_text(st, 1), "status", Db_col_text(st, 2));
}

/* The reason behind a cautionary contact is for the people who deal with
 * the customer; others learn only that the flag is there. */
static json_t *flag_json(DbStmt *st, const Request *rq)
{
    const char *code = Db_col_text(st, 0);
    bool restricted = strcmp(code, "cautionary_contact") == 0 &&
                      !(rq->user.roles & ROLES_SEE_CAUTION_DETAIL);
    return json_pack("{s:s, s:s, s:s?, s:b, s:s?}", "code", code, "label", label_for(code),
                     "detail", restricted ? NULL : Db_col_text(st, 1), "restricted",
                     restricted, "since", Db_col_text(st, 2));
}

static json_t *customer_json(Request *rq, DbStmt *st, long long id)
{
    char sid[24], name[DISPLAY_NAME_MAX];
    snprintf(sid, sizeof sid, "%lld", id);
    display_name(st, 2, name, sizeof name);
    json_t *c = json_pack(
        "{s:s, s:s, s:s?, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s, s:s, s:s?, s:s?, s:b, s:s}",
        "id", sid, "customer_ref", Db_col_text(st, 1), "title", Db_col_text(st, 2),
        "given_name", Db_col_text(st, 3), "family_name", Db_col_text(st, 4), "display_name",
        name, "date_of_birth", Db_col_text(st, 5), "phone", Db_col_text(st, 6), "mobile",
        Db_col_text(st, 7), "email", Db_col_text(st, 8), "preferred_channel",
        Db_col_text(st, 9), "language", Db_col_text(st, 10), "interpreter_language",
        Db_col_text(st, 11), "accessibility_needs", Db_col_text(st, 12),
        "digitally_excluded", Db_col_is_null(st, 8), "updated_at",
        Db_col_text(st, 13));
    return c;
}


static const char SQL_RECENT_CONTACTS[] =
    "SELECT c.id, c.channel, c.started_at, c.outcome, c.wrap_code, w.label, u.display_name,"
    " c.avoidable FROM contacts c JOIN wrap_codes w ON w.code = c.wrap_code"
    " JOIN users u ON u.id = c.advisor_id WHERE c.customer_id = ?1 ORDER BY c.id DESC LIMIT 5";
static const char SQL_OPEN_CASES[] =
    "SELECT c.ref, c.summary, c.status, c.priority, s.name, t.name, c.due_at, c.created_at"
    " FROM cases c JOIN services s ON s.code = c.service_code JOIN teams t ON t.code = c.team_code"
    " WHERE c.customer_id = ?1 AND c.status NOT IN ('resolved', 'closed') ORDER BY c.id DESC";
static const char SQL_CONTACTS_SINCE[] =
    "SELECT COUNT(*) FROM contacts WHERE customer_id = ?1 AND started_at >= ?2";

static json_t *contact_brief_json(DbStmt *st, const Request *rq)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)Db_col_int64(st, 0));
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "id", id, "channel",
                     Db_col_text(st, 1), "started_at", Db_col_text(st, 2), "outcome",
                     Db_col_text(st, 3), "wrap_code", Db_col_text(st, 4), "wrap_label",
                     Db_col_text(st, 5), "advisor", Db_col_text(st, 6), "avoidable",
                     Db_col_int(st, 7) != 0);
}

static json_t *open_case_json(DbStmt *st, const Request *rq)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "ref", Db_col_text(st, 0),
                     "summary", Db_col_text(st, 1), "status", Db_col_text(st, 2), "priority",
                     Db_col_text(st, 3), "service", Db_col_text(st, 4), "team",
                     Db_col_text(st, 5), "due_at", Db_col_text(st, 6), "created_at",
                     Db_col_text(st, 7));
}

/* How many times the customer has been in touch in the last 7 days:
 * the single view warns about repeat callers. */
static long long contacts_last_week(Db *db, long long id)
{
    char since[TIMEFMT_LEN];
    Timefmt_utc(Localday_add(time(NULL), -7), since);  /* 7 local days, 167-169 hours */
    DbStmt *st = Db_stmt(db, SQL_CONTACTS_SINCE);
    long long n = 0;
    if (!st)
        return 0;
    Db_bind_int64(st, 1, id);
    Db_bind_text(st, 2, since);
    if (Db_step(st) == DB_ROW)
        n = Db_col_int64(st, 0);
    Db_reset(st);
    return n;
}

json_t *Api_customer_record(Request *rq, long long id, long long *version)
{
    DbStmt *st = Db_stmt(rq->db, SQL_CUSTOMER);
    if (!st)
        return NULL;
    Db_bind_int64(st, 1, id);
    if (Db_step(st) != DB_ROW) {
        Db_reset(st);
        return NULL;
    }
    json_t *c = customer_json(rq, st, id);
    *version = Db_col_int64(st, 14);
    Db_reset(st);
    json_object_set_new(c, "version", json_integer(*version));
    json_object_set_new(c, "addresses", rows_json(rq, SQL_ADDRESSES, id, address_json));
    json_object_set_new(c, "service_accounts", rows_json(rq, SQL_ACCOUNTS, id, account_json));
    json_object_set_new(c, "flags", rows_json(rq, SQL_FLAGS, id, flag_json));
    json_object_set_new(c, "open_cases", rows_json(rq, SQL_OPEN_CASES, id, open_case_json));
    json_object_set_new(c, "recent_contacts", rows_json(rq, SQL_RECENT_CONTACTS, id,
                                                        contact_brief_json));
    json_object_set_new(c, "contacts_last_7_days", json_integer(contacts_last_week(rq->db, id)));
    return c;
}

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
    json_t *c = Api_parse_id(rq->params[0], &id) ? Api_customer_record(rq, id, &version) : NULL;
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
    } else if (!Api_parse_id(rq->params[0], &id) || !(rec = Api_customer_record(rq, id, &version))) {
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
