/* Contacts: POST /contacts, GET /contacts/{id} and a customer's contacts.
 * What a contact body must hold, and how one is shown, is contactrec.c;
 * the rows are store/contacts.c. */
#include <stdio.h>
#include <stdlib.h>

#include "common/jsonx.h"
#include "server/api.h"
#include "server/audit.h"
#include "server/contactrec.h"
#include "server/store/contacts.h"

void Api_contact_create(Request *rq, Reply *r)
{
    json_t *body = Request_json(rq, r);
    long long id = body ? Contactrec_record(rq, body, r) : -1;
    if (id > 0) {
        char location[64];
        snprintf(location, sizeof location, "/api/v1/contacts/%lld", id);
        Reply_json(r, 201, Contactrec_json(rq->db, id));
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
    json_t *c = Api_parse_id(rq->params[0], &id) ? Contactrec_json(rq->db, id) : NULL;
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
    long long ids[101];
    int n = Contacts_page(rq->db, cid, cursor, (int)limit, ids);
    bool more = n > limit;
    json_t *items = json_array();
    for (int i = 0; i < (more ? limit : n); i++)
        json_array_append_new(items, Contactrec_json(rq->db, ids[i]));
    char next[24];
    snprintf(next, sizeof next, "%lld", more ? ids[limit - 1] : 0);
    Reply_json(r, 200, json_pack("{s:o, s:s?}", "items", items, "next_cursor", more ? next : NULL));
    Audit_read_done(rq, r, n ? Audit_record(rq, "customer.contacts", cid, NULL) : 0);
}
