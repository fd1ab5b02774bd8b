/* Open311 GeoReport v2 under /open311/v2 (JSON only): the service list, service
 * definitions, and new requests, which become cases in the owning team's
 * queue like any other. These routes are public: POST checks Open311's own
 * api_key; the reads (api_open311_requests.c) show nothing personal. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/jsonx.h"
#include "common/log.h"
#include "common/text.h"
#include "common/timefmt.h"
#include "server/api.h"
#include "server/livecase.h"
#include "server/store/cases.h"
#include "server/keys.h"
#include "server/open311.h"
#include "server/scriptstore.h"
#include "server/store/scripts.h"
#include "server/store/open311_requests.h"
#include "server/store/open311_services.h"

_Static_assert(sizeof ((Open311Service *)0)->script_id == SCRIPT_ID_MAX + 1,
               "a service holds any script id");

/* The newest version of a service's triage script, loaded by the engine;
 * NULL when it has none (or it no longer loads). *version gets its number. */
static Questionnaire *service_script(Db *db, const Open311Service *s, char version[16])
{
    json_t *doc = s->script_id[0] ? Scripts_get(db, s->script_id, 0) : NULL;
    if (!doc)
        return NULL;
    snprintf(version, 16, "%s", Jsonx_str(doc, "version", ""));
    Diag diag = DIAG_INIT;
    Questionnaire *q = Questionnaire_from_json(doc, s->script_id, &diag);
    Diag_free(&diag);
    json_decref(doc);
    return q;
}

/* Open311 keywords are comma separated; the catalogue's are words. */
static json_t *keywords(const char *words)
{
    if (!words || !*words)
        return json_null();
    Buf b = BUF_INIT;
    for (const char *p = words; *p;) {
        size_t n = strcspn(p, " ");
        if (n) {
            if (b.len)
                Buf_append(&b, ", ", 2);
            Buf_append(&b, p, n);
        }
        p += n + (p[n] == ' ');
    }
    json_t *out = json_stringn(b.data ? b.data : "", b.len);
    Buf_free(&b);
    return out;
}

static void sla_words(int hours, char *out, size_t cap)
{
    if (hours % 24 == 0 && hours >= 48)
        snprintf(out, cap, "%d days", hours / 24);
    else
        snprintf(out, cap, "%d hours", hours);
}

/* Appends one service to the list (ctx, an AddService). */
typedef struct AddService {
    Db *db;
    json_t *out;
} AddService;

static void add_service(const Open311Service *s, void *ctx)
{
    AddService *a = ctx;
    char version[16], within[32], description[400];
    Questionnaire *q = service_script(a->db, s, version);
    json_t *attrs = Open311_attributes(q);
    Questionnaire_free(q);
    sla_words(s->sla_hours, within, sizeof within);
    snprintf(description, sizeof description, "%s. Handled by %s, usually within %s.", s->name,
             s->team, within);
    json_array_append_new(
        a->out, json_pack("{s:s, s:s, s:s, s:b, s:s, s:o, s:s}", "service_code", s->code,
                          "service_name", s->name, "description", description, "metadata",
                          json_array_size(attrs) > 0, "type", "realtime", "keywords",
                          keywords(s->keywords), "group", s->team));
    json_decref(attrs);
}

void Api_open311_services(Request *rq, Reply *r)
{
    AddService a = {rq->db, json_array()};
    if (Open311_services_each(rq->db, add_service, &a) < 0) {
        json_decref(a.out);
        Open311_error(r, 503, "The service list is unavailable; try again shortly.");
        return;
    }
    Reply_json(r, 200, a.out);
}

bool Api_open311_strip_json(const char *segment, char *out, size_t cap)
{
    size_t n = strlen(segment);
    if (n <= 5 || n - 5 >= cap || strcmp(segment + n - 5, ".json") != 0)
        return false;
    memcpy(out, segment, n - 5);
    out[n - 5] = '\0';
    return true;
}

void Api_open311_service_definition(Request *rq, Reply *r)
{
    char code[64], version[16];
    Open311Service s;
    if (!Api_open311_strip_json(rq->params[0], code, sizeof code) ||
        !Open311_services_find(rq->db, code, &s)) {
        Open311_error(r, 404, "No such service_code; see services.json for the list.");
        return;
    }
    Questionnaire *q = service_script(rq->db, &s, version);
    Reply_json(r, 200, json_pack("{s:s, s:o}", "service_code", s.code, "attributes",
                                 Open311_attributes(q)));
    Questionnaire_free(q);
}

/* ---- POST requests.json ------------------------------------------------- */

static enum MHD_Result add_query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind;
    if (key && value)
        Formdata_add(cls, key, value);
    return MHD_YES;
}

/* The fields of a new request: the form-encoded body (Open311's way), or a
 * JSON object, then the query string (the spec's examples put them there).
 * The first occurrence of a key wins. */
static bool read_fields(Request *rq, Formdata *f, Reply *r)
{
    const char *why = NULL, *type = Request_header(rq, "Content-Type");
    int rc = 0;
    if (type && strncasecmp(type, "application/json", 16) == 0) {
        json_t *obj = rq->body_len && Jsonx_depth(rq->body, rq->body_len, 4) <= 3
                          ? json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, NULL)
                          : NULL;
        rc = json_is_object(obj) ? Formdata_from_json(f, obj, &why) : -1;
        if (!json_is_object(obj))
            why = "the body is not a JSON object";
        json_decref(obj);
    } else if (rq->body_len) {
        rc = Formdata_parse(f, rq->body, rq->body_len, &why);
    }
    if (rc == 0)
        MHD_get_connection_values(rq->conn, MHD_GET_ARGUMENT_KIND, add_query_arg, f);
    if (rc < 0) {
        char msg[160];
        snprintf(msg, sizeof msg, "The request could not be read: %s.", why ? why : "malformed");
        Open311_error(r, 400, msg);
    }
    return rc == 0;
}

static const char *field(const Formdata *f, const char *key)
{
    const char *v = Formdata_get(f, key);
    while (v && (*v == ' ' || *v == '\t'))
        v++;
    return v && *v ? v : NULL;
}

static bool number_in(const char *s, double lo, double hi, double *out)
{
    char *end;
    if (!s)
        return false;
    *out = strtod(s, &end);
    return end != s && *end == '\0' && *out >= lo && *out <= hi;
}

/* lat/long, address_string or address_id: at least one, per the spec. */
static const char *check_location(const Formdata *f, CaseIn *in)
{
    const char *lat = field(f, "lat"), *lon = field(f, "long");
    if (lat || lon) {
        if (!number_in(lat, -90, 90, &in->lat) || !number_in(lon, -180, 180, &in->lon))
            return "lat and long must both be given, as WGS84 decimal degrees.";
        in->has_location = true;
    }
    in->address = field(f, "address_string");
    if (!in->has_location && !in->address && !field(f, "address_id"))
        return "A location is required: lat and long, address_string or address_id.";
    if (in->address && Text_utf8_length(in->address) > 500)
        return "address_string is too long (500 characters at most).";
    return NULL;
}

/* The media URL is published back, so it must be a plain http(s) URL. */
static const char *check_text(const Formdata *f, CaseIn *in)
{
    const char *m = in->media_url = field(f, "media_url");
    if (m && ((strncmp(m, "https://", 8) != 0 && strncmp(m, "http://", 7) != 0) ||
              strlen(m) > 2000 || strpbrk(m, " \t\r\n\"<>\\^`{|}")))
        return "media_url must be an http or https URL.";
    const char *d = field(f, "description");
    if (d && Text_utf8_length(d) > 4000)
        return "description is too long (4000 characters at most).";
    return NULL;
}

/* What the back office works from: a FHIR QuestionnaireResponse of the
 * answers given, so the case shows them in plain words like a triage. */
static char *response_text(const Questionnaire *q, json_t *answers, const char *now)
{
    const char *url = Questionnaire_url(q), *ver = Questionnaire_version(q);
    json_t *qr = json_pack("{s:s, s:s, s:s, s:O}", "resourceType", "QuestionnaireResponse",
                           "status", "completed", "authored", now, "item", answers);
    if (url)
        json_object_set_new(qr, "questionnaire",
                            ver ? json_sprintf("%s|%s", url, ver) : json_string(url));
    char *text = Jsonx_dump(qr);
    json_decref(qr);
    return text;
}

/* A short summary for the queue: the description's start, cut at a
 * character boundary, or the service name. */
static void summary(const Formdata *f, const Open311Service *s, char *out, size_t cap)
{
    const char *d = field(f, "description");
    if (!d) {
        snprintf(out, cap, "%s (reported online)", s->name);
        return;
    }
    size_t n = strcspn(d, "\r\n");
    if (n >= cap)
        n = cap - 1;
    while (n > 0 && ((unsigned char)d[n] & 0xC0) == 0x80)
        n--;
    memcpy(out, d, n);
    out[n] = '\0';
}

/* Contact details the reporter chose to give are for staff only: a note on
 * the case (notes are never published and never logged). */
static int contact_note(Db *db, long long case_id, const Formdata *f, const char *now)
{
    static const char *const keys[] = {"first_name", "last_name", "email", "phone"};
    static const char *const labels[] = {"first name", "last name", "email", "phone"};
    char body[1200];
    size_t n = (size_t)snprintf(body, sizeof body, "Contact details given with the online"
                                " report:");
    bool any = false;
    for (int i = 0; i < 4; i++) {
        const char *v = field(f, keys[i]);
        if (v && n < sizeof body) {
            char shown[201]; /* 200 bytes at most, ending on a whole character */
            Text_format(shown, sizeof shown, "%s", v);
            n += Text_format(body + n, sizeof body - n, " %s %s;", labels[i], shown);
            any = true;
        }
    }
    return any ? Open311_requests_add_note(db, case_id, body, now) : 0;
}

typedef struct NewRequest {
    Formdata f;
    Open311Service svc;
    Questionnaire *q;
    char version[16];
    json_t *values, *answers;
    CaseIn in;
    char address[600], summary[200], notice[320], now[TIMEFMT_LEN];
} NewRequest;

/* Checks everything the client sent; false with r filled on the first
 * problem, in the order a client can fix them. */
static bool check_request(Request *rq, NewRequest *n, Reply *r)
{
    const char *code, *bad;
    char why[320];
    if (!read_fields(rq, &n->f, r))
        return false;
    if (!Keys_valid(rq->db, CLIENT_KEYS_OPEN311, field(&n->f, "api_key"))) {
        Open311_error(r, 403, "api_key is missing or not valid; ask the council for a key.");
        return false;
    }
    if (!(code = field(&n->f, "service_code"))) {
        Open311_error(r, 400, "service_code is required; see services.json for the list.");
        return false;
    }
    if (strlen(code) >= sizeof n->svc.code || !Open311_services_find(rq->db, code, &n->svc)) {
        Open311_error(r, 404, "No such service_code; see services.json for the list.");
        return false;
    }
    if ((bad = check_location(&n->f, &n->in)) || (bad = check_text(&n->f, &n->in))) {
        Open311_error(r, 400, bad);
        return false;
    }
    n->q = service_script(rq->db, &n->svc, n->version);
    if (Open311_check_attributes(n->q, &n->f, &n->values, &n->answers, why, sizeof why) < 0) {
        Open311_error(r, 400, why);
        return false;
    }
    return true;
}

static long long create_case(Request *rq, NewRequest *n, char ref[CASE_REF_LEN])
{
    char within[32];
    Timefmt_utc(time(NULL), n->now);
    sla_words(n->svc.sla_hours, within, sizeof within);
    snprintf(n->notice, sizeof n->notice, "Thank you. %s will deal with this, usually within %s.",
             n->svc.team, within);
    summary(&n->f, &n->svc, n->summary, sizeof n->summary);
    if (!n->in.address && field(&n->f, "address_id")) {
        char shown[201];
        Text_format(shown, sizeof shown, "%s", field(&n->f, "address_id"));
        Text_format(n->address, sizeof n->address, "Address ID %s", shown);
        n->in.address = n->address;
    }
    char *attrs = Jsonx_dump(n->values);
    char *triage = n->q ? response_text(n->q, n->answers, n->now) : NULL;
    n->in.source = "open311";
    n->in.service_code = n->svc.code;
    n->in.summary = n->summary;
    n->in.next_steps = n->notice;
    n->in.attributes = attrs;
    n->in.triage_response = triage;
    n->in.script_id = n->q ? n->svc.script_id : NULL;
    n->in.script_version = n->q ? n->version : NULL;
    long long id = Cases_create(rq->db, &n->in, 0, ref);
    if (id > 0 && (contact_note(rq->db, id, &n->f, n->now) < 0 ||
                   Livecase_created(rq->db, id) < 0))   /* the team's queue.changed */
        id = -1;
    free(attrs);
    free(triage);
    return id;
}

void Api_open311_request_create(Request *rq, Reply *r)
{
    NewRequest n = {.f = FORMDATA_INIT};
    char ref[CASE_REF_LEN];
    if (check_request(rq, &n, r)) {
        if (create_case(rq, &n, ref) < 0) {
            Open311_error(r, 503, "The request could not be saved; nothing was recorded."
                          " Try again shortly.");
        } else {
            /* Codes and refs only: what the reporter wrote stays out of logs. */
            Log_event(LOG_INFO, "open311.request", "service=%s case=%s", n.svc.code, ref);
            Reply_json(r, 201, json_pack("[{s:s, s:s}]", "service_request_id", ref,
                                         "service_notice", n.notice));
        }
    }
    Questionnaire_free(n.q);
    json_decref(n.values);
    json_decref(n.answers);
    Formdata_free(&n.f);
}
