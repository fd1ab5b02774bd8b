/* contactrec: a contact as the API takes and gives it (see contactrec.h). */
#include "server/contactrec.h"

#include <stdlib.h>
#include <string.h>

#include "common/jsonx.h"
#include "server/api.h"
#include "server/audit.h"
#include "server/contactkb.h"
#include "server/fields.h"
#include "server/identity.h"
#include "server/safeguarding.h"
#include "server/store/contact_calls.h"
#include "server/store/contacts.h"

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
    "identity_check", "articles", "call_id", NULL};

/* The body as read: the row's text points into the body; the JSON it
 * stores is made here, owned below and freed with it. */
typedef struct ContactIn {
    ContactRow row;
    time_t started, ended;
    char *triage;     /* compact JSON or NULL */
    char *case_refs;  /* compact JSON array */
    char *identity;   /* compact JSON, see identity.h */
    json_t *articles; /* contactkb.h */
    long long call_id; /* 0: the contact answered no offered call */
} ContactIn;

static void read_customer(Fields *f, Db *db, ContactIn *c)
{
    const char *cid = Fields_string(f, "customer_id", false, 20);
    if (cid && (!Api_parse_id(cid, &c->row.customer_id) ||
                !Contacts_customer_exists(db, c->row.customer_id)))
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
    bool default_avoidable = false;
    c->row.wrap_code = Fields_string(f, "wrap_code", true, 64);
    if (c->row.wrap_code && !Contacts_wrap_code(db, c->row.wrap_code, &default_avoidable)) {
        Fields_error(f, "wrap_code", "Unknown wrap code; choose one from the wrap-up list.");
        c->row.wrap_code = NULL;
    }
    c->row.avoidable = Fields_bool(f, "avoidable", default_avoidable);
    c->row.avoidable_reason = Fields_enum(f, "avoidable_reason", false, avoidable_reasons);
    if (c->row.avoidable && !c->row.avoidable_reason &&
        !json_object_get(f->body, "avoidable_reason"))
        Fields_error(f, "avoidable_reason", "Say why the contact was avoidable.");
    if (!c->row.avoidable)
        c->row.avoidable_reason = NULL;
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
    c->row.script_id = Fields_string(f, "script_id", false, 64);
    c->row.script_version = Fields_string(f, "script_version", false, 32);
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

/* The screen pop's call this contact answered: it must be one offered to
 * and taken by this advisor, on the phone, and on no other contact. */
static void read_call(Fields *f, Db *db, long long advisor, ContactIn *c)
{
    static const char *const why[] = {
        [CONTACT_CALL_UNKNOWN] = "No call with this id was offered to you.",
        [CONTACT_CALL_NOT_TAKEN] = "This call was never answered (POST /calls/{id}/take).",
        [CONTACT_CALL_RECORDED] = "This call is already recorded on another contact.",
    };
    const char *id = Fields_string(f, "call_id", false, 20);
    if (!id)
        return;
    if (!Api_parse_id(id, &c->call_id)) {
        Fields_error(f, "call_id", why[CONTACT_CALL_UNKNOWN]);
        return;
    }
    ContactCallCheck check = Contact_calls_check(db, c->call_id, advisor);
    if (check != CONTACT_CALL_OK)
        Fields_error(f, "call_id", why[check]);
    else if (c->row.channel && strcmp(c->row.channel, "phone") != 0)
        Fields_error(f, "channel", "A contact that answered a phone call is on the phone.");
}

static bool read_contact(Fields *f, Db *db, long long advisor, ContactIn *c)
{
    Fields_only(f, contact_fields);
    read_customer(f, db, c);
    c->row.channel = Fields_enum(f, "channel", true, channels);
    c->row.outcome = Fields_enum(f, "outcome", true, outcomes);
    c->row.note = Fields_string(f, "note", false, NOTE_MAX);
    read_times(f, c);
    read_wrap(f, db, c);
    read_links(f, c);
    c->identity = Identity_read(f);
    c->articles = Contactkb_read(f, db);
    read_call(f, db, advisor, c);
    return Fields_ok(f);
}

static long long insert_contact(Request *rq, ContactIn *c)
{
    c->row.advisor_id = rq->user.id;
    c->row.started = (long long)c->started;
    c->row.ended = (long long)c->ended;
    c->row.triage = c->triage;
    c->row.case_refs = c->case_refs;
    c->row.identity = c->identity;
    c->row.articles = c->articles;
    long long id = Contacts_insert(rq->db, &c->row);
    if (id >= 0 && c->call_id && Contact_calls_link(rq->db, id, c->call_id) < 0)
        return -1;
    return id;
}

long long Contactrec_record(Request *rq, json_t *body, Reply *r)
{
    Fields f;
    ContactIn c = {0};
    Fields_init(&f, body);
    long long id = -1;
    if (!read_contact(&f, rq->db, rq->user.id, &c)) {
        Fields_reply(&f, r);
    } else if (!Safeguarding_contact_ok(rq->db, json_object_get(body, "triage_response"),
                                        c.row.wrap_code, r)) {
        id = -1;
    } else if ((id = insert_contact(rq, &c)) < 0 ||
               Audit_record(rq, "contact.create", c.row.customer_id, c.row.outcome) < 0) {
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

/* A contact from before identity checks were kept shows as not checked. */
json_t *Contactrec_json(Db *db, long long id)
{
    json_t *c = Contacts_get(db, id);
    if (c && !json_is_object(json_object_get(c, "identity_check")))
        json_object_set_new(c, "identity_check", Identity_json(NULL));
    if (c)
        json_object_set_new(c, "call", Contact_calls_json(db, id));
    return c;
}
