/* contactkb: the knowledge-base articles read during a contact, and the
 * one the advisor marked as the answer given, kept with the contact so the
 * KB's use can be counted. Body field "articles": up to 20 of
 * {"id": "<article id>", "answer": true|false}, at most one answer.
 * The list is stored, shown and counted by store/contacts.h. */
#ifndef FD_CONTACTKB_H
#define FD_CONTACTKB_H
#include <jansson.h>

#include "server/fields.h"
#include "server/store/store.h"

/* The checked list (new reference; an empty array when absent), with
 * errors named "articles" in f. */
json_t *Contactkb_read(Fields *f, Db *db);

#endif
