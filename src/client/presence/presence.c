/* presence: see presence.h. */
#include "client/presence/presence.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/contact/contact.h"
#include "client/core/app.h"
#include "client/core/ask.h"
#include "client/core/loop.h"
#include "client/triage/view_triage.h"
#include "common/jsonx.h"
#include "common/log.h"

enum { TAG_PUT = 1, TAG_REASONS, MAX_REASONS = 9, RETRY_MS = 5000 };

typedef struct PresenceState {
    bool signed_in;          /* the session this state belongs to */
    char chosen[16];         /* the advisor's own: "ready" or "break" */
    char reason[32], reason_label[64];
    char sent[16], sent_reason[32]; /* what the server was last told */
    json_t *reasons;         /* the pick list on the message line */
    unsigned retry;
} PresenceState;

static PresenceState ps;

/* What the advisor is doing now; reason gets the break's code. */
static const char *Presence_derived(const char **reason)
{
    *reason = "";
    if (View_find_id(VIEW_LOCK))
        return "away";
    if (contact.phase == CONTACT_LIVE)
        return "on_contact";
    if (contact.phase == CONTACT_WRAPUP)
        return "wrap_up";
    if (strcmp(ps.chosen, "break") == 0)
        *reason = ps.reason;
    return ps.chosen;
}

static void Presence_retry(void *data)
{
    (void)data;
    ps.retry = 0;
    ps.sent[0] = '\0';       /* send again at the next sync */
    Presence_sync();
}

static void Presence_put_done(void *owner, int tag, const ApiResult *r)
{
    (void)owner; (void)tag;
    if (r->status == 200)
        return;
    Log_event(LOG_WARN, "presence_not_set", "status=%ld", r->status);
    if (!ps.retry && ps.signed_in)
        ps.retry = Loop_timer_add(RETRY_MS, Presence_retry, NULL);
}

static void Presence_session_changed(void)
{
    ps.signed_in = app.session.active;
    snprintf(ps.chosen, sizeof ps.chosen, "ready");
    ps.reason[0] = ps.reason_label[0] = ps.sent[0] = ps.sent_reason[0] = '\0';
    if (ps.retry)
        Loop_timer_cancel(ps.retry);
    ps.retry = 0;
}

void Presence_sync(void)
{
    if (ps.signed_in != app.session.active)
        Presence_session_changed();
    if (!ps.signed_in)
        return;
    if (contact.phase != CONTACT_NONE && strcmp(ps.chosen, "break") == 0) {
        snprintf(ps.chosen, sizeof ps.chosen, "ready");   /* a contact taken ends the break */
        ps.reason[0] = ps.reason_label[0] = '\0';
    }
    const char *reason, *state = Presence_derived(&reason);
    if (strcmp(state, ps.sent) == 0 && strcmp(reason, ps.sent_reason) == 0)
        return;
    snprintf(ps.sent, sizeof ps.sent, "%s", state);
    snprintf(ps.sent_reason, sizeof ps.sent_reason, "%s", reason);
    Log_event(LOG_INFO, "presence", "state=%s", state);
    ApiMe_presence((ApiTo){.done = Presence_put_done, .owner = &ps, .tag = TAG_PUT}, state, reason);
    Loop_dirty();
}

static bool goodbye_answered;

static void Presence_goodbye_done(void *owner, int tag, const ApiResult *r)
{
    (void)owner; (void)tag; (void)r;
    goodbye_answered = true;
}

static bool Presence_goodbye_over(void)
{
    return goodbye_answered;
}

/* A quit is not a crash: say so, rather than show the advisor ready (and
 * take calls for them) until the server's presence timeout. Bounded: a
 * server that does not answer does not hold the terminal. */
void Presence_goodbye(void)
{
    if (!ps.signed_in || !app.session.active)
        return;
    goodbye_answered = false;
    if (!ApiMe_presence((ApiTo){.done = Presence_goodbye_done, .owner = &goodbye_answered},
                        "signed_out", ""))
        return;
    Loop_drain(Presence_goodbye_over, 1500);
    Log_event(LOG_INFO, "presence", "state=signed_out answered=%d", goodbye_answered);
}

bool Presence_free(void)
{
    return app.session.active && contact.phase == CONTACT_NONE && !View_find_id(VIEW_LOCK) &&
           !ViewTriage_holds_safeguarding() && strcmp(ps.chosen, "break") != 0;
}

void Presence_text(char *out, size_t cap)
{
    const char *reason, *state = ps.signed_in ? Presence_derived(&reason) : "";
    if (strcmp(state, "break") == 0)
        snprintf(out, cap, "On break: %s", ps.reason_label[0] ? ps.reason_label : ps.reason);
    else
        snprintf(out, cap, "%s", strcmp(state, "ready") == 0        ? "Ready"
                                 : strcmp(state, "on_contact") == 0 ? "On a contact"
                                 : strcmp(state, "wrap_up") == 0    ? "Wrap-up"
                                 : strcmp(state, "away") == 0       ? "Away"
                                                                    : "");
}

/* ---- break and ready ------------------------------------------------------- */

static void Presence_reason_chosen(void *data, int key)
{
    (void)data;
    json_t *r = key ? json_array_get(ps.reasons, (size_t)(key - '1')) : NULL;
    if (r && contact.phase == CONTACT_NONE) {
        snprintf(ps.chosen, sizeof ps.chosen, "break");
        snprintf(ps.reason, sizeof ps.reason, "%s", Jsonx_str(r, "code", ""));
        snprintf(ps.reason_label, sizeof ps.reason_label, "%s", Jsonx_str(r, "label", ps.reason));
        App_message("On break: %s. The same key (or Alt-y) makes you ready again.", ps.reason_label);
        Presence_sync();
    } else {
        App_message("Still ready: no break taken.");
    }
    json_decref(ps.reasons);
    ps.reasons = NULL;
}

/* "Break: 1 Lunch  2 Training ... (Esc: stay ready)"; with first_words,
 * each label only up to its first space, so a long list fits the line. */
static void Presence_prompt(const json_t *items, size_t n, bool first_words, char *q, size_t cap)
{
    snprintf(q, cap, "Break:");
    for (size_t i = 0; i < n; i++) {
        const char *label = Jsonx_str(json_array_get(items, i), "label", "");
        int w = first_words ? (int)strcspn(label, " ") : (int)strlen(label);
        size_t len = strlen(q);
        snprintf(q + len, cap - len, first_words ? " %zu %.*s" : " %zu %.*s ", i + 1, w, label);
    }
    size_t len = strlen(q);
    snprintf(q + len, cap - len, first_words ? "  Esc: ready" : "(Esc: stay ready)");
}

/* The server's list as a question on the message line. */
static void Presence_reasons_in(void *owner, int tag, const ApiResult *r)
{
    (void)owner; (void)tag;
    json_t *items = json_object_get(r->json, "items");
    if (r->status != 200 || !json_array_size(items)) {
        App_error("No break reasons: %s", r->status == 200 ? "the council's content lists none" : r->message);
        return;
    }
    char q[600], keys[MAX_REASONS + 1] = "";
    size_t n = json_array_size(items) < MAX_REASONS ? json_array_size(items) : MAX_REASONS;
    for (size_t i = 0; i < n; i++)
        keys[i] = (char)('1' + i);
    keys[n] = '\0';
    Presence_prompt(items, n, false, q, sizeof q);
    if ((int)strlen(q) > COLS)   /* every reason readable beats whole labels for a few */
        Presence_prompt(items, n, true, q, sizeof q);
    json_decref(ps.reasons);
    ps.reasons = json_incref(items);
    Ask(q, keys, 0, Presence_reason_chosen, NULL);
}

/* Refused while the advisor is with a caller (the frame already refuses
 * everything while a safeguarding outcome waits). */
static bool Presence_refused(void)
{
    if (contact.phase == CONTACT_LIVE || contact.phase == CONTACT_CHOOSING)
        App_error("Not while on a contact: end it (and wrap it up) first.");
    else if (contact.phase == CONTACT_WRAPUP)
        App_error("Not during the wrap-up: finish it first.");
    else if (ViewTriage_holds_safeguarding())
        App_error("Not until the safeguarding outcome's action taken is recorded.");
    else
        return false;
    return true;
}

static void Presence_ready(void)
{
    if (strcmp(ps.chosen, "ready") == 0) {
        App_message("You are ready.");
        return;
    }
    snprintf(ps.chosen, sizeof ps.chosen, "ready");
    ps.reason[0] = ps.reason_label[0] = '\0';
    App_message("Ready: back from your break.");
    Presence_sync();
}

bool Presence_action(View *top, Action a)
{
    (void)top;
    if (a != ACT_BREAK && a != ACT_READY)
        return false;
    if (!app.session.active || Presence_refused())
        return true;
    if (a == ACT_READY || strcmp(ps.chosen, "break") == 0)
        Presence_ready();
    else
        ApiMe_break_reasons((ApiTo){.done = Presence_reasons_in, .owner = &ps, .tag = TAG_REASONS,
                                    .label = "Reading the break reasons"});
    return true;
}
