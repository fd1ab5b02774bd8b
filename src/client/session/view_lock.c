/* view_lock: the idle lock. Nothing of the views below is drawn; the
 * advisor's password, checked by the server, unlocks. */
#include <curses.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/session/session.h"
#include "client/core/field.h"
#include "client/session/secret.h"
#include "client/core/term.h"
#include "client/core/view.h"
#include "client/live/live.h"
#include "common/jsonx.h"
#include "common/log.h"

typedef struct LockState {
    Field pass;
    ApiCall *call;
    char note[320];
    bool note_is_error;
    int cursor_y, cursor_x;
} LockState;

static void Lock_open(View *v, void *arg)
{
    LockState *s = v->st;
    (void)arg;
    Field_init(&s->pass, true);
    App_clear_message();
    Log_event(LOG_INFO, "locked", NULL);
}

static void Lock_close(View *v)
{
    LockState *s = v->st;
    Field_clear(&s->pass);
}

static const char *Lock_title(View *v)
{
    (void)v;
    return "Locked";
}

static Context Lock_context(View *v)
{
    (void)v;
    return CTX_LOGIN;
}

static bool Lock_action(View *v, Action a)
{
    LockState *s = v->st;
    if (a != ACT_ENTER)
        return a == ACT_NEXT_FIELD || a == ACT_PREVIOUS_FIELD;
    if (s->call)
        return true;
    if (!s->pass.len) {
        snprintf(s->note, sizeof s->note, "Type your password, then press Enter.");
        s->note_is_error = true;
        return true;
    }
    snprintf(s->note, sizeof s->note, "Checking\u2026");
    s->note_is_error = false;
    s->call = ApiAuth_login(View_to(v, 1, "Unlocking"), app.session.username, s->pass.text);
    Field_clear(&s->pass);
    return true;
}

static void Lock_key(View *v, int key)
{
    LockState *s = v->st;
    Field_key(&s->pass, key);
}

static void Lock_on_response(View *v, int tag, const ApiResult *r)
{
    LockState *s = v->st;
    (void)tag;
    s->call = NULL;
    const char *token = Jsonx_str(r->json, "token", NULL);
    if (r->status == 200 && token) {
        /* The fresh token replaces the old one for the rest of the session,
         * and in the keyring when the old one was kept there. */
        Api_set_token(token);
        const char *expires = Jsonx_str(r->json, "expires_at", "");
        snprintf(app.session.expires_at, sizeof app.session.expires_at, "%s", expires);
        if (app.keyring_used)
            Secret_store(Api_server(), app.session.username, expires, token, NULL);
        Log_event(LOG_INFO, "unlocked", NULL);
        View_pop();
        Session_start_idle_timer();
        Live_hold(false);
        return;
    }
    s->note_is_error = r->status != -1;
    snprintf(s->note, sizeof s->note, "%s",
             r->status == 401 ? "Password not recognised. Try again." :
             r->status == 429 ? "Too many attempts. Wait a minute, then try again." :
             r->status == -1 ? "Cancelled." : r->message);
}

static void Lock_draw(View *v, const Layout *l)
{
    LockState *s = v->st;
    const Rect *b = &l->body;
    int w = 60, x = b->x + (b->w - w) / 2, y = b->y + (b->h > 12 ? (b->h - 10) / 2 : 1);
    attrset(Term_attr(STYLE_HEADING));
    Term_text(y, x, "Frontdoor is locked", w);
    attrset(A_NORMAL);
    Term_hline(y + 1, x, w);
    char who[400];
    snprintf(who, sizeof who, "Signed in as %s (%s).", app.session.display_name, app.session.username);
    Term_text(y + 3, x, who, w);
    Term_text(y + 5, x, "Password:", 12);
    s->cursor_x = Field_draw(&s->pass, y + 5, x + 12, w - 12);
    s->cursor_y = y + 5;
    char quit[40], out[40], hint[200];
    App_keys_hint(CTX_LOGIN, ACT_QUIT, quit, sizeof quit);
    App_keys_hint(CTX_LOGIN, ACT_LOGOUT, out, sizeof out);
    snprintf(hint, sizeof hint, "Enter unlocks. %s signs out. %s quits.", out, quit);
    attrset(Term_attr(STYLE_DIM));
    Term_text(y + 7, x, hint, w);
    attrset(s->note_is_error ? Term_attr(STYLE_ERROR) : Term_attr(STYLE_NORMAL));
    Term_text(y + 9, x, s->note, w);
    attrset(A_NORMAL);
}

static void Lock_place_cursor(View *v, const Layout *l)
{
    LockState *s = v->st;
    (void)l;
    move(s->cursor_y, s->cursor_x);
}

const ViewOps view_lock_ops = {
    .name = "lock",
    .state_size = sizeof(LockState),
    .open = Lock_open,
    .close = Lock_close,
    .draw = Lock_draw,
    .context = Lock_context,
    .action = Lock_action,
    .key = Lock_key,
    .on_response = Lock_on_response,
    .place_cursor = Lock_place_cursor,
    .title = Lock_title,
    .flags = VIEW_FLAG_NO_HELP | VIEW_FLAG_NO_KB,
};
