/* mywork: see mywork.h. */
#include "client/mywork/mywork.h"

#include <stdio.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/core/loop.h"
#include "client/live/live.h"
#include "client/screenpop/screenpop.h"
#include "common/jsonx.h"
#include "common/log.h"

enum { TAG_COUNTS = 1, TAG_MESSAGE };

static struct {
    bool signed_in;
    long cases, handovers, callbacks, messages;
    ApiCall *call;
    void (*on_change)(void);
} mw;

static void MyWork_counts_in(void *owner, int tag, const ApiResult *r)
{
    (void)owner; (void)tag;
    mw.call = NULL;
    if (r->status != 200 || !mw.signed_in)
        return;
    mw.cases = (long)Jsonx_int(json_object_get(r->json, "cases"), "count", 0);
    mw.handovers = (long)Jsonx_int(json_object_get(r->json, "handovers"), "count", 0);
    mw.callbacks = (long)Jsonx_int(json_object_get(r->json, "callbacks"), "count", 0);
    mw.messages = (long)Jsonx_int(json_object_get(r->json, "messages"), "count", 0);
    ScreenPop_set_waiting(json_object_get(json_object_get(r->json, "calls"), "items"));
    Loop_dirty();
}

void MyWork_refresh(void)
{
    if (!mw.signed_in)
        return;
    Api_cancel(mw.call);   /* the newest answer is the one to show */
    mw.call = ApiMe_work((ApiTo){.done = MyWork_counts_in, .owner = &mw, .tag = TAG_COUNTS}, true);
}

static void MyWork_changed(const char *kind, const json_t *facts, void *ctx)
{
    (void)kind; (void)facts; (void)ctx;
    MyWork_refresh();
    if (mw.on_change)
        mw.on_change();
}

void MyWork_on_change(void (*fn)(void))
{
    mw.on_change = fn;
}

void MyWork_say_message(const json_t *m)
{
    json_t *from = json_object_get(m, "from");
    App_notice("Message from %s: %s", Jsonx_str(from, "display_name", Jsonx_str(from, "username", "?")),
                Jsonx_str(m, "text", ""));
}

static void MyWork_message_in(void *owner, int tag, const ApiResult *r)
{
    (void)owner; (void)tag;
    if (r->status == 200 && mw.signed_in)
        MyWork_say_message(r->json);
    else
        Log_event(LOG_WARN, "message_unread", "status=%ld", r->status);
}

static void MyWork_message(const char *kind, const json_t *facts, void *ctx)
{
    const char *id = Jsonx_str(facts, "message_id", "");
    if (id[0] && mw.signed_in)
        ApiMe_message((ApiTo){.done = MyWork_message_in, .owner = &mw, .tag = TAG_MESSAGE}, id);
    MyWork_changed(kind, facts, ctx);
}

void MyWork_init(void)
{
    static const char *const kinds[] = {"case.assigned", "case.changed", "callback.due", "call.offered",
                                        "call.ended", LIVE_RELOAD};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        Live_subscribe(kinds[i], MyWork_changed, NULL);
    Live_subscribe("message", MyWork_message, NULL);
}

void MyWork_sync(void)
{
    if (mw.signed_in == app.session.active)
        return;
    Api_cancel(mw.call);
    void (*keep)(void) = mw.on_change;
    memset(&mw, 0, sizeof mw);
    mw.on_change = keep;
    mw.signed_in = app.session.active;
    MyWork_refresh();
}

static void MyWork_part(char *out, size_t cap, long n, const char *one, const char *many)
{
    if (n <= 0)
        return;
    size_t len = strlen(out);
    snprintf(out + len, cap - len, "%s%ld %s", len ? ", " : "My work: ", n, n == 1 ? one : many);
}

void MyWork_text(char *out, size_t cap)
{
    out[0] = '\0';
    if (!mw.signed_in)
        return;
    long waiting = (long)ScreenPop_waiting_count();
    MyWork_part(out, cap, waiting, "call waiting", "calls waiting");
    MyWork_part(out, cap, mw.messages, "message", "messages");
    MyWork_part(out, cap, mw.cases, "case", "cases");
    MyWork_part(out, cap, mw.callbacks, "call-back", "call-backs");
}

bool MyWork_action(View *top, Action a)
{
    (void)top;
    if (a != ACT_MY_WORK)
        return false;
    if (app.session.active)
        View_raise(VIEW_MYWORK, NULL);
    return true;
}
