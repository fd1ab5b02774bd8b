/* customers: reading customer records (customers.h). */
#include "server/store/customers.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/localday.h"
#include "common/text.h"
#include "common/timefmt.h"
#include "server/store/db.h"

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
static const char SQL_VERSION[] = "SELECT version FROM customers WHERE id = ?1";
static const char SQL_MATCH_IDENT[] =
    "SELECT DISTINCT i.customer_id, c.given_name, c.family_name FROM customer_ident i"
    " JOIN customers c ON c.id = i.customer_id WHERE i.value IN (?1, ?2, ?3) LIMIT 200";

/* The one list of flag and service-account labels: the client shows what
 * the record sends. */
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

json_t *Customers_summary(Db *db, long long id, const char *match)
{
    DbStmt *st = Db_stmt(db, SQL_SUMMARY);
    if (!st)
        return NULL;
    Db_bind_int64(st, 1, id);
    if (Db_step(st) != DB_ROW) {
        Db_reset(st);
        return NULL;
    }
    char sid[24], name[DISPLAY_NAME_MAX], line[ADDRESS_LINE_MAX];
    snprintf(sid, sizeof sid, "%lld", id);
    display_name(st, 2, name, sizeof name);
    const char *line1 = Db_col_text(st, 7), *town = Db_col_text(st, 8);
    Text_format(line, sizeof line, "%s%s%s", line1 ? line1 : "", line1 && town ? ", " : "",
             town ? town : "");
    json_t *item = json_pack(
        "{s:s, s:s, s:s, s:s?, s:s, s:s?, s:b, s:s}", "id", sid, "customer_ref",
        Db_col_text(st, 1), "display_name", name, "date_of_birth", Db_col_text(st, 5),
        "address_line", line, "postcode", Db_col_text(st, 9), "has_email",
        !Db_col_is_null(st, 6), "match", match);
    Db_reset(st);
    if (item)
        json_object_set_new(item, "flags", flag_codes(db, id));
    return item;
}

/* ---- the single view ---------------------------------------------------- */

typedef json_t *(*RowToJson)(DbStmt *st, bool see_caution_detail);

static json_t *rows_json(Db *db, const char *sql, long long id, RowToJson conv, bool see)
{
    json_t *arr = json_array();
    DbStmt *st = Db_stmt(db, sql);
    if (!st)
        return arr;
    Db_bind_int64(st, 1, id);
    while (Db_step(st) == DB_ROW)
        json_array_append_new(arr, conv(st, see));
    Db_reset(st);
    return arr;
}

static json_t *address_json(DbStmt *st, bool see)
{
    return json_pack("{s:s, s:s, s:s?, s:s, s:s}", "kind", Db_col_text(st, 0), "line1",
                     Db_col_text(st, 1), "line2", Db_col_text(st, 2), "town",
                     Db_col_text(st, 3), "postcode", Db_col_text(st, 4));
}

static json_t *account_json(DbStmt *st, bool see)
{
    const char *type = Db_col_text(st, 0);
    return json_pack("{s:s, s:s, s:s, s:s}", "type", type, "label", label_for(type),
                     "reference", Db_col_text(st, 1), "status", Db_col_text(st, 2));
}

/* The reason behind a cautionary contact is for the people who deal with
 * the customer; others learn only that the flag is there. */
static json_t *flag_json(DbStmt *st, bool see_caution_detail)
{
    const char *code = Db_col_text(st, 0);
    bool restricted = strcmp(code, "cautionary_contact") == 0 && !see_caution_detail;
    return json_pack("{s:s, s:s, s:s?, s:b, s:s?}", "code", code, "label", label_for(code),
                     "detail", restricted ? NULL : Db_col_text(st, 1), "restricted",
                     restricted, "since", Db_col_text(st, 2));
}

static json_t *contact_brief_json(DbStmt *st, bool see)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)Db_col_int64(st, 0));
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "id", id, "channel",
                     Db_col_text(st, 1), "started_at", Db_col_text(st, 2), "outcome",
                     Db_col_text(st, 3), "wrap_code", Db_col_text(st, 4), "wrap_label",
                     Db_col_text(st, 5), "advisor", Db_col_text(st, 6), "avoidable",
                     Db_col_int(st, 7) != 0);
}

static json_t *open_case_json(DbStmt *st, bool see)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "ref", Db_col_text(st, 0),
                     "summary", Db_col_text(st, 1), "status", Db_col_text(st, 2), "priority",
                     Db_col_text(st, 3), "service", Db_col_text(st, 4), "team",
                     Db_col_text(st, 5), "due_at", Db_col_text(st, 6), "created_at",
                     Db_col_text(st, 7));
}

static json_t *customer_json(DbStmt *st, long long id)
{
    char sid[24], name[DISPLAY_NAME_MAX];
    snprintf(sid, sizeof sid, "%lld", id);
    display_name(st, 2, name, sizeof name);
    return json_pack(
        "{s:s, s:s, s:s?, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s, s:s, s:s?, s:s?, s:b, s:s}",
        "id", sid, "customer_ref", Db_col_text(st, 1), "title", Db_col_text(st, 2),
        "given_name", Db_col_text(st, 3), "family_name", Db_col_text(st, 4), "display_name",
        name, "date_of_birth", Db_col_text(st, 5), "phone", Db_col_text(st, 6), "mobile",
        Db_col_text(st, 7), "email", Db_col_text(st, 8), "preferred_channel",
        Db_col_text(st, 9), "language", Db_col_text(st, 10), "interpreter_language",
        Db_col_text(st, 11), "accessibility_needs", Db_col_text(st, 12),
        "digitally_excluded", Db_col_is_null(st, 8), "updated_at",
        Db_col_text(st, 13));
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

json_t *Customers_record(Db *db, long long id, bool see, long long *version)
{
    DbStmt *st = Db_stmt(db, SQL_CUSTOMER);
    if (!st)
        return NULL;
    Db_bind_int64(st, 1, id);
    if (Db_step(st) != DB_ROW) {
        Db_reset(st);
        return NULL;
    }
    json_t *c = customer_json(st, id);
    *version = Db_col_int64(st, 14);
    Db_reset(st);
    json_object_set_new(c, "version", json_integer(*version));
    json_object_set_new(c, "addresses", rows_json(db, SQL_ADDRESSES, id, address_json, see));
    json_object_set_new(c, "service_accounts", rows_json(db, SQL_ACCOUNTS, id, account_json, see));
    json_object_set_new(c, "flags", rows_json(db, SQL_FLAGS, id, flag_json, see));
    json_object_set_new(c, "open_cases", rows_json(db, SQL_OPEN_CASES, id, open_case_json, see));
    json_object_set_new(c, "recent_contacts", rows_json(db, SQL_RECENT_CONTACTS, id,
                                                        contact_brief_json, see));
    json_object_set_new(c, "contacts_last_7_days", json_integer(contacts_last_week(db, id)));
    return c;
}

long long Customers_version(Db *db, long long id)
{
    long long v;
    return Db_lookup_int(db, SQL_VERSION, NULL, id, &v) ? v : -1;
}

/* ---- the duplicate check ------------------------------------------------ */

static json_t *duplicate_json(long long id, const char *given, const char *family)
{
    char sid[24];
    snprintf(sid, sizeof sid, "%lld", id);
    return json_pack("{s:s, s:s, s:s}", "id", sid, "given_name", given, "family_name", family);
}

json_t *Customers_duplicates(Db *db, const char *given, const char *family,
                             const char *const idents[3])
{
    char want_g[512], want_f[512], g[512], fam[512];
    Text_fold(given, want_g, sizeof want_g, FOLD_JOIN_APOSTROPHE | FOLD_JOIN_HYPHEN);
    Text_fold(family, want_f, sizeof want_f, FOLD_JOIN_APOSTROPHE | FOLD_JOIN_HYPHEN);
    json_t *out = json_array();
    DbStmt *st = Db_stmt(db, SQL_MATCH_IDENT);
    if (!st)
        return out;
    for (int i = 0; i < 3; i++)
        Db_bind_text(st, i + 1, idents[i] && idents[i][0] ? idents[i] : NULL);
    while (Db_step(st) == DB_ROW) {
        Text_fold(Db_col_text(st, 1), g, sizeof g, FOLD_JOIN_APOSTROPHE | FOLD_JOIN_HYPHEN);
        Text_fold(Db_col_text(st, 2), fam, sizeof fam, FOLD_JOIN_APOSTROPHE | FOLD_JOIN_HYPHEN);
        if (strcmp(g, want_g) == 0 && strcmp(fam, want_f) == 0)
            json_array_append_new(out, duplicate_json(Db_col_int64(st, 0), Db_col_text(st, 1),
                                                      Db_col_text(st, 2)));
    }
    Db_reset(st);
    return out;
}
