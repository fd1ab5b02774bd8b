/* The service catalogue (what people call about, who owns it, how fast)
 * and the triage scripts behind it. */
#include "server/api.h"
#include "server/audit.h"
#include "server/scriptstore.h"
#include "server/store/catalogue.h"
#include "server/store/scripts.h"

void Api_services_list(Request *rq, Reply *r)
{
    Reply_json(r, 200,
               json_pack("{s:o, s:n}", "items", Catalogue_services(rq->db, NULL), "next_cursor"));
}

void Api_service_get(Request *rq, Reply *r)
{
    json_t *items = Catalogue_services(rq->db, rq->params[0]);
    if (json_array_size(items) == 0) {
        json_decref(items);
        Api_reply_not_found(r, "service");
        return;
    }
    Reply_json(r, 200, json_incref(json_array_get(items, 0)));
    json_decref(items);
}

void Api_scripts_list(Request *rq, Reply *r)
{
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", Scripts_list(rq->db), "next_cursor"));
}

void Api_script_get(Request *rq, Reply *r)
{
    long version;
    if (!Request_int_param(rq, r, "version", 1, 1000000, 0, &version))
        return;
    json_t *q = Scriptstore_valid_id(rq->params[0])
                    ? Scripts_get(rq->db, rq->params[0], (int)version) : NULL;
    if (!q) {
        Api_reply_not_found(r, "script");
        return;
    }
    Reply_json(r, 200, q);
    r->content_type = "application/fhir+json";
}

/* PUT /api/v1/scripts/{id} (trainer, admin): a new version, if changed.
 * A script the engine would refuse is refused here, naming the items. */
void Api_script_put(Request *rq, Reply *r)
{
    json_t *body = Request_json(rq, r);
    if (!body)
        return;
    Diag diag = DIAG_INIT;
    int version = 0;
    bool created = false;
    if (!Scriptstore_valid_id(rq->params[0])) {
        Reply_invalid(r, "id", "Script ids are lower-case letters, digits, - and _ (up to 64).");
    } else if (Scriptstore_put(rq->db, rq->params[0], body, rq->user.id, rq->params[0], &diag,
                               &version, &created) < 0) {
        json_t *errors = json_array();
        for (size_t i = 0; i < diag.count; i++)
            json_array_append_new(errors, json_pack("{s:s, s:s}", "field", "item", "message",
                                                    diag.lines[i]));
        Reply_problem_fields(r, 400, PROBLEM_VALIDATION, "The script cannot be used",
                             diag.count ? diag.lines[0] : "Check the script.", errors);
    } else if (Audit_record(rq, "script.put", 0, rq->params[0]) == 0) {
        Reply_json(r, created ? 201 : 200, Scripts_get(rq->db, rq->params[0], version));
        r->content_type = "application/fhir+json";
    }
    Diag_free(&diag);
    json_decref(body);
}
