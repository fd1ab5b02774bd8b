/* contact: see contact.h. */
#include "client/contact/contact.h"

#include <curses.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/customer/warnings.h"
#include "client/core/ask.h"
#include "client/outbox/journal.h"
#include "client/core/loop.h"
#include "client/outbox/outbox.h"
#include "client/core/term.h"
#include "client/contact/wrapup.h"
#include "client/core/view.h"
#include "common/jsonx.h"
#include "common/log.h"
#include "common/timefmt.h"

const char *const contact_channels[] = {"phone", "face_to_face", "email", "web_chat",
                                        "social_media", "letter", NULL};
const char *const contact_channel_labels[] = {"Phone", "Face to face", "Email", "Web chat",
                                              "Social media", "Letter", NULL};

Contact contact;
static unsigned tick_timer;
static int clock_y = -1, clock_x, clock_w;

/* ---- the draft on disk --------------------------------------------------- */

static void Contact_draft_path(char *out, size_t cap)
{
    snprintf(out, cap, "%s/outbox/%s-contact.json", app.cfg.state_dir, app.session.username);
}

static json_t *Contact_to_json(void)
{
    char started[TIMEFMT_LEN], ended[TIMEFMT_LEN];
    Timefmt_utc(contact.started, started);
    Timefmt_utc(contact.ended ? contact.ended : contact.started, ended);
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:i, s:s}", "customer_id",
                          contact.customer_id, "customer_name", contact.customer_name,
                          "channel", contact.channel, "started_at", started, "ended_at", ended,
                          "ended", contact.phase == CONTACT_WRAPUP, "contacts_last_7_days",
                          contact.contacts_last_7_days, "suggested_wrap", contact.suggested_wrap);
    if (contact.triage)
        json_object_set_new(j, "triage", json_pack("{s:O, s:s, s:s}", "response", contact.triage,
                                                   "script_id", contact.script_id,
                                                   "script_version", contact.script_version));
    if (contact.case_refs)
        json_object_set(j, "case_refs", contact.case_refs);
    if (contact.call_id[0])
        json_object_set_new(j, "call", json_pack("{s:s, s:s, s:I}", "id", contact.call_id, "service",
                                                 contact.service, "waited_seconds",
                                                 (json_int_t)contact.waited_seconds));
    if (contact.identity)
        json_object_set(j, "identity_check", contact.identity);
    if (contact.articles)
        json_object_set(j, "articles", contact.articles);
    if (contact.script)
        json_object_set(j, "script", contact.script);
    if (contact.warnings[0])
        json_object_set_new(j, "warnings", json_string(contact.warnings));
    return j;
}

/* Written whole to a temporary file and renamed, so a crash leaves the
 * old draft or the new one; fsync'd like the journal. */
static void Contact_save_draft(void)
{
    char path[1200], tmp[1300];
    Contact_draft_path(path, sizeof path);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    json_t *j = Contact_to_json();
    char *text = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    int fd = text ? open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
    bool ok = fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text) && fsync(fd) == 0;
    if (fd >= 0)
        close(fd);
    ok = ok && rename(tmp, path) == 0;
    if (!ok)
        Log_event(LOG_WARN, "contact_draft_not_saved", NULL);
    free(text);
}

static void Contact_remove_draft(void)
{
    char path[1200];
    Contact_draft_path(path, sizeof path);
    unlink(path);
}

static void Contact_clear(void)
{
    json_decref(contact.triage);
    json_decref(contact.case_refs);
    json_decref(contact.identity);
    json_decref(contact.articles);
    json_decref(contact.script);
    memset(&contact, 0, sizeof contact);
    contact.contacts_last_7_days = -1;
}

/* ---- the clock ------------------------------------------------------------ */

void Contact_format_duration(long long ms, char *out, size_t cap)
{
    long long s = ms > 0 ? ms / 1000 : 0;
    if (s >= 3600)
        snprintf(out, cap, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(out, cap, "%02lld:%02lld", s / 60, s % 60);
}

void Contact_clock_text(char *out, size_t cap)
{
    char d[32];
    long long now = Timefmt_mono_ms();
    out[0] = '\0';
    if (contact.phase == CONTACT_LIVE) {
        Contact_format_duration(now - contact.started_ms, d, sizeof d);
        snprintf(out, cap, "In contact %s", d);
    } else if (contact.phase == CONTACT_WRAPUP) {
        Contact_format_duration(now - contact.ended_ms, d, sizeof d);
        snprintf(out, cap, "After-contact work %s", d);
    }
}

void Contact_clock_drawn_at(int y, int x, int width)
{
    clock_y = y;
    clock_x = x;
    clock_w = width;
}

/* Once a second: when nothing else needs drawing, only the clock's cells
 * are written (ncurses then sends a few bytes), not the whole screen. */
static void Contact_tick(void *data)
{
    (void)data;
    tick_timer = 0;
    if (contact.phase != CONTACT_LIVE && contact.phase != CONTACT_WRAPUP)
        return;
    tick_timer = Loop_timer_add(1000, Contact_tick, NULL);
    if (Loop_is_dirty() || clock_y < 0 || Term_too_small()) {
        Loop_dirty();
        return;
    }
    char text[64];
    Contact_clock_text(text, sizeof text);
    int cy, cx;
    getyx(stdscr, cy, cx);
    attrset(Term_attr(STYLE_STATUS) | A_BOLD);
    Term_text_pad(clock_y, clock_x, text, clock_w);
    attrset(A_NORMAL);
    move(cy, cx);
    refresh();
}

static void Contact_start_ticking(void)
{
    if (tick_timer)
        Loop_timer_cancel(tick_timer);
    tick_timer = Loop_timer_add(1000 - Timefmt_mono_ms() % 1000, Contact_tick, NULL);
    Loop_dirty();
}

/* ---- start, end, finish --------------------------------------------------- */

bool Contact_busy(void)
{
    return contact.phase != CONTACT_NONE;
}

static void Contact_channel_chosen(void *data, int key)
{
    (void)data;
    if (!key) {
        Contact_clear();
        App_message("No contact started.");
        return;
    }
    int i = key - '1';
    snprintf(contact.channel, sizeof contact.channel, "%s", contact_channels[i]);
    contact.phase = CONTACT_LIVE;
    contact.started = time(NULL);
    contact.started_ms = Timefmt_mono_ms();
    Contact_save_draft();
    Contact_start_ticking();
    char keys[40];
    App_keys_hint(CTX_RECORD, ACT_END_CONTACT, keys, sizeof keys);
    App_message("Contact started (%s)%s%s. %s ends it and opens the wrap-up.",
                contact_channel_labels[i], contact.customer_id[0] ? " with " : ", anonymous",
                contact.customer_id[0] ? contact.customer_name : "", keys);
    Log_event(LOG_INFO, "contact_start", "channel=%s anonymous=%d", contact.channel,
              contact.customer_id[0] ? 0 : 1);
}

/* The call the next contact answers (Contact_offer_call). */
static struct {
    char id[40], service[64];
    long waited;
    char customer_id[24], customer_name[160];   /* the one customer with the number */
} offered;

void Contact_offer_call(const char *id, const char *service, long waited_seconds)
{
    memset(&offered, 0, sizeof offered);
    snprintf(offered.id, sizeof offered.id, "%s", id ? id : "");
    snprintf(offered.service, sizeof offered.service, "%s", service ? service : "");
    offered.waited = waited_seconds;
}

void Contact_offer_caller(const char *customer_id, const char *name)
{
    snprintf(offered.customer_id, sizeof offered.customer_id, "%s", customer_id ? customer_id : "");
    snprintf(offered.customer_name, sizeof offered.customer_name, "%s", name ? name : "");
}

void Contact_withdraw_call(const char *id)
{
    if (!id || strcmp(id, offered.id) == 0)
        memset(&offered, 0, sizeof offered);
}

const char *Contact_offered_call(void)
{
    return offered.id;
}

/* A contact that answers the offered call is on the phone: no question. */
static void Contact_answer_offered(void)
{
    snprintf(contact.call_id, sizeof contact.call_id, "%s", offered.id);
    snprintf(contact.service, sizeof contact.service, "%s", offered.service);
    contact.waited_seconds = offered.waited;
    memset(&offered, 0, sizeof offered);
    Contact_channel_chosen(NULL, '1');
}

bool Contact_start(const char *customer_id, const char *customer_name, int last_7_days)
{
    /* The server refuses a trainer's contact (9.6); say so before the
     * clock runs rather than leave a refused record in the outbox. */
    if (strcmp(app.session.roles, "trainer") == 0) {
        App_error("Trainers may not open live records or start contacts: no training sandbox yet.");
        return false;
    }
    if (contact.phase == CONTACT_LIVE) {
        char keys[40];
        App_keys_hint(CTX_SEARCH, ACT_END_CONTACT, keys, sizeof keys);
        App_error("A contact is already in progress. End it first (%s).", keys);
        return false;
    }
    if (contact.phase == CONTACT_WRAPUP) {
        App_error("Finish the wrap-up of the last contact first.");
        return false;
    }
    /* Answering a pop whose number is one customer's is a contact with
     * them, wherever the cursor was (a record chosen instead wins). */
    if ((!customer_id || !customer_id[0]) && offered.id[0] && offered.customer_id[0]) {
        customer_id = offered.customer_id;
        customer_name = offered.customer_name;
    }
    Contact_clear();
    contact.phase = CONTACT_CHOOSING;
    snprintf(contact.customer_id, sizeof contact.customer_id, "%s", customer_id ? customer_id : "");
    snprintf(contact.customer_name, sizeof contact.customer_name, "%s",
             customer_id && customer_id[0] && customer_name ? customer_name : "");
    contact.contacts_last_7_days = last_7_days;
    if (offered.id[0]) {
        Contact_answer_offered();
        return true;
    }
    Ask("Channel: 1 phone  2 face to face  3 email  4 web chat  5 social media  6 letter "
        "(Enter: phone, Esc: cancel)", "123456", '1', Contact_channel_chosen, NULL);
    return true;
}

bool Contact_start_for(const json_t *customer)
{
    if (!Contact_start(Jsonx_str(customer, "id", NULL), Jsonx_str(customer, "display_name", ""),
                       (int)Jsonx_int(customer, "contacts_last_7_days", -1)))
        return false;
    Warnings_summary(customer, contact.warnings, sizeof contact.warnings);
    return true;
}

void Contact_end(void)
{
    if (contact.phase == CONTACT_WRAPUP) {
        View_open_once(VIEW_WRAPUP, NULL);
        return;
    }
    if (contact.phase != CONTACT_LIVE) {
        App_message("No contact is in progress.");
        return;
    }
    contact.phase = CONTACT_WRAPUP;
    contact.ended = time(NULL);
    contact.ended_ms = Timefmt_mono_ms();
    Contact_save_draft();
    Contact_start_ticking();
    View_open(VIEW_WRAPUP, NULL);
}

void Contact_forget(void)
{
    if (tick_timer)
        Loop_timer_cancel(tick_timer);
    tick_timer = 0;
    Contact_clear();
    Loop_dirty();
}

void Contact_finished(void)
{
    if (tick_timer)
        Loop_timer_cancel(tick_timer);
    tick_timer = 0;
    Contact_remove_draft();
    Contact_clear();
    Loop_dirty();
}

/* ---- what other views feed in --------------------------------------------- */

void Contact_suggest_wrap(const char *code)
{
    if (contact.phase == CONTACT_NONE || !code)
        return;
    snprintf(contact.suggested_wrap, sizeof contact.suggested_wrap, "%s", code);
    Contact_save_draft();
}

void Contact_set_triage(const json_t *qr, const char *script_id, const char *version)
{
    if (contact.phase == CONTACT_NONE || !qr)
        return;
    json_decref(contact.triage);
    contact.triage = json_deep_copy(qr);
    snprintf(contact.script_id, sizeof contact.script_id, "%s", script_id ? script_id : "");
    snprintf(contact.script_version, sizeof contact.script_version, "%s", version ? version : "");
    Contact_save_draft();
}

void Contact_keep_script(const json_t *script)
{
    if (contact.phase == CONTACT_NONE || !script || contact.script == script)
        return;
    json_decref(contact.script);
    contact.script = json_deep_copy(script);
    Contact_save_draft();
}

void Contact_add_case_ref(const char *ref)
{
    if (contact.phase == CONTACT_NONE || !ref || !ref[0])
        return;
    if (!contact.case_refs)
        contact.case_refs = json_array();
    json_array_append_new(contact.case_refs, json_string(ref));
    Contact_save_draft();
}

void Contact_set_identity(const json_t *ic)
{
    if (contact.phase == CONTACT_NONE || !ic)
        return;
    json_decref(contact.identity);
    contact.identity = json_deep_copy(ic);
    Contact_save_draft();
    Loop_dirty();
}

static json_t *Contact_article(const char *id)
{
    size_t i;
    json_t *a;
    json_array_foreach(contact.articles, i, a)
        if (strcmp(Jsonx_str(a, "id", ""), id) == 0)
            return a;
    return NULL;
}

/* The server takes up to 20; the first 20 read are kept. */
bool Contact_article_read(const char *id)
{
    if (contact.phase == CONTACT_NONE || !id || !id[0])
        return false;
    if (!contact.articles)
        contact.articles = json_array();
    if (!Contact_article(id) && json_array_size(contact.articles) < 20) {
        json_array_append_new(contact.articles, json_pack("{s:s, s:b}", "id", id, "answer", 0));
        Contact_save_draft();
    }
    return Contact_article(id) != NULL;
}

bool Contact_article_answer(const char *id)
{
    if (!Contact_article_read(id))
        return false;
    size_t i;
    json_t *a;
    json_array_foreach(contact.articles, i, a)
        json_object_set_new(a, "answer", json_boolean(strcmp(Jsonx_str(a, "id", ""), id) == 0));
    Contact_save_draft();
    return true;
}

bool Contact_article_is_answer(const char *id)
{
    return contact.phase != CONTACT_NONE && id && Jsonx_bool(Contact_article(id), "answer", false);
}

/* ---- restore and landing --------------------------------------------------- */

static void Contact_from_json(const json_t *j)
{
    Contact_clear();
    snprintf(contact.customer_id, sizeof contact.customer_id, "%s", Jsonx_str(j, "customer_id", ""));
    snprintf(contact.customer_name, sizeof contact.customer_name, "%s", Jsonx_str(j, "customer_name", ""));
    snprintf(contact.channel, sizeof contact.channel, "%s", Jsonx_str(j, "channel", "phone"));
    snprintf(contact.suggested_wrap, sizeof contact.suggested_wrap, "%s", Jsonx_str(j, "suggested_wrap", ""));
    contact.contacts_last_7_days = (int)Jsonx_int(j, "contacts_last_7_days", -1);
    snprintf(contact.warnings, sizeof contact.warnings, "%s", Jsonx_str(j, "warnings", ""));
    Timefmt_parse(Jsonx_str(j, "started_at", ""), &contact.started);
    if (!Jsonx_bool(j, "ended", false) || !Timefmt_parse(Jsonx_str(j, "ended_at", ""), &contact.ended))
        contact.ended = time(NULL);
    json_t *t = json_object_get(j, "triage");
    if (t) {
        contact.triage = json_deep_copy(json_object_get(t, "response"));
        snprintf(contact.script_id, sizeof contact.script_id, "%s", Jsonx_str(t, "script_id", ""));
        snprintf(contact.script_version, sizeof contact.script_version, "%s", Jsonx_str(t, "script_version", ""));
    }
    json_t *call = json_object_get(j, "call");
    snprintf(contact.call_id, sizeof contact.call_id, "%s", Jsonx_str(call, "id", ""));
    snprintf(contact.service, sizeof contact.service, "%s", Jsonx_str(call, "service", ""));
    contact.waited_seconds = (long)Jsonx_int(call, "waited_seconds", 0);
    json_t *refs = json_object_get(j, "case_refs");
    contact.case_refs = refs ? json_deep_copy(refs) : NULL;
    json_t *ic = json_object_get(j, "identity_check");
    contact.identity = ic ? json_deep_copy(ic) : NULL;
    json_t *arts = json_object_get(j, "articles");
    contact.articles = json_is_array(arts) ? json_deep_copy(arts) : NULL;
    json_t *script = json_object_get(j, "script");
    contact.script = json_is_object(script) ? json_deep_copy(script) : NULL;
    long long now = Timefmt_mono_ms();
    contact.started_ms = now - (long long)(contact.ended - contact.started) * 1000;
    contact.ended_ms = now;
    contact.phase = CONTACT_WRAPUP;
}

bool Contact_restore(void)
{
    char path[1200];
    Contact_draft_path(path, sizeof path);
    json_t *j = json_load_file(path, 0, NULL);
    if (!json_is_object(j)) {
        json_decref(j);
        return false;
    }
    Contact_from_json(j);
    json_decref(j);
    Contact_save_draft();
    Contact_start_ticking();
    Log_event(LOG_INFO, "contact_restored", NULL);
    View_open(VIEW_WRAPUP, NULL);
    App_message("A contact was in progress when Frontdoor last stopped: wrap it up now.");
    return true;
}

/* Refused for its call alone (never taken: /take failed, or the call is
 * on another contact): the contact is sent again without it, so it is
 * recorded and the advisor is told what was left out. */
static char call_dropped[OUTBOX_ID_LEN]; /* the entry re-sent without its call */

static bool Contact_resend_without_call(const OutboxEntry *e, const ApiResult *r)
{
    char label[200], id[OUTBOX_ID_LEN];
    snprintf(label, sizeof label, "%s", e->label);   /* e changes when re-sent */
    snprintf(id, sizeof id, "%s", e->id);
    if (!ApiContacts_resend_without_call(e->id, e->body, r->json))
        return false;
    snprintf(call_dropped, sizeof call_dropped, "%s", id);
    App_message("%s: the server did not accept its call (%s); sending it without the call's "
                "wait and service.", label, r->message ? r->message : "");
    return true;
}

/* Said when it lands, so the last word on it says what was left out. */
static void Contact_recorded(const OutboxEntry *e, const ApiResult *r)
{
    bool dropped = call_dropped[0] && strcmp(call_dropped, e->id) == 0;
    if (dropped)
        call_dropped[0] = '\0';
    App_message("%s recorded%s (contact no. %s).", e->label,
                dropped ? " without the call's details" : "",
                Jsonx_str(r->json, "id", "?"));
}

static void Contact_landed(void *data, const OutboxEntry *e, const ApiResult *r, bool replayed)
{
    (void)data; (void)replayed;
    if (r->status >= 200 && r->status <= 299) {
        /* Good news never hides a warning still on the message line. */
        if (!(app.message_is_error && app.message[0]))
            Contact_recorded(e, r);
    }
    else if (r->status == 400 && Contact_resend_without_call(e, r)) {
        return;
    }
    else {
        char keys[40];
        App_keys_hint(CTX_SEARCH, ACT_OUTBOX, keys, sizeof keys);
        App_error("%s was refused by the server: %s Open the outbox (%s) to correct it.",
                  e->label, r->message ? r->message : "", keys);
    }
}

void Contact_init(void)
{
    contact.contacts_last_7_days = -1;
    Outbox_on_kind("contact", Contact_landed, NULL);
}
