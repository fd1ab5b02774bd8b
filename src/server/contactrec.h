/* contactrec: a contact as the API takes and gives it, shared by POST
 * /contacts and the completion of a call-back (which records one): the
 * body checked field by field, the safeguarding rule, the row stored
 * (store/contacts.h) and its audit row. */
#ifndef FD_CONTACTREC_H
#define FD_CONTACTREC_H
#include <jansson.h>

#include "server/request.h"

/* Check and store a contact from a JSON body: its id, or -1 with r
 * holding the problem (422 naming each bad field, 500 if not saved). */
long long Contactrec_record(Request *rq, json_t *body, Reply *r);
/* A stored contact as the API's Contact, or NULL when there is none. */
json_t *Contactrec_json(Db *db, long long id);

#endif
