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
    json_t *refs;          /* my cases as last listed, to tell case.changed apart */
    ApiCall *call;
    void (*on_change)(void);
} mw;

void MyWork_take(const json_t *work)
{
    if (!mw.signed_in)
        return;
    const json_t *cases = json_object_get(work, "cases"), *c;
    mw.cases = (long)Jsonx_int(cases, "count", 0);
    mw.handovers = (long)Jsonx_int(json_object_get(work, "handovers"), "count", 0);
    mw.callbacks = (long)Jsonx_int(json_object_get(work, "callbacks"), "count", 0);
    mw.messages = (long)Jsonx_int(json_object_get(work, "messages"), "count", 0);
    json_decref(mw.refs);
    mw.refs = json_array();
    size_t i;
    json_array_foreach(json_object_get(cases, "items"), i, c)
        json_array_append_new(mw.refs, json_string(Jsonx_str(c, "ref", "")));
    ScreenPop_set_waiting(json_object_get(json_object_get(work, "calls"), "items"));
    Loop_dirty();
}

static void MyWork_counts_in(void *owner, int tag, const ApiResult *r)
{
    (void)owner; (void)tag;
    mw.call = NULL;
    if (r->status == 200)
        MyWork_take(r->json);
}

void MyWork_refresh(void)
{
    if (!mw.signed_in)
        return;
    Api_cancel(mw.call);   /* the newest answer is the one to show */
    mw.call = ApiMe_work((ApiTo){.done = MyWork_counts_in, .owner = &mw, .tag = TAG_COUNTS}, true);
}

/* case.changed reaches the case's whole team; only one of my cases (or
 * one I may not have seen, past the list's end) changes my work. GET
 * /me/work is an audited read: not one per team member per note. */
static bool MyWork_concerns_me(const char *kind, const json_t *facts)
{
    if (strcmp(kind, "case.changed") != 0 || mw.cases > (long)json_array_size(mw.refs))
        return true;
    const char *ref = Jsonx_str(facts, "ref", "");
    size_t i;
    json_t *r;
    json_array_foreach(mw.refs, i, r)
        if (strcmp(json_string_value(r), ref) == 0)
            return true;
    return false;
}

static void MyWork_changed(const char *kind, const json_t *facts, void *ctx)
{
    (void)ctx;
    if (!MyWork_concerns_me(kind, facts))
        return;
    if (mw.on_change)
        mw.on_change();   /* the open view reads my work, and its answer feeds the counts */
    else
        MyWork_refresh();
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
    json_decref(mw.refs);
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
