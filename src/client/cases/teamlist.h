/* teamlist: the teams a form's team pick field offers (GET queues,
 * each item's team {code, name}), so the advisor chooses a team by its
 * name and never has to know its code. Shared by the hand-off and the
 * call-back booking forms. */
#ifndef FD_TEAMLIST_H
#define FD_TEAMLIST_H
#include <jansson.h>
#include <stdbool.h>

#include "client/api/api.h"
#include "client/core/form.h"
#include "client/core/view.h"

enum { TEAMLIST_MAX = 64 };

typedef struct TeamList {
    json_t *items;          /* GET /queues items: team {code, name} */
    const char *codes[TEAMLIST_MAX + 1], *names[TEAMLIST_MAX + 1];   /* the pick list */
    ApiCall *call;          /* while the list is coming */
    bool failed;            /* the server answered, but with no list */
} TeamList;

/* Asks for the list; the answer comes to v's on_response with tag. */
void TeamList_request(TeamList *t, View *v, int tag);
/* The answer: becomes the pick list of fm's field key. */
void TeamList_in(TeamList *t, const ApiResult *r, Form *fm, const char *key);
/* With the server down the list may never come, and these forms are
 * filled mid-call: the exact code typed then goes as typed, marked "not
 * checked", and the server judges it when the outbox delivers. A list
 * kept from an earlier day could name a team since gone, and would look
 * checked when it was not. */
void TeamList_allow_unlisted(const TeamList *t, Form *fm, const char *key);
void TeamList_free(TeamList *t);

#endif
