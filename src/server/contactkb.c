/* contactkb: checking the articles a contact says were used (see contactkb.h). */
#include "server/contactkb.h"

#include <string.h>

#include "common/jsonx.h"
#include "server/store/contacts.h"

enum { ARTICLES_MAX = 20, ARTICLE_ID_MAX = 64 };

static bool read_item(Fields *f, Db *db, const json_t *it, int *answers)
{
    const char *id = Jsonx_str(it, "id", NULL);
    json_t *answer = json_object_get(it, "answer");
    if (!json_is_object(it) || !id || !id[0] || strlen(id) > ARTICLE_ID_MAX ||
        (answer && !json_is_boolean(answer)) || json_object_size(it) > 2 ||
        json_object_size(it) != 1u + (answer != NULL)) {
        Fields_error(f, "articles", "Each article is {\"id\": text, \"answer\": true or false}.");
        return false;
    }
    if (!Contacts_article_exists(db, id)) {
        Fields_error(f, "articles", "No knowledge-base article has this id.");
        return false;
    }
    *answers += json_is_true(answer);
    return true;
}

json_t *Contactkb_read(Fields *f, Db *db)
{
    json_t *in = json_object_get(f->body, "articles"), *out = json_array();
    if (!in || json_is_null(in))
        return out;
    if (!json_is_array(in) || json_array_size(in) > ARTICLES_MAX) {
        Fields_error(f, "articles", "articles must be a list of up to 20 articles.");
        return out;
    }
    int answers = 0;
    size_t i;
    json_t *it;
    json_array_foreach(in, i, it)
        if (read_item(f, db, it, &answers))
            json_array_append(out, it);
    if (answers > 1)
        Fields_error(f, "articles", "Mark at most one article as the answer given.");
    return out;
}
