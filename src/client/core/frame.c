#include "client/core/frame.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "client/api/api.h"
#include "client/core/app.h"
#include "client/core/ask.h"
#include "client/core/loop.h"
#include "client/core/term.h"
#include "client/core/view.h"
#include "common/log.h"
#include "common/text.h"

static unsigned spinner_timer;

enum { FRAME_MAX_ACTIONS = 8 };
static FrameActions actions[FRAME_MAX_ACTIONS];
static size_t nactions;
static bool (*hold_fn)(void);
static bool (*quit_guard)(void);
static FrameStatus status_fn;
static void (*clock_at_fn)(int y, int x, int w);

void Frame_add_actions(FrameActions fn)
{
    if (nactions < FRAME_MAX_ACTIONS)
        actions[nactions++] = fn;
}

void Frame_set_hold(bool (*hold)(void))
{
    hold_fn = hold;
}

void Frame_set_quit_guard(bool (*guard)(void))
{
    quit_guard = guard;
}

void Frame_set_status(FrameStatus status, void (*clock_at)(int y, int x, int w))
{
    status_fn = status;
    clock_at_fn = clock_at;
}

/* ---- keys and actions -------------------------------------------------- */

/* While a safeguarding outcome waits for its action taken, only what
 * covers it and comes back to it may happen: help, the lock, redrawing. */
static bool Frame_held_by_safeguarding(Action a, const View *top)
{
    if (!hold_fn || !hold_fn())
        return false;
    switch (a) {
    case ACT_VIEW_HELP: case ACT_REDRAW: case ACT_TOGGLE_LINES: case ACT_TOGGLE_SPLIT: case ACT_LOCK:
        return false;
    case ACT_BACK: case ACT_CANCEL:
        if (View_has(top, VIEW_FLAG_COVERS))
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

static void Frame_quit_answer(void *data, int key)
{
    (void)data;
    if (key == 'y')
        Loop_quit();
}

static void Frame_quit(void)
{
    if (quit_guard && quit_guard())
        return;
    if (key_is_typed && app.session.active)
        Ask("Quit Frontdoor? y/n", "yn", 0, Frame_quit_answer, NULL);
    else
        Loop_quit();
}

/* How the screen is drawn: false when a is none of these. */
static bool Frame_screen_action(Action a)
{
    switch (a) {
    case ACT_REDRAW:
        clearok(curscr, TRUE);
        Loop_dirty();
        return true;
    case ACT_TOGGLE_LINES:
        Term_toggle_ascii();
        Screen_set_format_options(Term_ascii(), app.cfg.timezone);
        Loop_dirty();
        return true;
    case ACT_TOGGLE_SPLIT:
        app.split = !app.split;
        if (app.split && COLS < LAYOUT_SPLIT_COLS)
            App_message("The second pane needs a terminal at least %d columns wide.", LAYOUT_SPLIT_COLS);
        Frame_resize();
        return true;
    default:
        return false;
    }
}

static void Frame_global_action(Action a)
{
    View *top = View_top();
    if (Frame_held_by_safeguarding(a, top))
        return;
    switch (a) {
    case ACT_QUIT:
        Frame_quit();
        break;
    case ACT_VIEW_HELP:
        if (top && !View_has(top, VIEW_FLAG_NO_HELP))
            View_open(VIEW_HELP, top);
        break;
    case ACT_BACK:
        if (View_has(top, VIEW_FLAG_BACK_POPS))
            View_pop();
        else
            App_message("This is the first screen. Press Q or F10 to quit.");
        break;
    case ACT_CANCEL:
        if (Api_cancel_latest())
            App_message("Cancelled.");
        break;
    default:
        if (Frame_screen_action(a))
            break;
        for (size_t i = 0; i < nactions && !actions[i](top, a); i++)
            ;
        break;
    }
}

void Frame_key(int key)
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
            Frame_global_action(a);
    } else if (v->ops->key) {
        /* Typing: text-entry views take it; a list may move the focus to its box. */
        v->ops->key(v, key);
    }
    Loop_dirty();
}

void Frame_signal_quit(int sig)
{
    Log_event(LOG_INFO, "signal", "sig=%d", sig);
    Loop_quit();
}

/* ---- drawing ------------------------------------------------------------ */

void Frame_winch(void)
{
    Term_resize();
    Frame_resize();
}

void Frame_resize(void)
{
    Layout_compute(&app.layout, LINES, COLS, app.split);
    for (View *v = View_top(); v; v = v->below)
        if (v->ops->resize)
            v->ops->resize(v, &app.layout);
    Loop_dirty();
}

static void Frame_spin(void *data)
{
    (void)data;
    spinner_timer = 0;
    app.spinner++;
    Loop_dirty();
}

static void Frame_draw_title(const Layout *l, View *v)
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

static void Frame_draw_status(const Layout *l, View *v)
{
    static const char spin[] = "|/-\\";
    char status[700] = "", work[300];
    char pending[300];
    int clock_w = 0;
    /* The contact clock and the outbox first: they matter all day. */
    work[0] = '\0';
    if (status_fn)
        status_fn(work, sizeof work, &clock_w);
    if (work[0])
        snprintf(status, sizeof status, " %s", work);
    Api_status(pending, sizeof pending);
    if (pending[0]) {
        bool retry = Api_waiting_to_retry();
        size_t len = strlen(status);
        snprintf(status + len, sizeof status - len, "%s %c %s%s", work[0] ? " |" : "",
                 retry ? '!' : spin[app.spinner % 4], pending, retry ? "" : " (Esc cancels)");
        if (!retry && !spinner_timer)
            spinner_timer = Loop_timer_add(150, Frame_spin, NULL);
    }
    attrset(Term_attr(STYLE_STATUS));
    Term_text_pad(l->status.y, 0, status, l->status.w);
    if (clock_w && clock_at_fn) {
        attrset(Term_attr(STYLE_STATUS) | A_BOLD);
        Term_text(l->status.y, 1, work, clock_w);
        clock_at_fn(l->status.y, 1, clock_w);
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

void Frame_draw(void)
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
    Frame_draw_title(l, v);
    if (v && v->ops->draw)
        v->ops->draw(v, l);
    Frame_draw_status(l, v);
    curs_set(1);
    if (v && v->ops->place_cursor)
        v->ops->place_cursor(v, l);
    else
        move(l->message_line.y, 0);
    refresh();
}
