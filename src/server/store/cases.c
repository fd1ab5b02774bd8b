#include "server/store/cases.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/jsonx.h"
#include "common/text.h"
#include "common/timefmt.h"
#include "server/store/custindex.h"
#include "server/store/db.h"

static const char SQL_NEXT_SEQ[] =
    "INSERT INTO case_seq (year, last) VALUES (?1, 1)"
    " ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last";
static const char SQL_SERVICE[] = "SELECT team_code, sla_hours FROM services WHERE code = ?1";
static const char SQL_INSERT[] =
    "INSERT INTO cases (ref, customer_id, service_code, team_code, summary, priority,"
    " next_steps, triage_response, script_id, script_version, contact_id, source, address,"
    " media_url, attributes, lat, long, due_at, created_at, created_by, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
    " ?18, ?19, ?20, ?19) RETURNING id";
static const char SQL_EVENT[] =
    "INSERT INTO case_events (case_id, at, actor_id, kind, detail) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_FIND[] = "SELECT id, version FROM cases WHERE ref = ?1";
static const char SQL_CUSTOMER_EXISTS[] = "SELECT 1 FROM customers WHERE id = ?1";
static const char SQL_SERVICE_EXISTS[] = "SELECT 1 FROM services WHERE code = ?1";
static const char SQL_CASE_CUSTOMER[] = "SELECT customer_id FROM cases WHERE id = ?1";
static const char SQL_REF_VERSION[] = "SELECT ref, version FROM cases WHERE id = ?1";
static const char SQL_OWNER[] =
    "SELECT c.assignee_id, c.created_by, c.team_code,"
    " CASE WHEN c.status NOT IN ('resolved', 'closed') AND c.customer_id IS NOT NULL"
    "  THEN 1 ELSE 0 END,"
    " COALESCE(t.name, c.team_code)"
    " FROM cases c LEFT JOIN teams t ON t.code = c.team_code WHERE c.id = ?1";
static const char SQL_NOTE[] =
    "INSERT INTO case_notes (case_id, author_id, body, created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id";
static const char SQL_TOUCH[] =
    "UPDATE cases SET updated_at = ?2, version = version + 1 WHERE id = ?1";
static const char SQL_HANDOFF[] =
    "UPDATE cases SET team_code = ?2, assignee_id = ?3, updated_at = ?4, version = version + 1"
    " WHERE id = ?1";
static const char SQL_USER_NAME[] = "SELECT display_name FROM users WHERE id = ?1";
static const char SQL_CURRENT[] =
    "SELECT status, priority, summary, next_steps FROM cases WHERE id = ?1";
static const char SQL_UPDATE[] =
    "UPDATE cases SET status = ?2, priority = ?3, summary = ?4, next_steps = ?5,"
    " closed_at = CASE WHEN ?2 IN ('resolved', 'closed') THEN COALESCE(closed_at, ?6) ELSE NULL END,"
    " updated_at = ?6, version = version + 1 WHERE id = ?1";

bool Cases_normalise_ref(const char *in, char out[CASE_REF_LEN])
{
    char c[24];
    if (Text_alnum_upper(in, c, sizeof c) != 10 || strncmp(c, "FD", 2) != 0)
        return false;
    for (int i = 2; i < 10; i++)
        if (!isdigit((unsigned char)c[i]))
            return false;
    snprintf(out, CASE_REF_LEN, "FD-%.2s-%.6s", c + 2, c + 4);
    return true;
}

/* FD-<two-digit year>-<six digits>: short enough to read aloud. */
static int next_ref(Db *db, char out[CASE_REF_LEN])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    DbStmt *st = Db_stmt(db, SQL_NEXT_SEQ);
    if (!st)
        return -1;
    Db_bind_int(st, 1, tm.tm_year + 1900);
    int rc = Db_step(st);
    long long n = rc == DB_ROW ? Db_col_int64(st, 0) : -1;
    Db_reset(st);
    if (n < 0 || n > 999999)
        return -1;
    snprintf(out, CASE_REF_LEN, "FD-%02d-%06lld", tm.tm_year % 100, n);
    return 0;
}

static int service_team(Db *db, const char *code, char team[CASE_TEAM_MAX], int *sla_hours)
{
    DbStmt *st = Db_stmt(db, SQL_SERVICE);
    if (!st)
        return -1;
    Db_bind_text(st, 1, code);
    int rc = -1;
    if (Db_step(st) == DB_ROW) {
        snprintf(team, CASE_TEAM_MAX, "%s", Db_col_text(st, 0));
        *sla_hours = Db_col_int(st, 1);
        rc = 0;
    }
    Db_reset(st);
    return rc;
}

static void bind_case(DbStmt *st, const CaseIn *in, const char *ref, const char *team,
                      const char *due, const char *now, long long actor)
{
    Db_bind_text(st, 1, ref);
    if (in->customer_id > 0)
        Db_bind_int64(st, 2, in->customer_id);
    const char *text[] = {in->service_code, team, in->summary,
                          in->priority ? in->priority : "normal", in->next_steps,
                          in->triage_response, in->script_id, in->script_version};
    for (int i = 0; i < 8; i++)
        Db_bind_text(st, 3 + i, text[i]);
    if (in->contact_id > 0)
        Db_bind_int64(st, 11, in->contact_id);
    Db_bind_text(st, 12, in->source ? in->source : "advisor");
    Db_bind_text(st, 13, in->address);
    Db_bind_text(st, 14, in->media_url);
    Db_bind_text(st, 15, in->attributes);
    if (in->has_location) {
        Db_bind_double(st, 16, in->lat);
        Db_bind_double(st, 17, in->lon);
    }
    Db_bind_text(st, 18, due);
    Db_bind_text(st, 19, now);
    if (actor > 0)
        Db_bind_int64(st, 20, actor);
}

long long Cases_create(Db *db, const CaseIn *in, long long actor, char ref_out[CASE_REF_LEN])
{
    char team[CASE_TEAM_MAX], due[TIMEFMT_LEN], now[TIMEFMT_LEN];
    int sla = 0;
    if (service_team(db, in->service_code, team, &sla) < 0 || next_ref(db, ref_out) < 0)
        return -1;
    time_t t = time(NULL);
    Timefmt_utc(t, now);
    Timefmt_utc(t + (time_t)sla * 3600, due);
    DbStmt *st = Db_stmt(db, SQL_INSERT);
    if (!st)
        return -1;
    bind_case(st, in, ref_out, team, due, now, actor);
    long long id = Db_step_id(st, NULL);
    if (id < 0)
        return -1;
    json_t *detail = json_pack("{s:s, s:s, s:s}", "team", team, "service", in->service_code,
                               "source", in->source ? in->source : "advisor");
    if (Cases_event(db, id, actor, "created", detail) < 0 ||
        (in->customer_id > 0 && Custindex_update(db, in->customer_id) < 0))
        return -1;
    return id;
}

int Cases_event(Db *db, long long case_id, long long actor, const char *kind, json_t *detail)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    char *text = detail ? Jsonx_dump(detail) : NULL;
    json_decref(detail);
    DbStmt *st = Db_stmt(db, SQL_EVENT);
    int rc = -1;
    if (st) {
        Db_bind_int64(st, 1, case_id);
        Db_bind_text(st, 2, now);
        if (actor > 0)
            Db_bind_int64(st, 3, actor);
        Db_bind_text(st, 4, kind);
        Db_bind_text(st, 5, text);
        rc = Db_step(st) == DB_DONE ? 0 : -1;
    }
    free(text);
    return rc;
}

long long Cases_find(Db *db, const char *ref, long long *version)
{
    char norm[CASE_REF_LEN];
    if (!Cases_normalise_ref(ref, norm))
        return 0;
    DbStmt *st = Db_stmt(db, SQL_FIND);
    if (!st)
        return 0;
    Db_bind_text(st, 1, norm);
    long long id = 0;
    if (Db_step(st) == DB_ROW) {
        id = Db_col_int64(st, 0);
        if (version)
            *version = Db_col_int64(st, 1);
    }
    Db_reset(st);
    return id;
}

bool Cases_customer_exists(Db *db, long long customer_id)
{
    return Db_exists(db, SQL_CUSTOMER_EXISTS, NULL, customer_id);
}

bool Cases_service_exists(Db *db, const char *code)
{
    return Db_exists(db, SQL_SERVICE_EXISTS, code, 0);
}

long long Cases_customer_id(Db *db, long long case_id)
{
    long long customer = 0;
    Db_lookup_int(db, SQL_CASE_CUSTOMER, NULL, case_id, &customer);
    return customer;
}

bool Cases_owner(Db *db, long long case_id, CaseOwner *o)
{
    DbStmt *st = Db_stmt(db, SQL_OWNER);
    if (!st)
        return false;
    Db_bind_int64(st, 1, case_id);
    bool found = Db_step(st) == DB_ROW;
    if (found) {
        o->assignee = Db_col_int64(st, 0);
        o->created_by = Db_col_int64(st, 1);
        snprintf(o->team, sizeof o->team, "%s", Db_col_text(st, 2));
        o->open_with_customer = Db_col_int(st, 3) != 0;
        snprintf(o->team_name, sizeof o->team_name, "%s", Db_col_text(st, 4));
    }
    Db_reset(st);
    return found;
}

int Cases_note(Db *db, long long case_id, long long author, const char *body)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_NOTE);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, case_id);
    Db_bind_int64(st, 2, author);
    Db_bind_text(st, 3, body);
    Db_bind_text(st, 4, now);
    long long id = Db_step_id(st, NULL);
    if (id < 0)
        return -1;
    char nid[24];
    snprintf(nid, sizeof nid, "%lld", id);
    return Cases_event(db, case_id, author, "note", json_pack("{s:s}", "note_id", nid));
}

int Cases_touch(Db *db, long long case_id)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_TOUCH);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, case_id);
    Db_bind_text(st, 2, now);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

static void person_name(Db *db, long long id, json_t *detail)
{
    DbStmt *st = Db_stmt(db, SQL_USER_NAME);
    if (!st)
        return;
    Db_bind_int64(st, 1, id);
    if (Db_step(st) == DB_ROW && Db_col_text(st, 0))
        json_object_set_new(detail, "assignee_name", json_string(Db_col_text(st, 0)));
    Db_reset(st);
}

int Cases_handoff(Db *db, long long case_id, const char *team, long long assignee,
                  long long actor, const char *reason)
{
    char now[TIMEFMT_LEN], who[24];
    Timefmt_utc(time(NULL), now);
    snprintf(who, sizeof who, "%lld", assignee);
    DbStmt *st = Db_stmt(db, SQL_HANDOFF);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, case_id);
    Db_bind_text(st, 2, team);
    if (assignee)
        Db_bind_int64(st, 3, assignee);
    Db_bind_text(st, 4, now);
    if (Db_step(st) != DB_DONE)
        return -1;
    json_t *detail = json_pack("{s:s, s:s?, s:s}", "team", team, "assignee_id",
                               assignee ? who : NULL, "reason", reason);
    if (assignee)   /* the timeline names the person, not a number */
        person_name(db, assignee, detail);
    return Cases_event(db, case_id, actor, "handoff", detail);
}

int Cases_state_load(Db *db, long long case_id, CaseState *s)
{
    DbStmt *st = Db_stmt(db, SQL_CURRENT);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, case_id);
    int rc = -1;
    if (Db_step(st) == DB_ROW) {
        snprintf(s->status, sizeof s->status, "%s", Db_col_text(st, 0));
        snprintf(s->priority, sizeof s->priority, "%s", Db_col_text(st, 1));
        s->summary = strdup(Db_col_text(st, 2));
        s->next_steps = Db_col_text(st, 3) ? strdup(Db_col_text(st, 3)) : NULL;
        rc = 0;
    }
    Db_reset(st);
    return rc;
}

int Cases_state_save(Db *db, long long case_id, const CaseState *s)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_UPDATE);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, case_id);
    const char *vals[] = {s->status, s->priority, s->summary, s->next_steps, now};
    for (int i = 0; i < 5; i++)
        Db_bind_text(st, i + 2, vals[i]);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

bool Cases_ref_version(Db *db, long long case_id, char ref[CASE_REF_LEN], long long *version)
{
    DbStmt *st = Db_stmt(db, SQL_REF_VERSION);
    if (!st)
        return false;
    Db_bind_int64(st, 1, case_id);
    bool found = Db_step(st) == DB_ROW;
    if (found) {
        snprintf(ref, CASE_REF_LEN, "%s", Db_col_text(st, 0));
        *version = Db_col_int64(st, 1);
    }
    Db_reset(st);
    return found;
}
