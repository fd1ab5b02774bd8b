#include "server/store/caseread.h"

#include <stdio.h>
#include <string.h>

#include "server/store/db.h"

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
static const char SQL_EVENTS[] =
    "SELECT e.id, e.at, u.display_name, e.kind, e.detail FROM case_events e"
    " LEFT JOIN users u ON u.id = e.actor_id WHERE e.case_id = ?1 ORDER BY e.id";
static const char SQL_MINE_COUNT[] =
    "SELECT COUNT(*) FROM cases WHERE assignee_id = ?1 AND status NOT IN ('resolved', 'closed')";
static const char SQL_MINE[] =
    "SELECT ref, summary, status, priority, due_at, assigned_at, assigned_by, customer,"
    " customer_id FROM ("
    " SELECT c.ref, c.summary, c.status, c.priority, c.due_at, c.customer_id,"
    "  (SELECT e.at FROM case_events e WHERE e.case_id = c.id AND e.kind IN ('handoff', 'claimed')"
    "   ORDER BY e.id DESC LIMIT 1) AS assigned_at,"
    "  (SELECT u.display_name FROM case_events e JOIN users u ON u.id = e.actor_id"
    "   WHERE e.case_id = c.id AND e.kind IN ('handoff', 'claimed') ORDER BY e.id DESC LIMIT 1)"
    "   AS assigned_by,"
    "  (SELECT given_name || ' ' || family_name FROM customers WHERE id = c.customer_id) AS customer"
    " FROM cases c WHERE c.assignee_id = ?1 AND c.status NOT IN ('resolved', 'closed')) AS mine"
    " WHERE ?2 IS NULL OR assigned_at > ?2 ORDER BY assigned_at DESC LIMIT ?3";

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

json_t *Caseread_case(Db *db, long long id, bool show_caution)
{
    DbStmt *st = Db_stmt(db, SQL_CASE);
    if (!st)
        return NULL;
    Db_bind_int64(st, 1, id);
    if (Db_step(st) != DB_ROW) {
        Db_reset(st);
        return NULL;
    }
    json_t *c = case_row(st);
    long long customer_id = Db_col_int64(st, 2);
    const char *triage = Db_col_text(st, 13);
    json_object_set_new(c, "assignee_id", id_or_null(st, 7));
    json_object_set_new(c, "contact_id", id_or_null(st, 24));
    json_object_set_new(c, "triage_response", triage ? json_string(triage) : json_null());
    Db_reset(st);
    json_object_set_new(c, "customer", customer(db, customer_id, show_caution));
    json_object_set_new(c, "notes", notes(db, id));
    return c;
}

json_t *Caseread_events(Db *db, long long id)
{
    DbStmt *st = Db_stmt(db, SQL_EVENTS);
    if (!st)
        return NULL;
    json_t *items = json_array();
    Db_bind_int64(st, 1, id);
    while (Db_step(st) == DB_ROW) {
        const char *detail = Db_col_text(st, 4);
        json_t *d = detail ? json_loads(detail, 0, NULL) : NULL;
        json_array_append_new(items, json_pack("{s:s, s:s, s:s?, s:s, s:o}", "id",
                                               Db_col_text(st, 0), "at", Db_col_text(st, 1),
                                               "actor", Db_col_text(st, 2), "kind",
                                               Db_col_text(st, 3), "detail",
                                               d ? d : json_object()));
    }
    Db_reset(st);
    return items;
}

json_t *Caseread_mine(Db *db, long long user, const char *since, int limit,
                      long long customers[])
{
    json_t *items = json_array();
    DbStmt *st = Db_stmt(db, SQL_MINE);
    if (!st)
        return items;
    Db_bind_int64(st, 1, user);
    Db_bind_text(st, 2, since);
    Db_bind_int64(st, 3, limit);
    while ((int)json_array_size(items) < limit && Db_step(st) == DB_ROW) {
        customers[json_array_size(items)] = Db_col_int64(st, 8);
        json_array_append_new(items, json_pack(
            "{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?}", "ref", Db_col_text(st, 0),
            "summary", Db_col_text(st, 1), "status", Db_col_text(st, 2), "priority",
            Db_col_text(st, 3), "due_at", Db_col_text(st, 4), "assigned_at",
            Db_col_text(st, 5), "assigned_by", Db_col_text(st, 6), "customer",
            Db_col_text(st, 7)));
    }
    Db_reset(st);
    return items;
}

long long Caseread_mine_count(Db *db, long long user)
{
    long long n = 0;
    Db_lookup_int(db, SQL_MINE_COUNT, NULL, user, &n);
    return n;
}
