/* callback_due: see callback_due.h. The event carries the call-back's id
 * and team only: who is to be rung is read from the queue, audited, when
 * the advisor opens it. */
#include "client/queue/callback_due.h"

#include "client/core/app.h"
#include "client/live/live.h"
#include "common/jsonx.h"

static void CallbackDue_event(const char *kind, const json_t *facts, void *ctx)
{
    (void)kind;
    (void)ctx;
    char keys[40];
    const char *team = Jsonx_str(facts, "team", "");
    App_keys_hint(CTX_GLOBAL, ACT_QUEUES, keys, sizeof keys);
    App_notice("Call-back %s%s%s is due now: %s opens the queues.",
                Jsonx_str(facts, "callback_id", "?"), team[0] ? " for " : "", team, keys);
}

void CallbackDue_init(void)
{
    Live_subscribe("callback.due", CallbackDue_event, NULL);
}
