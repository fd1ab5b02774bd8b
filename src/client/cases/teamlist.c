/* teamlist: see teamlist.h. */
#include "client/cases/teamlist.h"

#include "common/jsonx.h"
#include "client/api/lib.h"

void TeamList_request(TeamList *t, View *v, int tag)
{
    t->call = ApiQueues_list(View_to(v, tag, "Loading the teams"));
}

void TeamList_in(TeamList *t, const ApiResult *r, Form *fm, const char *key)
{
    t->call = NULL;
    json_t *items = json_object_get(r->json, "items");
    if (r->status != 200 || !json_is_array(items)) {
        t->failed = true;
        return;
    }
    json_decref(t->items);
    t->items = json_incref(items);
    size_t i, n = 0;
    json_t *q;
    json_array_foreach(items, i, q) {
        if (n == TEAMLIST_MAX)
            break;
        const json_t *team = json_object_get(q, "team");
        t->codes[n] = Jsonx_str(team, "code", "");
        t->names[n++] = Jsonx_str(team, "name", "");
    }
    t->codes[n] = t->names[n] = NULL;
    Form_pick_set(fm, key, t->codes, t->names);
}

void TeamList_allow_unlisted(const TeamList *t, Form *fm, const char *key)
{
    bool down = !t->items && (t->failed || Api_stalled(t->call));
    Form_pick_unlisted(fm, key, down);
}

void TeamList_free(TeamList *t)
{
    json_decref(t->items);
    t->items = NULL;
}
