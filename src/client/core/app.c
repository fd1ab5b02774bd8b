#include "client/core/app.h"

#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/api/api.h"
#include "client/core/ask.h"
#include "client/cases/cases.h"
#include "client/core/loop.h"
#include "client/session/secret.h"
#include "client/core/term.h"
#include "client/triage/view_triage.h"
#include "client/core/views.h"
#include "client/session/work.h"
#include "common/jsonx.h"
#include "common/text.h"
#include "common/log.h"

App app;

static unsigned spinner_timer;
static unsigned idle_timer;

static const char memory_notice[] =
    "No keyring (Secret Service): sign-in kept in memory only, outbox not encrypted.";

static void App_vmessage(bool error, const char *fmt, va_list ap)
{
    vsnprintf(app.message, sizeof app.message, fmt, ap);
    app.message_is_error = error;
    Loop_dirty();
}

void App_message(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    App_vmessage(false, fmt, ap);
    va_end(ap);
}

void App_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    App_vmessage(true, fmt, ap);
    va_end(ap);
}

void App_clear_message(void)
{
    if (app.message[0]) {
        app.message[0] = '\0';
        Loop_dirty();
    }
}

void App_keys_hint(Context ctx, Action a, char *out, size_t cap)
{
    int keys[4];
    size_t n = Keymap_keys_for(app.km, ctx, a, keys, 4);
    out[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < n && i < 2; i++) {
        char name[32];
        Keymap_key_name(keys[i], name, sizeof name);
        int w = snprintf(out + used, cap - used, "%s%s", i ? "/" : "", name);
        if (w < 0 || (size_t)w >= cap - used)
            break;
        used += (size_t)w;
    }
}

/* ---- session --------------------------------------------------------- */

static void App_session_from_user(const json_t *user, const char *expires_at)
{
    Session *s = &app.session;
    snprintf(s->username, sizeof s->username, "%s", Jsonx_str(user, "username", ""));
    snprintf(s->display_name, sizeof s->display_name, "%s", Jsonx_str(user, "display_name", s->username));
    snprintf(s->expires_at, sizeof s->expires_at, "%s", expires_at ? expires_at : "");
    s->roles[0] = '\0';
    json_t *roles = json_object_get(user, "roles");
    size_t i;
    json_t *r;
    json_array_foreach(roles, i, r) {
        size_t len = strlen(s->roles);
        snprintf(s->roles + len, sizeof s->roles - len, "%s%s", i ? "," : "", json_string_value(r) ? json_string_value(r) : "");
    }
    s->active = true;
}

static void App_memory_only(void)
{
    app.keyring_used = false;
    if (!app.memory_notice_given) {
        app.memory_notice_given = true;
        App_message("%s", memory_notice);
    }
}

static void App_token_stored(bool ok, const char *why, const char *token, const char *username,
                             const char *expires_at)
{
    (void)token; (void)username; (void)expires_at; (void)why;
    if (ok) {
        app.keyring_used = true;
        App_message("Signed in as %s. Your sign-in is saved in the keyring.", app.session.display_name);
    } else {
        App_memory_only();
    }
}

void App_signed_in(const char *token_in, const char *expires_in, const json_t *user, bool fresh)
{
    /* The caller's buffers may belong to the login view, which closes here. */
    char token[512], expires_at[40];
    snprintf(token, sizeof token, "%s", token_in);
    snprintf(expires_at, sizeof expires_at, "%s", expires_in ? expires_in : "");
    App_session_from_user(user, expires_at);
    Api_set_token(token);
    Log_event(LOG_INFO, "signed_in", "fresh=%d", fresh ? 1 : 0);
    View_pop_all();
    View_push(&view_search_ops, NULL);
    if (!fresh) {
        app.keyring_used = true;
        App_message("Welcome back, %s (saved sign-in).", app.session.display_name);
    } else if (Secret_bus_present()) {
        App_message("Signed in as %s.", app.session.display_name);
        Secret_store(Api_server(), app.session.username, expires_at, token, App_token_stored);
    } else {
        App_memory_only();
    }
    explicit_bzero(token, sizeof token);
    App_start_idle_timer();
    Work_signed_in();
}

static void App_token_cleared(bool ok, const char *why, const char *token, const char *username,
                              const char *expires_at)
{
    (void)token; (void)username; (void)expires_at; (void)why;
    App_message(ok ? "Signed out. The saved sign-in was removed from the keyring."
                   : "Signed out.");
}

static void App_logout_done(void *owner, int tag, const ApiResult *r)
{
    (void)owner; (void)tag;
    Log_event(LOG_INFO, "logout", "status=%ld", r->status);
}

static void App_end_session(void)
{
    Work_signed_out();
    memset(&app.session, 0, sizeof app.session);
    Api_set_token(NULL);
    View_pop_all();
    View_push(&view_login_ops, NULL);
}

void App_logout(void)
{
    if (!app.session.active && !Api_has_token())
        return;
    /* The server forgets the token; so does the keyring, even if the
     * server cannot be reached (the token then simply expires there). */
    ApiAuth_logout((ApiTo){.done = App_logout_done, .owner = &app, .label = "Signing out"});
    App_end_session();
    if (app.keyring_used)
        Secret_clear(Api_server(), App_token_cleared);
    else
        App_message("Signed out.");
    app.keyring_used = false;
}

static void App_unauthorized(void)
{
    if (!app.session.active)
        return;
    Log_event(LOG_INFO, "session_expired", NULL);
    if (app.keyring_used)
        Secret_clear(Api_server(), NULL);
    app.keyring_used = false;
    App_end_session();
    App_error("Your session has ended. Please sign in again.");
}

void App_lock(void)
{
    if (!app.session.active || View_find(&view_lock_ops))
        return;
    View_push(&view_lock_ops, NULL);
}

static void App_idle_check(void *data)
{
    (void)data;
    idle_timer = 0;
    long long limit = (long long)app.cfg.idle_lock_minutes * 60000;
    if (limit <= 0 || !app.session.active)
        return;
    long long idle = Loop_idle_ms();
    if (idle >= limit) {
        App_lock();
        idle = 0;
    }
    idle_timer = Loop_timer_add(limit - idle, App_idle_check, NULL);
}

void App_start_idle_timer(void)
{
    if (idle_timer)
        Loop_timer_cancel(idle_timer);
    idle_timer = 0;
    if (app.cfg.idle_lock_minutes > 0)
        idle_timer = Loop_timer_add((long long)app.cfg.idle_lock_minutes * 60000, App_idle_check, NULL);
    Api_on_unauthorized(App_unauthorized);
}

/* ---- keys and actions -------------------------------------------------- */

/* While a safeguarding outcome waits for its action taken, only what
 * covers it and comes back to it may happen: help, the lock, redrawing. */
static bool App_held_by_safeguarding(Action a, const View *top)
{
    if (!ViewTriage_holds_safeguarding())
        return false;
    switch (a) {
    case ACT_VIEW_HELP: case ACT_REDRAW: case ACT_TOGGLE_LINES: case ACT_TOGGLE_SPLIT: case ACT_LOCK:
        return false;
    case ACT_BACK: case ACT_CANCEL:
        if (top && top->ops == &view_help_ops)
            return false;
        break;
    default:
        break;
    }
    App_error("Safeguarding: choose the action taken first (1-4). Nothing else can happen until it "
              "is recorded.");
    return true;
}

/* The key being handled types a character: a quit on such a key may be a
 * slip of typing meant for a box, so it asks first. */
static bool key_is_typed;

static void App_quit_answer(void *data, int key)
{
    (void)data;
    if (key == 'y')
        Loop_quit();
}

static void App_quit(void)
{
    if (Work_confirm_quit())
        return;
    if (key_is_typed && app.session.active)
        Ask("Quit Frontdoor? y/n", "yn", 0, App_quit_answer, NULL);
    else
        Loop_quit();
}

void App_global_action(Action a)
{
    View *top = View_top();
    if (App_held_by_safeguarding(a, top))
        return;
    switch (a) {
    case ACT_QUIT:
        App_quit();
        break;
    case ACT_VIEW_HELP:
        if (top && top->ops != &view_help_ops && top->ops != &view_lock_ops)
            View_push(&view_help_ops, top);
        break;
    case ACT_BACK:
        if (top && (top->ops == &view_help_ops || top->ops == &view_customer_ops))
            View_pop();
        else
            App_message("This is the first screen. Press Q or F10 to quit.");
        break;
    case ACT_CANCEL:
        if (Api_cancel_latest())
            App_message("Cancelled.");
        break;
    case ACT_REDRAW:
        clearok(curscr, TRUE);
        Loop_dirty();
        break;
    case ACT_TOGGLE_LINES:
        Term_toggle_ascii();
        Screen_set_format_options(Term_ascii(), app.cfg.timezone);
        Loop_dirty();
        break;
    case ACT_TOGGLE_SPLIT:
        app.split = !app.split;
        if (app.split && COLS < LAYOUT_SPLIT_COLS)
            App_message("The second pane needs a terminal at least %d columns wide.", LAYOUT_SPLIT_COLS);
        App_resize();
        break;
    case ACT_LOCK:
        App_lock();
        break;
    case ACT_LOGOUT:
        if (!Work_confirm_logout())
            App_logout();
        break;
    case ACT_TRIAGE:
        ViewTriage_start(top, NULL);
        break;
    case ACT_KNOWLEDGE_BASE:
        if (top && top->ops != &view_lock_ops && top->ops != &view_login_ops && top->ops != &view_kb_ops)
            ViewKb_open(top);
        break;
    default:
        if (!Cases_action(top, a))
            Work_action(a);
        break;
    }
}

void App_key(int key)
{
    App_clear_message();
    if (Term_too_small()) {
        /* Only leaving makes sense until the window grows. */
        Action a = Keymap_lookup(app.km, CTX_GLOBAL, key);
        bool letter = key == 'q' || key == 'Q';
        if ((a == ACT_QUIT && !Keymap_is_typed_key(key)) || (letter && !app.session.active))
            Loop_quit();
        return;
    }
    View *v = View_top();
    if (!v)
        return;
    key_is_typed = Keymap_is_typed_key(Keymap_normalize_key(key));
    Context ctx = View_context(v);
    Action a = Keymap_lookup(app.km, ctx, key);
    if (a != ACT_NONE) {
        if (!v->ops->action || !v->ops->action(v, a))
            App_global_action(a);
    } else if (v->ops->key) {
        /* Typing: text-entry views take it; a list may move the focus to its box. */
        v->ops->key(v, key);
    }
    Loop_dirty();
}

void App_signal_quit(int sig)
{
    Log_event(LOG_INFO, "signal", "sig=%d", sig);
    Loop_quit();
}

/* ---- drawing ------------------------------------------------------------ */

void App_winch(void)
{
    Term_resize();
    App_resize();
}

void App_resize(void)
{
    Layout_compute(&app.layout, LINES, COLS, app.split);
    for (View *v = View_top(); v; v = v->below)
        if (v->ops->resize)
            v->ops->resize(v, &app.layout);
    Loop_dirty();
}

static void App_spin(void *data)
{
    (void)data;
    spinner_timer = 0;
    app.spinner++;
    Loop_dirty();
}

static void App_draw_title(const Layout *l, View *v)
{
    attrset(Term_attr(STYLE_TITLE));
    char left[256], fit[1024];
    const char *title = v && v->ops->title ? v->ops->title(v) : "";
    snprintf(left, sizeof left, " Frontdoor %s %s", Term_ascii() ? "-" : "\u2014", title);
    char right[400];
    if (app.session.active)
        snprintf(right, sizeof right, "%s (%s) ", app.session.display_name, app.session.username);
    else
        snprintf(right, sizeof right, "Not signed in ");
    int w = (int)Text_display_width(right);
    if (w >= l->title.w / 2)
        w = 0;
    /* A long title is cut (with "…") two columns short of the user's name,
     * never run into it. */
    Layout_fit(left, l->title.w - w - (w ? 2 : 0), ALIGN_LEFT, Term_ascii(), fit, sizeof fit);
    Term_text_pad(l->title.y, 0, fit, l->title.w);
    if (w)
        Term_text(l->title.y, l->title.w - w, right, w);
    attrset(A_NORMAL);
}

static void App_draw_status(const Layout *l, View *v)
{
    static const char spin[] = "|/-\\";
    char status[700] = "", work[300];
    char pending[300];
    int clock_w;
    /* The contact clock and the outbox first: they matter all day. */
    Work_status(work, sizeof work, &clock_w);
    if (work[0])
        snprintf(status, sizeof status, " %s", work);
    Api_status(pending, sizeof pending);
    if (pending[0]) {
        bool retry = Api_waiting_to_retry();
        size_t len = strlen(status);
        snprintf(status + len, sizeof status - len, "%s %c %s%s", work[0] ? " |" : "",
                 retry ? '!' : spin[app.spinner % 4], pending, retry ? "" : " (Esc cancels)");
        if (!retry && !spinner_timer)
            spinner_timer = Loop_timer_add(150, App_spin, NULL);
    }
    attrset(Term_attr(STYLE_STATUS));
    Term_text_pad(l->status.y, 0, status, l->status.w);
    if (clock_w) {
        attrset(Term_attr(STYLE_STATUS) | A_BOLD);
        Term_text(l->status.y, 1, work, clock_w);
        Work_clock_at(l->status.y, 1, clock_w);
    }
    attrset(Term_attr(STYLE_STATUS));
    char hint[128], help[40], quit[40];
    App_keys_hint(View_context(v), ACT_VIEW_HELP, help, sizeof help);
    App_keys_hint(View_context(v), ACT_QUIT, quit, sizeof quit);
    snprintf(hint, sizeof hint, " %s Help  %s Quit ", help, quit);
    int w = (int)Text_display_width(hint);
    if (w + (int)Text_display_width(status) < l->status.w)
        Term_text(l->status.y, l->status.w - w, hint, w);
    attrset(app.message_is_error ? Term_attr(STYLE_ERROR) : Term_attr(STYLE_NORMAL));
    Term_text_pad(l->message_line.y, 0, app.message, l->message_line.w);
    attrset(A_NORMAL);
}

void App_draw(void)
{
    Layout *l = &app.layout;
    Layout_compute(l, LINES, COLS, app.split);
    if (l->too_small) {
        Term_draw_too_small();
        refresh();
        return;
    }
    /* erase() only clears ncurses' picture of the screen; refresh() then
     * sends just the cells that changed, so a cursor move costs a few bytes. */
    erase();
    View *v = View_top();
    App_draw_title(l, v);
    if (v && v->ops->draw)
        v->ops->draw(v, l);
    App_draw_status(l, v);
    curs_set(1);
    if (v && v->ops->place_cursor)
        v->ops->place_cursor(v, l);
    else
        move(l->message_line.y, 0);
    refresh();
}
