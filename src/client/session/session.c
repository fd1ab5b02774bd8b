#include "client/session/session.h"

#include <stdio.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/api/api.h"
#include "client/core/app.h"
#include "client/core/loop.h"
#include "client/core/view.h"
#include "client/live/live.h"
#include "client/session/secret.h"
#include "client/session/work.h"
#include "common/jsonx.h"
#include "common/log.h"

static void Session_lock(void);

static unsigned idle_timer;

static const char memory_notice[] =
    "No keyring (Secret Service): sign-in kept in memory only, outbox not encrypted.";

static void Session_from_user(const json_t *user, const char *expires_at)
{
    Session *s = &app.session;
    snprintf(s->user_id, sizeof s->user_id, "%s", Jsonx_str(user, "id", ""));
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

static void Session_memory_only(void)
{
    app.keyring_used = false;
    if (!app.memory_notice_given) {
        app.memory_notice_given = true;
        App_message("%s", memory_notice);
    }
}

static void Session_token_stored(bool ok, const char *why, const char *token, const char *username,
                             const char *expires_at)
{
    (void)token; (void)username; (void)expires_at; (void)why;
    if (ok) {
        app.keyring_used = true;
        App_message("Signed in as %s. Your sign-in is saved in the keyring.", app.session.display_name);
    } else {
        Session_memory_only();
    }
}

void Session_signed_in(const char *token_in, const char *expires_in, const json_t *user, bool fresh)
{
    /* The caller's buffers may belong to the login view, which closes here. */
    char token[512], expires_at[40];
    snprintf(token, sizeof token, "%s", token_in);
    snprintf(expires_at, sizeof expires_at, "%s", expires_in ? expires_in : "");
    Session_from_user(user, expires_at);
    Api_set_token(token);
    Log_event(LOG_INFO, "signed_in", "fresh=%d", fresh ? 1 : 0);
    View_pop_all();
    View_open(VIEW_SEARCH, NULL);
    if (!fresh) {
        app.keyring_used = true;
        App_message("Welcome back, %s (saved sign-in).", app.session.display_name);
    } else if (Secret_bus_present()) {
        App_message("Signed in as %s.", app.session.display_name);
        Secret_store(Api_server(), app.session.username, expires_at, token, Session_token_stored);
    } else {
        Session_memory_only();
    }
    explicit_bzero(token, sizeof token);
    Session_start_idle_timer();
    Work_signed_in();
    Live_start();
}

static void Session_token_cleared(bool ok, const char *why, const char *token, const char *username,
                              const char *expires_at)
{
    (void)token; (void)username; (void)expires_at; (void)why;
    App_message(ok ? "Signed out. The saved sign-in was removed from the keyring."
                   : "Signed out.");
}

static void Session_logout_done(void *owner, int tag, const ApiResult *r)
{
    (void)owner; (void)tag;
    Log_event(LOG_INFO, "logout", "status=%ld", r->status);
}

static void Session_end(void)
{
    Live_stop();
    Work_signed_out();
    memset(&app.session, 0, sizeof app.session);
    Api_set_token(NULL);
    View_pop_all();
    View_open(VIEW_LOGIN, NULL);
}

static void Session_logout(void)
{
    if (!app.session.active && !Api_has_token())
        return;
    /* The server forgets the token; so does the keyring, even if the
     * server cannot be reached (the token then simply expires there). */
    ApiAuth_logout((ApiTo){.done = Session_logout_done, .owner = &app, .label = "Signing out"});
    Session_end();
    if (app.keyring_used)
        Secret_clear(Api_server(), Session_token_cleared);
    else
        App_message("Signed out.");
    app.keyring_used = false;
}

static void Session_unauthorized(void)
{
    if (!app.session.active)
        return;
    Log_event(LOG_INFO, "session_expired", NULL);
    if (app.keyring_used)
        Secret_clear(Api_server(), NULL);
    app.keyring_used = false;
    Session_end();
    App_error("Your session has ended. Please sign in again.");
}

bool Session_action(View *top, Action a)
{
    (void)top;
    switch (a) {
    case ACT_LOCK:
        Session_lock();
        return true;
    case ACT_LOGOUT:
        if (!Work_confirm_logout(Session_logout))
            Session_logout();
        return true;
    default:
        return false;
    }
}

/* The lock view over everything, while signed in. Nothing arrives
 * behind it: the live channel stays open (the presence heartbeat: the
 * advisor is away, not gone) and hands out what came at unlock. */
static void Session_lock(void)
{
    if (!app.session.active)
        return;
    Live_hold(true);
    View_open_once(VIEW_LOCK, NULL);
}

static void Session_idle_check(void *data)
{
    (void)data;
    idle_timer = 0;
    long long limit = (long long)app.cfg.idle_lock_minutes * 60000;
    if (limit <= 0 || !app.session.active)
        return;
    long long idle = Loop_idle_ms();
    if (idle >= limit) {
        Session_lock();
        idle = 0;
    }
    idle_timer = Loop_timer_add(limit - idle, Session_idle_check, NULL);
}

void Session_start_idle_timer(void)
{
    if (idle_timer)
        Loop_timer_cancel(idle_timer);
    idle_timer = 0;
    if (app.cfg.idle_lock_minutes > 0)
        idle_timer = Loop_timer_add((long long)app.cfg.idle_lock_minutes * 60000, Session_idle_check, NULL);
    Api_on_unauthorized(Session_unauthorized);
}
