/* view_login: user name and password, or a saved token being checked. */
#include "client/session/view_login.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/session/session.h"
#include "client/core/field.h"
#include "client/core/loop.h"
#include "client/outbox/outbox.h"
#include "client/session/secret.h"
#include "client/core/term.h"
#include "client/core/view.h"
#include "common/jsonx.h"

enum { TAG_LOGIN = 1, TAG_ME };

typedef struct LoginState {
    Field user, pass;
    int focus;             /* 0 user name, 1 password */
    bool checking;         /* a saved sign-in is being looked up or verified */
    ApiCall *call;
    char note[320];        /* what happened last, in plain words */
    bool note_is_error;
    char token[512];       /* a saved token while GET /me verifies it */
    char expires_at[40];
    int cursor_y, cursor_x;
    char counted_for[FIELD_MAX]; /* the user name waiting was counted for */
    size_t waiting;        /* their unsent records on this computer */
} LoginState;

static void Login_note(LoginState *s, bool error, const char *text)
{
    snprintf(s->note, sizeof s->note, "%s", text);
    s->note_is_error = error;
}

static void Login_open(View *v, void *arg)
{
    LoginState *s = v->st;
    (void)arg;
    Field_init(&s->user, false);
    Field_init(&s->pass, true);
    if (app.session.username[0])
        Field_set(&s->user, app.session.username);
}

static void Login_close(View *v)
{
    LoginState *s = v->st;
    Field_clear(&s->pass);
    explicit_bzero(s->token, sizeof s->token);
}

static const char *Login_title(View *v)
{
    (void)v;
    return "Sign in";
}

static Context Login_context(View *v)
{
    LoginState *s = v->st;
    return s->checking ? CTX_GLOBAL : CTX_LOGIN;
}

void ViewLogin_ready(View *v, const char *note)
{
    LoginState *s = v->st;
    s->checking = false;
    if (note)
        Login_note(s, false, note);
    Loop_dirty();
}

void ViewLogin_verify(View *v, const char *token, const char *username, const char *expires_at)
{
    LoginState *s = v->st;
    s->checking = true;
    snprintf(s->token, sizeof s->token, "%s", token);
    snprintf(s->expires_at, sizeof s->expires_at, "%s", expires_at ? expires_at : "");
    Field_set(&s->user, username ? username : "");
    Login_note(s, false, "Checking your saved sign-in\u2026");
    Api_set_token(token);
    s->call = ApiAuth_me(View_to(v, TAG_ME, "Checking saved sign-in"));
}

static void Login_submit(View *v)
{
    LoginState *s = v->st;
    if (s->call)
        return;
    if (s->focus == 0 || s->user.len == 0) {
        s->focus = s->user.len ? 1 : 0;
        if (!s->user.len)
            Login_note(s, true, "Type your user name first.");
        return;
    }
    if (s->pass.len == 0) {
        Login_note(s, true, "Type your password, then press Enter.");
        return;
    }
    Login_note(s, false, "Signing in\u2026");
    s->call = ApiAuth_login(View_to(v, TAG_LOGIN, "Signing in"), s->user.text, s->pass.text);
    Field_clear(&s->pass);
}

static bool Login_action(View *v, Action a)
{
    LoginState *s = v->st;
    if (s->checking)
        return false;
    switch (a) {
    case ACT_ENTER:
        Login_submit(v);
        return true;
    case ACT_NEXT_FIELD:
    case ACT_PREVIOUS_FIELD:
        s->focus = !s->focus;
        return true;
    default:
        return false;
    }
}

static void Login_key(View *v, int key)
{
    LoginState *s = v->st;
    if (!s->checking)
        Field_key(s->focus ? &s->pass : &s->user, key);
}

static void Login_on_login(View *v, const ApiResult *r)
{
    LoginState *s = v->st;
    if (r->status == 200 && r->json) {
        const char *token = Jsonx_str(r->json, "token", NULL);
        json_t *user = json_object_get(r->json, "user");
        if (token && json_is_object(user)) {
            Session_signed_in(token, Jsonx_str(r->json, "expires_at", ""), user, true);
            return; /* this view is closed now */
        }
        Login_note(s, true, "The server's answer was not understood. Try again or call support.");
    } else if (r->status == 401) {
        Login_note(s, true, "User name or password not recognised. Check them and try again.");
        s->focus = 1;
    } else if (r->status == 429) {
        char msg[200];
        snprintf(msg, sizeof msg, "Too many attempts. Wait %ld seconds, then try again.",
                 r->retry_after > 0 ? r->retry_after : 60);
        Login_note(s, true, msg);
    } else if (r->status == -1) {
        Login_note(s, false, "Sign-in cancelled.");
    } else {
        Login_note(s, true, r->message);
    }
}

static void Login_on_me(View *v, const ApiResult *r)
{
    LoginState *s = v->st;
    s->checking = false;
    if (r->status == 200 && r->json) {
        Session_signed_in(s->token, s->expires_at, r->json, false);
        return;
    }
    Api_set_token(NULL);
    explicit_bzero(s->token, sizeof s->token);
    if (r->status == 401) {
        Secret_clear(Api_server(), NULL);
        Login_note(s, false, "Your saved sign-in has expired. Please sign in again.");
    } else if (r->status == -1) {
        Login_note(s, false, "Check cancelled. Sign in with your password.");
    } else {
        Login_note(s, true, r->message);
    }
    s->focus = s->user.len ? 1 : 0;
}

static void Login_on_response(View *v, int tag, const ApiResult *r)
{
    LoginState *s = v->st;
    s->call = NULL;
    if (tag == TAG_LOGIN)
        Login_on_login(v, r);
    else
        Login_on_me(v, r);
}

/* Records the user left unsent (the server was down, say): worth knowing
 * before signing in, and while the server still cannot be reached. */
static void Login_draw_waiting(LoginState *s, int y, int x, int w)
{
    if (strcmp(s->counted_for, s->user.text) != 0) {
        snprintf(s->counted_for, sizeof s->counted_for, "%s", s->user.text);
        s->waiting = Outbox_waiting_on_disk(app.cfg.state_dir, Api_server(), s->user.text);
    }
    if (!s->waiting)
        return;
    char text[300];
    snprintf(text, sizeof text, "%zu record%s waiting to send for %s: kept on this computer, "
             "sent after you sign in.", s->waiting, s->waiting == 1 ? "" : "s", s->user.text);
    size_t starts[2], lens[2];
    int n = Layout_wrap(text, w - 2, starts, lens, 2);
    for (int i = 0; i < n && i < 2; i++) {
        char line[300];
        snprintf(line, sizeof line, "  %.*s", (int)lens[i], text + starts[i]);
        Term_text(y + i, x, line, w);
    }
}

static void Login_draw(View *v, const Layout *l)
{
    LoginState *s = v->st;
    const Rect *b = &l->body;
    int w = 60, x = b->x + (b->w - w) / 2, y = b->y + (b->h > 16 ? (b->h - 14) / 2 : 1);
    attrset(Term_attr(STYLE_HEADING));
    Term_text(y, x, "Sign in to Frontdoor", w);
    attrset(A_NORMAL);
    Term_hline(y + 1, x, w);
    char server[600];
    snprintf(server, sizeof server, "Server:     %s", Api_server());
    Term_text(y + 3, x, server, w);
    Term_text(y + 5, x, "User name:", 12);
    int ux = Field_draw(&s->user, y + 5, x + 12, w - 12);
    Term_text(y + 7, x, "Password:", 12);
    int px = Field_draw(&s->pass, y + 7, x + 12, w - 12);
    attrset(Term_attr(STYLE_DIM));
    Term_text(y + 8, x + 12, "(not shown as you type)", w - 12);
    char hint[160], next[40], help[40];
    App_keys_hint(CTX_LOGIN, ACT_NEXT_FIELD, next, sizeof next);
    App_keys_hint(CTX_LOGIN, ACT_VIEW_HELP, help, sizeof help);
    snprintf(hint, sizeof hint, "Enter signs in. %s: next field. %s: all keys.", next, help);
    Term_text(y + 10, x, hint, w);
    attrset(s->note_is_error ? Term_attr(STYLE_ERROR) : Term_attr(STYLE_NORMAL));
    size_t starts[3], lens[3];
    int n = Layout_wrap(s->note, w - 2, starts, lens, 3);
    for (int i = 0; i < n && i < 3; i++) {
        char line[400];
        snprintf(line, sizeof line, "%s%.*s", i == 0 && s->note_is_error ? "! " : "  ",
                 (int)lens[i], s->note + starts[i]);
        Term_text(y + 12 + i, x, line, w);
    }
    attrset(A_NORMAL);
    Login_draw_waiting(s, y + 15, x, w);
    s->cursor_y = s->focus ? y + 7 : y + 5;
    s->cursor_x = s->focus ? px : ux;
}

static void Login_place_cursor(View *v, const Layout *l)
{
    LoginState *s = v->st;
    (void)l;
    move(s->cursor_y, s->cursor_x);
}

const ViewOps view_login_ops = {
    .name = "login",
    .state_size = sizeof(LoginState),
    .open = Login_open,
    .close = Login_close,
    .draw = Login_draw,
    .context = Login_context,
    .action = Login_action,
    .key = Login_key,
    .on_response = Login_on_response,
    .place_cursor = Login_place_cursor,
    .title = Login_title,
    .flags = VIEW_FLAG_NO_KB,
};
