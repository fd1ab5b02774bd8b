/* The case as one screen needs it: the customer with flags, the triage
 * questions and answers in plain words, every note, and what the customer
 * was told would happen next — so whoever opens it asks nothing twice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/jsonx.h"
#include "server/casestore.h"

static const char SQL_CASE[] =
    "SELECT c.id, c.ref, c.customer_id, c.service_code, s.name, c.team_code, t.name,"
    " c.assignee_id, u.display_name, c.summary, c.priority, c.status, c.next_steps,"
    " c.triage_response, c.script_id, c.script_version, c.source, c.address, c.due_at,"
    " c.created_at, cu.display_name, c.updated_at, c.closed_at, c.version, c.contact_id,"
    " c.media_url"
    " FROM cases c JOIN services s ON s.code = c.service_code JOIN teams t ON t.code = c.team_code"
    " LEFT JOIN users u ON u.id = c.assignee_id LEFT JOIN users cu ON cu.id = c.created_by"
    " WHERE c.id = ?1";
static const char SQL_NOTES[] =
    "SELECT n.id, n.body, n.created_at, u.display_name FROM case_notes n"
    " LEFT JOIN users u ON u.id = n.author_id WHERE n.case_id = ?1 ORDER BY n.id";
static const char SQL_CUSTOMER[] =
    "SELECT c.id, c.customer_ref, COALESCE(c.title || ' ', '') || c.given_name || ' ' ||"
    " c.family_name, c.date_of_birth, c.phone, c.mobile, c.email, a.line1, a.town, a.postcode"
    " FROM customers c LEFT JOIN addresses a ON a.customer_id = c.id AND a.position = 0"
    " WHERE c.id = ?1";
static const char SQL_FLAGS[] =
    "SELECT code, detail FROM customer_flags WHERE customer_id = ?1 ORDER BY id";

static const char *answer_text(const json_t *ans, char *buf, size_t cap)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)ans, key, v) {
        if (strncmp(key, "value", 5) != 0)
            continue;
        if (json_is_string(v))
            return json_string_value(v);
        if (json_is_boolean(v))
            return json_is_true(v) ? "Yes" : "No";
        if (json_is_integer(v))
            snprintf(buf, cap, "%lld", (long long)json_integer_value(v));
        else if (json_is_real(v))
            snprintf(buf, cap, "%g", json_real_value(v));
        else if (json_is_object(v))
            return Jsonx_str(v, "display", Jsonx_str(v, "code", "?"));
        else
            continue;
        return buf;
    }
    return "";
}

/* Depth first through QuestionnaireResponse items: {question, answer}. */
static void flatten(const json_t *items, json_t *out)
{
    size_t i, k;
    json_t *it, *ans;
    json_array_foreach(items, i, it) {
        json_t *answers = json_object_get(it, "answer");
        json_array_foreach(answers, k, ans) {
            char buf[64];
            json_array_append_new(out, json_pack("{s:s, s:s, s:s}", "link_id",
                                                 Jsonx_str(it, "linkId", ""), "question",
                                                 Jsonx_str(it, "text", Jsonx_str(it, "linkId", "")),
                                                 "answer", answer_text(ans, buf, sizeof buf)));
            flatten(json_object_get(ans, "item"), out);
        }
        flatten(json_object_get(it, "item"), out);
    }
}

static json_t *triage_answers(const char *stored, json_t **response)
{
    json_t *out = json_array();
    *response = stored ? json_loads(stored, 0, NULL) : NULL;
    if (*response)
        flatten(json_object_get(*response, "item"), out);
    else
        *response = json_null();
    return out;
}

static json_t *notes(Db *db, long long id)
{
    json_t *out = json_array();
    DbStmt *st = Db_stmt(db, SQL_NOTES);
    if (!st)
        return out;
    Db_bind_int64(st, 1, id);
    while (Db_step(st) == DB_ROW) {
        char nid[24];
        snprintf(nid, sizeof nid, "%lld", (long long)Db_col_int64(st, 0));
        json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:s?}", "id", nid, "body",
                                             Db_col_text(st, 1), "created_at", Db_col_text(st, 2),
                                             "author", Db_col_text(st, 3)));
    }
    Db_reset(st);
    return out;
}

static json_t *flags(Db *db, long long customer, bool show_caution)
{
    json_t *out = json_array();
    DbStmt *st = Db_stmt(db, SQL_FLAGS);
    if (!st)
        return out;
    Db_bind_int64(st, 1, customer);
    while (Db_step(st) == DB_ROW) {
        const char *code = Db_col_text(st, 0);
        bool hide = !show_caution && strcmp(code, "cautionary_contact") == 0;
        json_array_append_new(out, json_pack("{s:s, s:s?, s:b}", "code", code, "detail",
                                             hide ? NULL : Db_col_text(st, 1), "restricted", hide));
    }
    Db_reset(st);
    return out;
}

static json_t *customer(Db *db, long long id, bool show_caution)
{
    DbStmt *st = Db_stmt(db, SQL_CUSTOMER);
    if (!st || id <= 0)
        return json_null();
    Db_bind_int64(st, 1, id);
    json_t *c = json_null();
    if (Db_step(st) == DB_ROW) {
        char sid[24];
        snprintf(sid, sizeof sid, "%lld", id);
        c = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}", "id", sid,
                      "customer_ref", Db_col_text(st, 1), "display_name", Db_col_text(st, 2),
                      "date_of_birth", Db_col_text(st, 3), "phone", Db_col_text(st, 4), "mobile",
                      Db_col_text(st, 5), "email", Db_col_text(st, 6), "address_line",
                      Db_col_text(st, 7), "town", Db_col_text(st, 8), "postcode",
                      Db_col_text(st, 9));
    }
    Db_reset(st);
    if (json_is_object(c))
        json_object_set_new(c, "flags", flags(db, id, show_caution));
    return c;
}

static json_t *id_or_null(DbStmt *st, int col)
{
    char buf[24];
    if (Db_col_is_null(st, col))
        return json_null();
    snprintf(buf, sizeof buf, "%lld", (long long)Db_col_int64(st, col));
    return json_string(buf);
}

static json_t *case_row(DbStmt *st)
{
    return json_pack(
        "{s:s, s:s, s:{s:s, s:s}, s:{s:s, s:s}, s:s?, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s,"
        " s:s?, s:s, s:s?, s:s, s:s?, s:I, s:s?, s:s?}",
        "id", Db_col_text(st, 0), "ref", Db_col_text(st, 1), "service", "code",
        Db_col_text(st, 3), "name", Db_col_text(st, 4), "team", "code", Db_col_text(st, 5),
        "name", Db_col_text(st, 6), "assignee", Db_col_text(st, 8), "summary", Db_col_text(st, 9),
        "priority", Db_col_text(st, 10), "status", Db_col_text(st, 11), "next_steps",
        Db_col_text(st, 12), "script_id", Db_col_text(st, 14), "script_version",
        Db_col_text(st, 15), "source", Db_col_text(st, 16), "address", Db_col_text(st, 17),
        "due_at", Db_col_text(st, 18), "created_by", Db_col_text(st, 20), "created_at",
        Db_col_text(st, 19), "closed_at", Db_col_text(st, 22), "version",
        (json_int_t)Db_col_int64(st, 23), "media_url", Db_col_text(st, 25),
        "updated_at", Db_col_text(st, 21));
}

json_t *Casestore_json(Db *db, long long id, bool show_caution)
{
    DbStmt *st = Db_stmt(db, SQL_CASE);
    if (!st)
        return NULL;
    Db_bind_int64(st, 1, id);
    if (Db_step(st) != DB_ROW) {
        Db_reset(st);
        return NULL;
    }
    json_t *c = case_row(st), *response;
    long long customer_id = Db_col_int64(st, 2);
    json_object_set_new(c, "assignee_id", id_or_null(st, 7));
    json_object_set_new(c, "contact_id", id_or_null(st, 24));
    json_object_set_new(c, "triage_answers", triage_answers(Db_col_text(st, 13), &response));
    json_object_set_new(c, "triage_response", response);
    Db_reset(st);
    json_object_set_new(c, "customer", customer(db, customer_id, show_caution));
    json_object_set_new(c, "notes", notes(db, id));
    return c;
}
