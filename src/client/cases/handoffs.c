#include "client/cases/handoffs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/core/view.h"
#include "client/live/live.h"
#include "common/jsonx.h"

/* Hand-overs whose giver is being looked up (the timeline read's owner
 * and the ref it is about). */
enum { HANDOFFS_PENDING = 8 };
typedef struct Handoff {
    bool used;
    bool late;   /* handed over well before we heard (Live_late) */
    char ref[40];
} Handoff;
static Handoff pending[HANDOFFS_PENDING];

/* Reading views give way to a handed-over case; forms never do, so
 * nothing half-typed is pushed out of sight. */
static bool Handoffs_may_open(void)
{
    return View_top_has(VIEW_FLAG_READING);
}

/* A late hand-over (heard on a resume, after a lock) never takes over
 * the screen: it is said, and my work lists it. */
static void Handoffs_announce(const char *ref, const char *by, bool late)
{
    if (late) {
        App_notice("%s handed you case %s while you were away: see my work.", by, ref);
    } else if (Handoffs_may_open()) {
        View_open(VIEW_CASE, (void *)ref);
        App_notice("%s handed you case %s.", by, ref);
    } else {
        App_notice("%s handed you case %s: type the reference in the search box to open it.",
                    by, ref);
    }
}

/* Who handed it over: the newest hand-off in the case's timeline (the
 * event carries the user's id only). */
static const char *Handoffs_by(const json_t *timeline)
{
    json_t *items = json_object_get(timeline, "items");
    for (size_t i = json_array_size(items); i-- > 0;) {
        const json_t *e = json_array_get(items, i);
        if (strcmp(Jsonx_str(e, "kind", ""), "handoff") == 0)
            return Jsonx_str(e, "actor", NULL);
    }
    return NULL;
}

static void Handoffs_timeline(void *owner, int tag, const ApiResult *r)
{
    (void)tag;
    Handoff *h = owner;
    h->used = false;
    if (!app.session.active)
        return;
    if (r->status == -1) {   /* Esc: said, not opened */
        App_notice("You were handed case %s: type the reference in the search box to open it.",
                    h->ref);
        return;
    }
    const char *by = r->status == 200 ? Handoffs_by(r->json) : NULL;
    Handoffs_announce(h->ref, by ? by : "Someone", h->late);
}

/* "case.assigned" {case_id, ref, by}: by is a user id; one's own
 * hand-over to oneself is not news. */
static void Handoffs_assigned(const char *kind, const json_t *facts, void *ctx)
{
    (void)kind;
    (void)ctx;
    const char *ref = Jsonx_str(facts, "ref", "");
    if (!ref[0] || Jsonx_int(facts, "by", 0) == atoll(app.session.user_id))
        return;
    Handoff *h = NULL;
    for (size_t i = 0; i < HANDOFFS_PENDING && !h; i++)
        if (!pending[i].used)
            h = &pending[i];
    if (!h) {
        Handoffs_announce(ref, "Someone", Live_late());   /* a burst: no name rather than no notice */
        return;
    }
    h->used = true;
    h->late = Live_late();
    snprintf(h->ref, sizeof h->ref, "%s", ref);
    if (!ApiCases_events((ApiTo){.done = Handoffs_timeline, .owner = h,
                                 .label = "Opening a case handed to you"}, ref))
        h->used = false;
}

void Handoffs_init(void)
{
    Live_subscribe("case.assigned", Handoffs_assigned, NULL);
}
