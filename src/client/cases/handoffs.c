#include "client/cases/handoffs.h"

#include <stdio.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/api/api.h"
#include "client/core/app.h"
#include "client/cases/cases.h"
#include "client/core/loop.h"
#include "client/core/view.h"
#include "common/jsonx.h"
#include "common/timefmt.h"

static struct {
    unsigned timer;
    bool running, asking;
    bool primed;              /* the first answer sets the baseline */
    char since[TIMEFMT_LEN];  /* newest assigned_at seen, server's clock */
} poll;

static void Handoffs_tick(void *data);

static void Handoffs_schedule(void)
{
    poll.timer = poll.running ? Loop_timer_add(HANDOFFS_POLL_MS, Handoffs_tick, NULL) : 0;
}

/* Reading views give way to a handed-over case; forms never do, so
 * nothing half-typed is pushed out of sight. */
static bool Handoffs_may_open(void)
{
    return View_top_has(VIEW_FLAG_READING);
}

static void Handoffs_announce(const json_t *item)
{
    const char *ref = Jsonx_str(item, "ref", "");
    const char *by = Jsonx_str(item, "assigned_by", "someone");
    if (Handoffs_may_open()) {
        View_open(VIEW_CASE, (void *)ref);
        App_message("%s handed you case %s.", by, ref);
    } else {
        App_message("%s handed you case %s: type the reference in the search box to open it.",
                    by, ref);
    }
}

static void Handoffs_done(void *owner, int tag, const ApiResult *r)
{
    (void)owner;
    (void)tag;
    poll.asking = false;
    if (r->status != 200 || !poll.running)
        return;
    json_t *items = json_object_get(r->json, "items"), *item;
    size_t i;
    /* Newest first: announce the oldest last so the newest stays on top. */
    for (i = json_array_size(items); i-- > 0;) {
        item = json_array_get(items, i);
        const char *at = Jsonx_str(item, "assigned_at", "");
        if (strcmp(at, poll.since) <= 0)
            continue;
        snprintf(poll.since, sizeof poll.since, "%s", at);
        if (poll.primed && strcmp(Jsonx_str(item, "assigned_by", ""), app.session.display_name))
            Handoffs_announce(item);
    }
    poll.primed = true;
}

static void Handoffs_tick(void *data)
{
    (void)data;
    if (!poll.running)
        return;
    if (!poll.asking) {
        poll.asking = ApiCases_mine((ApiTo){.done = Handoffs_done, .owner = &poll}, poll.since) != NULL;
    }
    Handoffs_schedule();
}

void Handoffs_start(void)
{
    /* Only hand-overs from now on: the first answer (by the server's clock,
     * not this terminal's) marks what was already assigned. */
    poll.since[0] = '\0';
    poll.primed = false;
    poll.running = true;
    poll.asking = false;
    Handoffs_tick(NULL);
}

void Handoffs_stop(void)
{
    poll.running = false;
    if (poll.timer)
        Loop_timer_cancel(poll.timer);
    poll.timer = 0;
    Api_cancel_owner(&poll);
}
