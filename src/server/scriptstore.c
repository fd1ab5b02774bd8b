#include "server/scriptstore.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/jsonx.h"
#include "common/questionnaire.h"
#include "common/scriptwalk.h"
#include "server/store/catalogue.h"
#include "server/store/kb.h"
#include "server/store/scripts.h"
#include "server/store/wrapcodes.h"

bool Scriptstore_valid_id(const char *id)
{
    size_t n = strlen(id);
    return n > 0 && n <= SCRIPT_ID_MAX &&
           strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

/* What the engine cannot know: that the codes an outcome names exist here. */
static int check_references(Db *db, const Questionnaire *q, const char *source, Diag *diag)
{
    int errors = 0;
    for (size_t i = 0; i < Questionnaire_item_count(q); i++) {
        const QItem *it = Questionnaire_item(q, i);
        const QOutcome *o = QItem_outcome(it);
        if (!o)
            continue;
        const char *link = QItem_link_id(it);
        if (o->wrap && !Wrapcodes_exists(db, o->wrap) && ++errors)
            Diag_add(diag, source, 0, "item '%s': unknown wrap code '%s'", link, o->wrap);
        if (o->service && !Catalogue_service_exists(db, o->service) && ++errors)
            Diag_add(diag, source, 0, "item '%s': unknown service '%s'", link, o->service);
        for (size_t k = 0; k < o->kb_count; k++)
            if (!Kb_exists(db, o->kb[k]) && ++errors)
                Diag_add(diag, source, 0, "item '%s': unknown KB article '%s'", link, o->kb[k]);
    }
    return errors;
}

/* The text compared and stored, with the version member left out: the
 * server numbers versions, so an author's "version" alone is no change. */
static char *canonical(const json_t *questionnaire)
{
    json_t *copy = json_deep_copy(questionnaire);
    json_object_del(copy, "version");
    char *text = json_dumps(copy, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(copy);
    return text;
}

int Scriptstore_put(Db *db, const char *id, const json_t *questionnaire, long long user_id,
                    const char *source, Diag *diag, int *version, bool *created)
{
    Questionnaire *q = Questionnaire_from_json(questionnaire, source, diag);
    if (!q)
        return -1;
    int rc = -1;
    const char *qid = Questionnaire_id(q);
    if (!qid || strcmp(qid, id) != 0)
        Diag_add(diag, source, 0, "questionnaire: id must be '%s'", id);
    else if (check_references(db, q, source, diag) == 0 &&
             Scriptwalk_check(q, source, diag, NULL) == 0)   /* every path ends in an outcome */
        rc = 0;
    char *text = rc == 0 ? canonical(questionnaire) : NULL, err[256];
    if (rc == 0 && Scripts_put(db, id, Questionnaire_title(q), text, user_id, version, created,
                               err, sizeof err) < 0) {
        Diag_add(diag, source, 0, "cannot store: %s", err);
        rc = -1;
    }
    free(text);
    Questionnaire_free(q);
    return rc;
}
