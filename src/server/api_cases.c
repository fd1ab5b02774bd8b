/* Cases: raised from a triage outcome or by hand, worked by the owning
 * team, handed off with full context. Every change lands in the timeline. */
#include <stdio.h>
#include <stdlib.h>

#include "common/jsonx.h"
#include "server/api.h"
#include "server/audit.h"
#include "server/authz.h"
#include "server/casejson.h"
#include "server/fields.h"
#include "server/livecase.h"
#include "server/store/memberships.h"
#include "server/roles.h"
#include "server/safeguarding.h"
#include "server/store/caseread.h"
#include "server/store/cases.h"
#include "server/store/queues.h"

static const char *const priorities[] = {"low", "normal", "high", "urgent", NULL};

static bool show_caution(const Request *rq)
{
    return (rq->user.roles & ROLES_SEE_CAUTION_DETAIL) != 0;
}

/* The case as it now is, with its ETag (and Location when new). */
static void reply_case(Request *rq, Reply *r, int status, long long id)
{
    json_t *c = Casejson_case(rq->db, id, show_caution(rq));
    if (!c) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The case could not be read", "Try again.");
        return;
    }
    long long version = Jsonx_int(c, "version", 0);
    char location[64];
    snprintf(location, sizeof location, "/api/v1/cases/%s", Jsonx_str(c, "ref", ""));
    Reply_json(r, status, c);
    Api_etag(r, version);
    if (status == 201)
        Reply_header(r, "Location", location);
}

static void read_case(Fields *f, Db *db, CaseIn *in, char **triage)
{
    static const char *const known[] = {"customer_id", "service_code", "summary", "priority",
                                        "note", "next_steps", "triage_response", "script_id",
                                        "script_version", "contact_id", NULL};
    Fields_only(f, known);
    const char *cid = Fields_string(f, "customer_id", false, 20);
    if (cid && (!Api_parse_id(cid, &in->customer_id) ||
                !Cases_customer_exists(db, in->customer_id)))
        Fields_error(f, "customer_id", "No customer has this id.");
    in->service_code = Fields_string(f, "service_code", true, 64);
    if (in->service_code && !Cases_service_exists(db, in->service_code))
        Fields_error(f, "service_code", "Unknown service; choose one from the catalogue.");
    in->summary = Fields_string(f, "summary", true, 500);
    in->priority = Fields_enum(f, "priority", false, priorities);
    in->next_steps = Fields_string(f, "next_steps", false, 1000);
    in->script_id = Fields_string(f, "script_id", false, 64);
    in->script_version = Fields_string(f, "script_version", false, 32);
    Fields_string(f, "note", false, 4000);
    const char *contact = Fields_string(f, "contact_id", false, 20);
    if (contact && !Api_parse_id(contact, &in->contact_id))
        Fields_error(f, "contact_id", "contact_id must be a contact's id.");
    in->triage_response = *triage = Fields_response(f, "triage_response");
    if (in->triage_response && Safeguarding_response(json_object_get(f->body, "triage_response")))
        in->priority = "urgent";   /* whatever was asked: see safeguarding.h */
}

void Api_case_create(Request *rq, Reply *r)
{
    Fields f;
    CaseIn in = {.source = "advisor"};
    char *triage = NULL, ref[CASE_REF_LEN];
    if (!Fields_open(&f, rq, r, NULL))
        return;
    read_case(&f, rq->db, &in, &triage);
    const char *note = Jsonx_str(f.body, "note", NULL);
    long long id = -1;
    if (!Fields_ok(&f))
        Fields_reply(&f, r);
    else if ((id = Cases_create(rq->db, &in, rq->user.id, ref)) < 0 ||
             (note && Cases_note(rq->db, id, rq->user.id, note) < 0) ||
             Safeguarding_case_created(rq->db, id, json_object_get(f.body, "triage_response")) < 0 ||
             Audit_record(rq, "case.create", in.customer_id, ref) < 0 ||
             Livecase_created(rq->db, id) < 0)
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The case was not saved", "Try again.");
    else
        reply_case(rq, r, 201, id);
    free(triage);
    Fields_close(&f);
}

/* The case from the {ref} path segment, or a 404 in r. */
static long long path_case(Request *rq, Reply *r, long long *version)
{
    long long id = Cases_find(rq->db, rq->params[0], version);
    if (!id)
        Api_reply_not_found(r, "case");
    return id;
}

/* The case carries its customer's date of birth, phones, e-mail, address
 * and flags: the read is on that customer's trail. */
void Api_case_get(Request *rq, Reply *r)
{
    long long version, id, customer = 0;
    if (!Audit_read_begin(rq, r) || !(id = path_case(rq, r, &version))) {
        Audit_read_done(rq, r, 0);
        return;
    }
    customer = Cases_customer_id(rq->db, id);
    reply_case(rq, r, 200, id);
    Audit_read_done(rq, r, Audit_record(rq, "case.read", customer, rq->params[0]));
}

void Api_case_events(Request *rq, Reply *r)
{
    long long version, id = path_case(rq, r, &version);
    json_t *items = id ? Caseread_events(rq->db, id) : NULL;
    if (items)
        Reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

void Api_case_note(Request *rq, Reply *r)
{
    static const char *const known[] = {"body", NULL};
    long long version, id = path_case(rq, r, &version);
    Fields f;
    if (!id || !Authz_case(rq, r, id, AUTHZ_CASE_NOTE) || !Fields_open(&f, rq, r, known))
        return;
    const char *text = Fields_string(&f, "body", true, 4000);
    if (!Fields_ok(&f))
        Fields_reply(&f, r);
    else if (Cases_note(rq->db, id, rq->user.id, text) < 0 || Cases_touch(rq->db, id) < 0 ||
             Livecase_changed(rq->db, id, false) < 0)
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The note was not saved", "Try again.");
    else
        reply_case(rq, r, 201, id);
    Fields_close(&f);
}

/* Hand-off to a team, or to a named person (whose team it then joins). */
static bool handoff_target(Fields *f, Db *db, char team[CASE_TEAM_MAX], long long *assignee)
{
    const char *to_team = Fields_string(f, "team_code", false, 64);
    const char *to_user = Fields_string(f, "assignee", false, 64);
    *assignee = 0;
    team[0] = '\0';
    if (!to_team && !to_user) {
        Fields_error(f, "team_code", "Say which team or person the case goes to.");
        return false;
    }
    if (to_team && !Queues_exists(db, to_team)) {
        Fields_error(f, "team_code", "No such team.");
        return false;
    }
    if (to_team)
        snprintf(team, CASE_TEAM_MAX, "%s", to_team);
    char home[MEMBERSHIPS_TEAM_MAX];
    if (to_user && !(*assignee = Memberships_user(db, to_user, home)))
        Fields_error(f, "assignee", "No such user.");
    else if (to_user && !team[0])
        snprintf(team, CASE_TEAM_MAX, "%s", home);
    if (!team[0])
        Fields_error(f, "team_code", "The person has no team; name the team too.");
    return Fields_ok(f);
}

static int apply_handoff(Request *rq, long long id, const char *team, long long assignee,
                         const char *reason, const char *note)
{
    CaseOwner before = {0};
    if (!Cases_owner(rq->db, id, &before) ||
        Cases_handoff(rq->db, id, team, assignee, rq->user.id, reason) < 0 ||
        (note && Cases_note(rq->db, id, rq->user.id, note) < 0))
        return -1;
    return Livecase_handed_off(rq->db, id, before.team, assignee, rq->user.id);
}

void Api_case_handoff(Request *rq, Reply *r)
{
    static const char *const known[] = {"team_code", "assignee", "reason", "note", NULL};
    long long version, id = path_case(rq, r, &version), assignee;
    Fields f;
    char team[CASE_TEAM_MAX];
    if (!id || !Authz_case(rq, r, id, AUTHZ_CASE_HANDOFF) || !Fields_open(&f, rq, r, known))
        return;
    const char *reason = Fields_string(&f, "reason", true, 500);
    const char *note = Fields_string(&f, "note", false, 4000);
    if (!handoff_target(&f, rq->db, team, &assignee) || !Fields_ok(&f))
        Fields_reply(&f, r);
    else if (apply_handoff(rq, id, team, assignee, reason, note) < 0)
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The hand-off was not saved", "Try again.");
    else
        reply_case(rq, r, 200, id);
    Fields_close(&f);
}
