/* Tell us once: creating a customer (after a duplicate check) and updating
 * contact details with If-Match, so two advisors never silently overwrite
 * each other. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/text.h"
#include "common/timefmt.h"
#include "server/api.h"
#include "server/audit.h"
#include "server/fields.h"
#include "server/precond.h"
#include "server/roles.h"
#include "server/store/customers.h"

static const char *const channels[] = {"phone", "email", "letter", "sms", "face_to_face", NULL};

typedef struct Contactable {
    const char *phone, *mobile, *email, *line1, *line2, *town, *postcode;
    char n_phone[32], n_mobile[32], n_email[256], n_postcode[16];
    char postcode_shown[16];  /* "FD1 2AB", stored as people write it */
} Contactable;

/* Checks phone/mobile/email/address fields that create and update share. */
static void read_contactable(Fields *f, Contactable *c, bool address_required)
{
    c->phone = Fields_string(f, "phone", false, 32);
    c->mobile = Fields_string(f, "mobile", false, 32);
    c->email = Fields_string(f, "email", false, 254);
    if (c->phone && !Text_phone(c->phone, c->n_phone, sizeof c->n_phone))
        Fields_error(f, "phone", "Enter a UK phone number, e.g. 01632 960123.");
    if (c->mobile && !Text_phone(c->mobile, c->n_mobile, sizeof c->n_mobile))
        Fields_error(f, "mobile", "Enter a UK mobile number, e.g. 07700 900123.");
    if (c->email && !Text_email(c->email, c->n_email, sizeof c->n_email))
        Fields_error(f, "email", "Enter an e-mail address like name@example.org.");
    json_t *saved, *addr = json_object_get(f->body, "address");
    if (!addr && address_required)
        Fields_error(f, "address", "A home address is needed.");
    if (addr && !json_is_object(addr))
        Fields_error(f, "address", "address must be an object with line1, town and postcode.");
    if (!Fields_enter(f, "address", &saved))
        return;
    c->line1 = Fields_string(f, "line1", true, 120);
    c->line2 = Fields_string(f, "line2", false, 120);
    c->town = Fields_string(f, "town", true, 80);
    c->postcode = Fields_string(f, "postcode", true, 10);
    if (c->postcode && !Text_postcode(c->postcode, c->postcode_shown, sizeof c->postcode_shown)) {
        Fields_error(f, "postcode", "Enter a UK postcode such as FD1 2AB.");
    } else if (c->postcode) {
        Text_alnum_upper(c->postcode, c->n_postcode, sizeof c->n_postcode);
        c->postcode = c->postcode_shown;
    }
    Fields_leave(f, saved);
}

/* Likely existing records: same folded name with the same postcode, phone
 * or e-mail. */
static json_t *likely_duplicates(Db *db, const char *given, const char *family,
                                 const Contactable *c)
{
    const char *idents[] = {c->n_postcode, c->n_phone[0] ? c->n_phone : c->n_mobile, c->n_email};
    return Customers_duplicates(db, given, family, idents);
}

static void create_customer(Request *rq, Reply *r, Fields *f, const Contactable *c)
{
    const char *given = Fields_string(f, "given_name", true, 100);
    const char *family = Fields_string(f, "family_name", true, 100);
    const char *title = Fields_string(f, "title", false, 20);
    const char *dob = Fields_string(f, "date_of_birth", false, 10);
    const char *channel = Fields_enum(f, "preferred_channel", false, channels);
    const char *needs = Fields_string(f, "accessibility_needs", false, 200);
    bool confirmed = Fields_bool(f, "confirmed_new", false);
    time_t t;
    char probe[32];
    if (dob && (snprintf(probe, sizeof probe, "%sT00:00:00Z", dob), !Timefmt_parse(probe, &t)))
        Fields_error(f, "date_of_birth", "Enter the date of birth as YYYY-MM-DD.");
    if (!Fields_ok(f)) {
        Fields_reply(f, r);
        return;
    }
    json_t *dups = likely_duplicates(rq->db, given, family, c);
    if (json_array_size(dups) && !confirmed) {
        json_t *p = Reply_problem_new(409, PROBLEM_DUPLICATE, "This person may already be on file",
                                      "Check the matches; send confirmed_new=true to create anyway.");
        json_object_set_new(p, "matches", dups);
        Reply_problem_json(r, p);
        return;
    }
    json_decref(dups);
    CustomerIn in = {.title = title, .given_name = given, .family_name = family,
                     .date_of_birth = dob, .phone = c->phone, .mobile = c->mobile,
                     .email = c->n_email[0] ? c->n_email : NULL, .preferred_channel = channel,
                     .accessibility_needs = needs, .naddresses = 1,
                     .addresses = {{"home", c->line1, c->line2, c->town, c->postcode}}};
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    long long id = Customers_insert(rq->db, &in, now), version = 0;
    json_t *rec = NULL;
    if (id > 0 && Audit_record(rq, "customer.create", id, NULL) == 0)
        rec = Customers_record(rq->db, id, rq->user.roles & ROLES_SEE_CAUTION_DETAIL, &version);
    if (!rec) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The customer was not saved", "Try again.");
        return;
    }
    char location[64];
    snprintf(location, sizeof location, "/api/v1/customers/%lld", id);
    Reply_json(r, 201, rec);
    Reply_header(r, "Location", location);
    Api_etag(r, version);
}

void Api_customer_create(Request *rq, Reply *r)
{
    static const char *const known[] = {"title", "given_name", "family_name", "date_of_birth",
                                        "phone", "mobile", "email", "address",
                                        "preferred_channel", "accessibility_needs",
                                        "confirmed_new", NULL};
    Fields f;
    Contactable c = {0};
    if (!Fields_open(&f, rq, r, known))
        return;
    read_contactable(&f, &c, true);
    create_customer(rq, r, &f, &c);
    Fields_close(&f);
}

/* GET /api/v1/customers/matches: the duplicate check on its own, so the
 * create form can show likely matches before the advisor commits. */
void Api_customer_matches(Request *rq, Reply *r)
{
    const char *given = Request_query(rq, "given_name"), *family = Request_query(rq, "family_name");
    if (!given || !family || !*given || !*family || Text_utf8_length(given) > 100 ||
        Text_utf8_length(family) > 100) {
        Reply_invalid(r, "family_name", "given_name and family_name are needed.");
        return;
    }
    Contactable c = {0};
    const char *pc = Request_query(rq, "postcode"), *ph = Request_query(rq, "phone"),
               *em = Request_query(rq, "email");
    if (pc) Text_alnum_upper(pc, c.n_postcode, sizeof c.n_postcode);
    if (ph) Text_phone(ph, c.n_phone, sizeof c.n_phone);
    if (em) Text_email(em, c.n_email, sizeof c.n_email);
    AuditShown shown = {.n = 0};
    json_t *items = likely_duplicates(rq->db, given, family, &c);
    Audit_shown_from(&shown, items, "id");
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
    Audit_read_done(rq, r, Audit_list(rq, "customer.matches", NULL, &shown));
}

/* ---- PATCH /api/v1/customers/{id} ---------------------------------------- */

/* Validate every present field, then write them; changed names go to the
 * audit trail (names only: values are personal). */
static int apply_patch(Request *rq, Fields *f, long long id, char *changed, size_t cap)
{
    Contactable c = {0};
    read_contactable(f, &c, false);
    Fields_enum(f, "preferred_channel", false, channels);
    Fields_string(f, "accessibility_needs", false, 200);
    Fields_string(f, "language", false, 40);
    Fields_string(f, "interpreter_language", false, 40);
    if (!Fields_ok(f))
        return 1;
    changed[0] = '\0';
    const char *name;
    bool clearable;
    for (size_t i = 0; (name = Customers_field(i, &clearable)); i++) {
        json_t *v = json_object_get(f->body, name);
        if (!v)
            continue;
        if (json_is_null(v) && !clearable) {
            Fields_error(f, name, "This field cannot be cleared.");
            return 1;
        }
        const char *value = json_string_value(v);
        if (strcmp(name, "email") == 0 && value)
            value = c.n_email;
        if (Customers_set_field(rq->db, id, name, value) < 0)
            return -1;
        snprintf(changed + strlen(changed), cap - strlen(changed), "%s%s", *changed ? "," : "",
                 name);
    }
    if (c.line1) {
        CustomerAddress home = {"home", c.line1, c.line2, c.town, c.postcode};
        if (Customers_set_home(rq->db, id, &home) < 0)
            return -1;
        snprintf(changed + strlen(changed), cap - strlen(changed), "%saddress", *changed ? "," : "");
    }
    return 0;
}

static void reply_conflict(Request *rq, Reply *r, long long id)
{
    long long version = 0;
    json_t *p = Reply_problem_new(412, PROBLEM_CONFLICT, "Someone else changed this record",
                                  "Compare your change with the current record and apply it again.");
    bool see_caution = rq->user.roles & ROLES_SEE_CAUTION_DETAIL;
    json_object_set_new(p, "current", Customers_record(rq->db, id, see_caution, &version));
    Reply_problem_json(r, p);
    Api_etag(r, version);
}

static bool patch_preconditions(Request *rq, Reply *r, long long *id)
{
    long long have;
    if (!Api_parse_id(rq->params[0], id) || (have = Customers_version(rq->db, *id)) < 0) {
        Api_reply_not_found(r, "customer");
        return false;
    }
    int rc = Precond_if_match(rq, r, have, "record");
    if (rc == 412)
        reply_conflict(rq, r, *id);
    return rc == 0;
}

/* The version moves on, the search index follows, the audit names the
 * fields; then the record as it now is. */
static void save_patch(Request *rq, Reply *r, long long id, const char *changed)
{
    char now[TIMEFMT_LEN];
    long long version = 0;
    Timefmt_utc(time(NULL), now);
    json_t *rec = NULL;
    if (Customers_touch(rq->db, id, now) == 0 &&
        Audit_record(rq, "customer.update", id, changed) == 0)
        rec = Customers_record(rq->db, id, rq->user.roles & ROLES_SEE_CAUTION_DETAIL, &version);
    if (!rec) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The change was not saved", "Try again.");
        return;
    }
    Reply_json(r, 200, rec);
    Api_etag(r, version);
}

void Api_customer_update(Request *rq, Reply *r)
{
    static const char *const known[] = {"phone", "mobile", "email", "address",
                                        "preferred_channel", "accessibility_needs", "language",
                                        "interpreter_language", NULL};
    long long id;
    Fields f;
    char changed[256];
    if (!patch_preconditions(rq, r, &id) || !Fields_open(&f, rq, r, known))
        return;
    int rc = Fields_ok(&f) ? apply_patch(rq, &f, id, changed, sizeof changed) : 1;
    if (rc > 0)
        Fields_reply(&f, r);
    else if (rc < 0)
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The change was not saved", "Try again.");
    else if (!changed[0])
        Reply_invalid(r, "body", "Nothing to change: send at least one field.");
    else
        save_patch(rq, r, id, changed);
    Fields_close(&f);
}
