/* screenpop: see screenpop.h. */
#include "client/screenpop/screenpop.h"

#include <stdio.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/contact/contact.h"
#include "client/core/app.h"
#include "client/core/loop.h"
#include "client/core/view.h"
#include "client/live/live.h"
#include "client/presence/presence.h"
#include "common/jsonx.h"
#include "common/log.h"

enum { TAG_CALL = 1, TAG_TAKE, TAG_POP, TAG_CALL_LATE };

static struct {
    json_t *waiting;        /* Call objects the advisor was too busy for */
    json_t *popped;         /* the call on screen, not yet answered, or NULL */
    char taken[40];         /* the call the live contact answered and took */
    bool signed_in;
} sp;

void ScreenPop_number(const json_t *call, char *out, size_t cap)
{
    const char *d = Jsonx_str(call, "caller", "");
    if (Jsonx_bool(call, "withheld", false) || !d[0])
        snprintf(out, cap, "withheld");
    else if (strlen(d) == 11)
        snprintf(out, cap, "%.5s %s", d, d + 5);  /* 07700 900123, as people write it */
    else
        snprintf(out, cap, "%s", d);
}

static const char *ScreenPop_service(const json_t *call)
{
    json_t *svc = json_object_get(call, "service");
    return Jsonx_str(svc, "name", Jsonx_str(svc, "code", ""));
}

/* "(Council Tax, waited 0:42)": last on the message line, so what
 * matters (who, and the key that answers) fits 80 columns first. */
static void ScreenPop_details(const json_t *call, char *out, size_t cap)
{
    long w = (long)Jsonx_int(call, "queued_seconds", 0);
    const char *svc = ScreenPop_service(call);
    snprintf(out, cap, "(%s%swaited %ld:%02ld)", svc, svc[0] ? ", " : "", w / 60, w % 60);
}

static void ScreenPop_announce(const json_t *call)
{
    char num[40], keys[40], more[200];
    ScreenPop_number(call, num, sizeof num);
    ScreenPop_details(call, more, sizeof more);
    App_keys_hint(CTX_SEARCH, ACT_START_CONTACT, keys, sizeof keys);
    const char *matched = Jsonx_str(call, "matched", "none");
    if (strcmp(num, "withheld") == 0)
        App_notice("Call from a withheld number: search for the caller. %s answers %s", keys, more);
    else if (strcmp(matched, "one") == 0)
        App_notice("Call from %s: %s. %s answers %s", num,
                    Jsonx_str(json_object_get(call, "customer"), "display_name", "one customer"), keys, more);
    else if (strcmp(matched, "many") == 0)
        App_notice("Call from %s: several customers have this number. %s answers %s", num, keys, more);
    else
        App_notice("Unknown number %s \u2014 search or add a caller. %s answers %s", num, keys, more);
}

/* The search with the caller's number, over whatever is on screen (the
 * advisor is free: nothing typed is lost, Back returns to it). */
static void ScreenPop_open(json_t *call)
{
    char digits[40];
    json_decref(sp.popped);
    sp.popped = json_incref(call);
    snprintf(digits, sizeof digits, "%s", Jsonx_bool(call, "withheld", false) ? "" : Jsonx_str(call, "caller", ""));
    Contact_offer_call(Jsonx_str(call, "id", ""), Jsonx_str(json_object_get(call, "service"), "code", ""),
                       (long)Jsonx_int(call, "queued_seconds", 0));
    const json_t *one = json_object_get(call, "customer");
    if (strcmp(Jsonx_str(call, "matched", ""), "one") == 0 && json_is_object(one))
        Contact_offer_caller(Jsonx_str(one, "id", NULL), Jsonx_str(one, "display_name", ""));
    View_open(VIEW_SEARCH, digits);
    ScreenPop_announce(call);
    Log_event(LOG_INFO, "screen_pop", "matched=%s", Jsonx_str(call, "matched", ""));
}

static bool ScreenPop_free(void)
{
    return Presence_free() && !Contact_offered_call()[0];
}

static bool ScreenPop_is(const json_t *call, const char *id)
{
    return strcmp(Jsonx_str(call, "id", ""), id) == 0;
}

/* The index of id in the waiting calls, or -1. */
static int ScreenPop_find(const char *id)
{
    for (size_t i = 0; i < json_array_size(sp.waiting); i++)
        if (ScreenPop_is(json_array_get(sp.waiting, i), id))
            return (int)i;
    return -1;
}

/* Waits in my work: in place of the same call from GET /me/work (which
 * has no number), else last. */
static void ScreenPop_wait(json_t *call)
{
    char num[40], keys[40], more[200];
    int i = ScreenPop_find(Jsonx_str(call, "id", ""));
    if (i >= 0)
        json_array_set(sp.waiting, (size_t)i, call);
    else
        json_array_append(sp.waiting, call);
    ScreenPop_number(call, num, sizeof num);
    ScreenPop_details(call, more, sizeof more);
    App_keys_hint(CTX_GLOBAL, ACT_MY_WORK, keys, sizeof keys);
    App_notice("Call waiting in my work (%s): %s %s", keys, num, more);
    Loop_dirty();
}

static void ScreenPop_call_in(void *owner, int tag, const ApiResult *r)
{
    (void)owner;
    if (r->status != 200 || !json_is_object(r->json) || !sp.signed_in) {
        Log_event(LOG_WARN, "screen_pop_unread", "status=%ld", r->status);
        return;
    }
    if (strcmp(Jsonx_str(r->json, "state", ""), "offered") != 0)
        return;   /* ended or taken while we asked */
    /* A call heard late (after a lock or a restart) waits in my work:
     * the screen is not taken over by a caller who may be long gone. */
    if (tag != TAG_CALL_LATE && ScreenPop_free())
        ScreenPop_open(r->json);
    else
        ScreenPop_wait(r->json);
}

static void ScreenPop_offered(const char *kind, const json_t *facts, void *ctx)
{
    (void)kind; (void)ctx;
    const char *id = Jsonx_str(facts, "call_id", "");
    if (id[0] && sp.signed_in)
        ApiCalls_get((ApiTo){.done = ScreenPop_call_in, .owner = &sp,
                             .tag = Live_late() ? TAG_CALL_LATE : TAG_CALL}, id);
}

bool ScreenPop_number_known(const json_t *call)
{
    return json_object_get(call, "withheld") != NULL;   /* a Call, not a my-work row */
}

/* A call this client has in hand already: on screen, offered to the next
 * contact, or answered (the server may not know of the take yet). */
static bool ScreenPop_in_hand(const char *id)
{
    return (sp.popped && ScreenPop_is(sp.popped, id)) || strcmp(id, Contact_offered_call()) == 0 ||
           strcmp(id, sp.taken) == 0 || strcmp(id, contact.call_id) == 0;
}

void ScreenPop_set_waiting(const json_t *calls)
{
    json_t *now = json_array(), *c;
    size_t i;
    json_array_foreach(calls, i, c) {
        const char *id = Jsonx_str(c, "id", "");
        int known = ScreenPop_find(id);
        if (!id[0] || ScreenPop_in_hand(id))
            continue;
        /* the call as read by id keeps its number; else the server's row */
        json_array_append(now, known >= 0 ? json_array_get(sp.waiting, (size_t)known) : c);
    }
    json_decref(sp.waiting);
    sp.waiting = now;
    Loop_dirty();
}

static void ScreenPop_ended(const char *kind, const json_t *facts, void *ctx)
{
    (void)kind; (void)ctx;
    const char *id = Jsonx_str(facts, "call_id", "");
    char num[40];
    int i = ScreenPop_find(id);
    if (sp.popped && ScreenPop_is(sp.popped, id)) {
        ScreenPop_number(sp.popped, num, sizeof num);
        Contact_withdraw_call(id);
        json_decref(sp.popped);
        sp.popped = NULL;
        App_notice("Caller %s hung up before you answered: the call is closed.", num);
    } else if (i >= 0) {
        const json_t *c = json_array_get(sp.waiting, (size_t)i);
        ScreenPop_number(c, num, sizeof num);
        if (ScreenPop_number_known(c))
            App_notice("Caller %s hung up: the waiting call is gone from my work.", num);
        else   /* listed by GET /me/work, never read: no number to say */
            App_notice("A waiting caller hung up: the call is gone from my work.");
        json_array_remove(sp.waiting, (size_t)i);
    }
    Loop_dirty();
}

void ScreenPop_init(void)
{
    sp.waiting = json_array();
    Live_subscribe("call.offered", ScreenPop_offered, NULL);
    Live_subscribe("call.ended", ScreenPop_ended, NULL);
}

static void ScreenPop_taken(void *owner, int tag, const ApiResult *r)
{
    (void)owner; (void)tag;
    if (r->status == 409)
        App_error("The caller hung up before the call was taken: end the contact and wrap it up as "
                  "abandoned.");
    else if (r->status != 200)
        Log_event(LOG_WARN, "call_not_taken", "status=%ld", r->status);
}

void ScreenPop_sync(void)
{
    if (sp.signed_in != app.session.active) {
        sp.signed_in = app.session.active;
        json_array_clear(sp.waiting);
        json_decref(sp.popped);
        sp.popped = NULL;
        sp.taken[0] = '\0';
        Contact_withdraw_call(NULL);
    }
    if (contact.phase != CONTACT_LIVE || !contact.call_id[0] || strcmp(contact.call_id, sp.taken) == 0)
        return;
    snprintf(sp.taken, sizeof sp.taken, "%s", contact.call_id);
    json_decref(sp.popped);
    sp.popped = NULL;
    int waiting = ScreenPop_find(contact.call_id);   /* answered: no longer waiting */
    if (waiting >= 0)
        json_array_remove(sp.waiting, (size_t)waiting);
    Loop_dirty();
    ApiCalls_take((ApiTo){.done = ScreenPop_taken, .owner = &sp, .tag = TAG_TAKE}, contact.call_id);
}

size_t ScreenPop_waiting_count(void)
{
    return json_array_size(sp.waiting);
}

const json_t *ScreenPop_waiting(size_t i)
{
    return json_array_get(sp.waiting, i);
}

static bool ScreenPop_can_pop(void)
{
    if (ScreenPop_free())
        return true;
    App_error("Finish what you are doing first: the call waits while you are on a contact, in a "
              "wrap-up, or another call is on screen.");
    return false;
}

/* The waiting call read again by id: its number (GET /me/work has none)
 * and whether the caller is still there. */
static void ScreenPop_waiting_in(void *owner, int tag, const ApiResult *r)
{
    (void)owner; (void)tag;
    const char *id = Jsonx_str(r->json, "id", "");
    int i = ScreenPop_find(id);
    if (r->status != 200 || !sp.signed_in || i < 0) {
        if (r->status != 200)
            App_error("%s", r->message ? r->message : "The call could not be read.");
        return;
    }
    bool gone = strcmp(Jsonx_str(r->json, "state", ""), "offered") != 0;
    if (!gone && !ScreenPop_can_pop())
        return;   /* busy again while we asked: it stays waiting */
    json_array_remove(sp.waiting, (size_t)i);
    if (gone)
        App_message("That call was answered or ended: it is gone from my work.");
    else
        ScreenPop_open(r->json);
    Loop_dirty();
}

void ScreenPop_pop_waiting(const char *id)
{
    if (ScreenPop_find(id) >= 0 && ScreenPop_can_pop())
        ApiCalls_get((ApiTo){.done = ScreenPop_waiting_in, .owner = &sp, .tag = TAG_POP}, id);
}
