/* Contacts: one record per customer interaction, ending in a wrap code.
 * These rows feed the avoidable-demand and first-contact-resolution figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/jsonx.h"
#include "common/timefmt.h"
#include "server/api.h"
#include "server/audit.h"
#include "server/contactkb.h"
#include "server/fields.h"
#include "server/identity.h"
#include "server/safeguarding.h"

#define NOTE_MAX 4000
#define MAX_CASE_REFS 10

static const char *const channels[] = {"phone", "face_to_face", "email", "web_chat",
                                       "social_media", "letter", NULL};
static const char *const outcomes[] = {"resolved", "signposted", "case_raised", "transferred",
                                       "callback_booked", "abandoned", NULL};
static const char *const avoidable_reasons[] = {"could_self_serve", "chasing_progress",
                                                "repeat_contact", "council_error", NULL};
static const char *const contact_fields[] = {
    "customer_id", "channel", "started_at", "ended_at", "wrap_code", "outcome", "avoidable",
    "avoidable_reason", "note", "script_id", "script_version", "triage_response", "case_refs",
    "identity_check", "articles", NULL};

static const char SQL_WRAP[] = "SELECT avoidable FROM wrap_codes WHERE code = ?1 AND active = 1";
static const char SQL_CUSTOMER_EXISTS[] = "SELECT 1 FROM customers WHERE id = ?1";
static const char SQL_INSERT[] =
    "INSERT INTO contacts (customer_id, advisor_id, channel, started_at, ended_at,"
    " handle_seconds, wrap_code, outcome, avoidable, avoidable_reason, note, script_id,"
    " script_version, triage_response, case_refs, created_at, identity_check)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) RETURNING id";
static const char SQL_GET[] =
    "SELECT c.id, c.customer_id, c.advisor_id, u.display_name, c.channel, c.started_at,"
    " c.ended_at, c.handle_seconds, c.wrap_code, w.label, w.topic_code, c.outcome, c.avoidable,"
    " c.avoidable_reason, c.note, c.script_id, c.script_version, c.triage_response,"
    " c.case_refs, c.created_at, c.identity_check"
    " FROM contacts c JOIN users u ON u.id = c.advisor_id JOIN wrap_codes w ON w.code = c.wrap_code"
    " WHERE c.id = ?1";
static const char SQL_PAGE[] =
    "SELECT id FROM contacts WHERE customer_id = ?1 AND (?2 = 0 OR id < ?2)"
    " ORDER BY id DESC LIMIT ?3";

typedef struct ContactIn {
    long long customer_id;
    const char *channel, *wrap_code, *outcome, *avoidable_reason, *note;
    const char *script_id, *script_version;
    time_t started, ended;
    bool avoidable;
    char *triage;     /* compact JSON or NULL */
    char *case_refs;  /* compact JSON array */
    char *identity;   /* compact JSON, see identity.h */
    json_t *articles; /* contactkb.h */
} ContactIn;


static void read_customer(Fields *f, Db *db, ContactIn *c)
{
    const char *cid = Fields_string(f, "customer_id", false, 20);
    if (cid && (!Api_parse_id(cid, &c->customer_id) ||
                !Db_exists(db, SQL_CUSTOMER_EXISTS, NULL, c->customer_id)))
        Fields_error(f, "customer_id", "No customer has this id; search again or record the "
                                       "contact as anonymous.");
}

static void read_times(Fields *f, ContactIn *c)
{
    bool s = Fields_time(f, "started_at", true, &c->started);
    bool e = Fields_time(f, "ended_at", true, &c->ended);
    time_t now = time(NULL);
    if (s && e && c->ended < c->started)
        Fields_error(f, "ended_at", "ended_at is before started_at.");
    if (e && c->ended > now + 300)
        Fields_error(f, "ended_at", "ended_at is in the future; check the terminal's clock.");
    if (s && c->started < now - 31L * 24 * 3600)
        Fields_error(f, "started_at", "started_at is more than 31 days ago.");
}

static void read_wrap(Fields *f, Db *db, ContactIn *c)
{
    long long default_avoidable = 0;
    c->wrap_code = Fields_string(f, "wrap_code", true, 64);
    if (c->wrap_code && !Db_lookup_int(db, SQL_WRAP, c->wrap_code, 0, &default_avoidable)) {
        Fields_error(f, "wrap_code", "Unknown wrap code; choose one from the wrap-up list.");
        c->wrap_code = NULL;
    }
    c->avoidable = Fields_bool(f, "avoidable", default_avoidable != 0);
    c->avoidable_reason = Fields_enum(f, "avoidable_reason", false, avoidable_reasons);
    if (c->avoidable && !c->avoidable_reason && !json_object_get(f->body, "avoidable_reason"))
        Fields_error(f, "avoidable_reason", "Say why the contact was avoidable.");
    if (!c->avoidable)
        c->avoidable_reason = NULL;
}

static void read_links(Fields *f, ContactIn *c)
{
    json_t *t = json_object_get(f->body, "triage_response");
    if (t && !json_is_null(t)) {
        if (!json_is_object(t) || strcmp(Jsonx_str(t, "resourceType", ""), "QuestionnaireResponse"))
            Fields_error(f, "triage_response", "triage_response must be a FHIR QuestionnaireResponse.");
        else
            c->triage = Jsonx_dump(t);
    }
    c->script_id = Fields_string(f, "script_id", false, 64);
    c->script_version = Fields_string(f, "script_version", false, 32);
    json_t *refs = json_object_get(f->body, "case_refs");
    json_t *clean = json_array();
    size_t i;
    json_t *v;
    if (refs && !json_is_null(refs) && (!json_is_array(refs) || json_array_size(refs) > MAX_CASE_REFS))
        Fields_error(f, "case_refs", "case_refs must be a list of up to 10 case references.");
    else
        json_array_foreach(refs, i, v) {
            if (json_is_string(v) && json_string_length(v) <= 32)
                json_array_append(clean, v);
            else
                Fields_error(f, "case_refs", "Each case reference must be text.");
        }
    c->case_refs = Jsonx_dump(clean);
    json_decref(clean);
}

static bool read_contact(Fields *f, Db *db, ContactIn *c)
{
    Fields_only(f, contact_fields);
    read_customer(f, db, c);
    c->channel = Fields_enum(f, "channel", true, channels);
    c->outcome = Fields_enum(f, "outcome", true, outcomes);
    c->note = Fields_string(f, "note", false, NOTE_MAX);
    read_times(f, c);
    read_wrap(f, db, c);
    read_links(f, c);
    c->identity = Identity_read(f);
    c->articles = Contactkb_read(f, db);
    return Fields_ok(f);
}

static long long insert_contact(Request *rq, const ContactIn *c)
{
    char started[TIMEFMT_LEN], ended[TIMEFMT_LEN], now[TIMEFMT_LEN];
    Timefmt_utc(c->started, started);
    Timefmt_utc(c->ended, ended);
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(rq->db, SQL_INSERT);
    if (!st)
        return -1;
    if (c->customer_id)
        Db_bind_int64(st, 1, c->customer_id);
    Db_bind_int64(st, 2, rq->user.id);
    const char *text[] = {c->channel, started, ended};
    for (int i = 0; i < 3; i++)
        Db_bind_text(st, 3 + i, text[i]);
    Db_bind_int64(st, 6, (long long)(c->ended - c->started));
    Db_bind_text(st, 7, c->wrap_code);
    Db_bind_text(st, 8, c->outcome);
    Db_bind_int(st, 9, c->avoidable);
    const char *rest[] = {c->avoidable_reason, c->note, c->script_id, c->script_version,
                          c->triage, c->case_refs, now};
    for (int i = 0; i < 7; i++)
        Db_bind_text(st, 10 + i, rest[i]);
    Db_bind_text(st, 17, c->identity);
    return Db_step_id(st, NULL);
}

static json_t *parse_stored(const char *text)
{
    json_t *v = text ? json_loads(text, 0, NULL) : NULL;
    return v ? v : json_null();
}

static json_t *contact_json(DbStmt *st)
{
    char id[24], customer[24], advisor[24];
    snprintf(id, sizeof id, "%lld", (long long)Db_col_int64(st, 0));
    snprintf(customer, sizeof customer, "%lld", (long long)Db_col_int64(st, 1));
    snprintf(advisor, sizeof advisor, "%lld", (long long)Db_col_int64(st, 2));
    json_t *c = json_pack(
        "{s:s, s:s?, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:b, s:s?, s:s?, s:s?, s:s?}",
        "id", id, "customer_id", Db_col_is_null(st, 1) ? NULL : customer,
        "advisor_id", advisor, "advisor", Db_col_text(st, 3), "channel", Db_col_text(st, 4),
        "started_at", Db_col_text(st, 5), "ended_at", Db_col_text(st, 6), "handle_seconds",
        (json_int_t)Db_col_int64(st, 7), "wrap_code", Db_col_text(st, 8), "wrap_label",
        Db_col_text(st, 9), "wrap_topic", Db_col_text(st, 10), "outcome", Db_col_text(st, 11),
        "avoidable", Db_col_int(st, 12) != 0, "avoidable_reason", Db_col_text(st, 13),
        "note", Db_col_text(st, 14), "script_id", Db_col_text(st, 15), "script_version",
        Db_col_text(st, 16));
    json_object_set_new(c, "triage_response", parse_stored(Db_col_text(st, 17)));
    json_object_set_new(c, "case_refs", parse_stored(Db_col_text(st, 18)));
    json_object_set_new(c, "created_at", json_string(Db_col_text(st, 19)));
    json_object_set_new(c, "identity_check", Identity_json(Db_col_text(st, 20)));
    return c;
}

static json_t *load_contact(Db *db, long long id)
{
    DbStmt *st = Db_stmt(db, SQL_GET);
    if (!st)
        return NULL;
    Db_bind_int64(st, 1, id);
    json_t *c = Db_step(st) == DB_ROW ? contact_json(st) : NULL;
    Db_reset(st);
    if (c)
        json_object_set_new(c, "articles", Contactkb_json(db, id));
    return c;
}

long long Api_contact_record(Request *rq, json_t *body, Reply *r)
{
    Fields f;
    ContactIn c = {0};
    Fields_init(&f, body);
    long long id = -1;
    if (!read_contact(&f, rq->db, &c)) {
        Fields_reply(&f, r);
    } else if (!Safeguarding_contact_ok(rq->db, json_object_get(body, "triage_response"),
                                        c.wrap_code, r)) {
        id = -1;
    } else if ((id = insert_contact(rq, &c)) < 0 || Contactkb_store(rq->db, id, c.articles) < 0 ||
               Audit_record(rq, "contact.create", c.customer_id, c.outcome) < 0) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The contact was not saved", "Try again.");
        id = -1;
    }
    free(c.triage);
    free(c.case_refs);
    free(c.identity);
    json_decref(c.articles);
    Fields_free(&f);
    return id;
}

json_t *Api_contact_json(Db *db, long long id)
{
    return load_contact(db, id);
}

void Api_contact_create(Request *rq, Reply *r)
{
    json_t *body = Request_json(rq, r);
    long long id = body ? Api_contact_record(rq, body, r) : -1;
    if (id > 0) {
        char location[64];
        snprintf(location, sizeof location, "/api/v1/contacts/%lld", id);
        Reply_json(r, 201, load_contact(rq->db, id));
        Reply_header(r, "Location", location);
    }
    json_decref(body);
}

/* A contact's note and triage answers are about its customer. */
void Api_contact_get(Request *rq, Reply *r)
{
    long long id;
    if (!Audit_read_begin(rq, r))
        return;
    json_t *c = Api_parse_id(rq->params[0], &id) ? load_contact(rq->db, id) : NULL;
    if (!c) {
        Api_reply_not_found(r, "contact");
        Audit_read_done(rq, r, 0);
        return;
    }
    long long customer = strtoll(Jsonx_str(c, "customer_id", "0"), NULL, 10);
    Reply_json(r, 200, c);
    Audit_read_done(rq, r, Audit_record(rq, "contact.read", customer, rq->params[0]));
}

/* Newest first, paged by id. */
void Api_customer_contacts(Request *rq, Reply *r)
{
    long long cid;
    long limit, cursor;
    if (!Api_parse_id(rq->params[0], &cid)) {
        Api_reply_not_found(r, "customer");
        return;
    }
    if (!Request_int_param(rq, r, "limit", 1, 100, 20, &limit) ||
        !Request_int_param(rq, r, "cursor", 1, 1L << 62, 0, &cursor) ||
        !Audit_read_begin(rq, r))
        return;
    DbStmt *st = Db_stmt(rq->db, SQL_PAGE);
    long long ids[101];
    int n = 0;
    if (st) {
        Db_bind_int64(st, 1, cid);
        Db_bind_int64(st, 2, cursor);
        Db_bind_int64(st, 3, limit + 1);
        while (n <= limit && Db_step(st) == DB_ROW)
            ids[n++] = Db_col_int64(st, 0);
        Db_reset(st);
    }
    bool more = n > limit;
    json_t *items = json_array();
    for (int i = 0; i < (more ? limit : n); i++)
        json_array_append_new(items, load_contact(rq->db, ids[i]));
    char next[24];
    snprintf(next, sizeof next, "%lld", more ? ids[limit - 1] : 0);
    Reply_json(r, 200, json_pack("{s:o, s:s?}", "items", items, "next_cursor", more ? next : NULL));
    Audit_read_done(rq, r, n ? Audit_record(rq, "customer.contacts", cid, NULL) : 0);
}
