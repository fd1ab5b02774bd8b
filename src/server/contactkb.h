/* contactkb: the knowledge-base articles read during a contact, and the
 * one the advisor marked as the answer given, kept with the contact so the
 * KB's use can be counted. Body field "articles": up to 20 of
 * {"id": "<article id>", "answer": true|false}, at most one answer. */
#ifndef FD_CONTACTKB_H
#define FD_CONTACTKB_H
#include <jansson.h>

#include "server/store/db.h"
#include "server/fields.h"

/* The checked list (new reference; an empty array when absent), with
 * errors named "articles" in f. */
json_t *Contactkb_read(Fields *f, Db *db);
/* Stores the list against contact id; -1 on a database error. */
int Contactkb_store(Db *db, long long contact_id, const json_t *articles);
/* The stored list for GET: [{"id", "title", "answer"}]. */
json_t *Contactkb_json(Db *db, long long contact_id);
/* An article's use: {"contacts": read on, "answers": given as the answer}. */
json_t *Contactkb_use(Db *db, const char *article_id);

#endif
