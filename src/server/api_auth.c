#include <stdio.h>
#include <string.h>

#include "common/jsonx.h"
#include "common/log.h"
#include "common/text.h"
#include "common/timefmt.h"
#include "server/api.h"
#include "server/presence.h"
#include "server/store/memberships.h"
#include "server/roles.h"

#define USERNAME_MAX 64
#define PASSWORD_MAX 256

/* The signed-in user as JSON ({"id", "username", "display_name", "roles", "team"}). */
static json_t *user_json(const AuthUser *u)
{
    const char *names[8];
    size_t n = Roles_names(u->roles, names, 8);
    json_t *roles = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(roles, json_string(names[i]));
    char id[24];
    snprintf(id, sizeof id, "%lld", u->id);
    return json_pack("{s:s, s:s, s:s, s:o, s:s?}", "id", id, "username", u->username,
                     "display_name", u->display_name, "roles", roles, "team",
                     u->team[0] ? u->team : NULL);
}

/* The message for one login field, NULL when it is fine. Limits count
 * characters, as the contract's maxLength does, so any password an admin
 * could set (up to 256 characters of any script) is accepted here. */
static const char *login_field_problem(const char *value, size_t max, const char *missing,
                                       const char *too_long, bool *absent)
{
    if (!value || !*value) {
        *absent = true;
        return missing;
    }
    return Text_utf8_length(value) > max ? too_long : NULL;
}

/* Both fields present, strings, bounded; false when r is filled. */
static bool login_fields(json_t *body, Reply *r, const char **user, const char **pass)
{
    *user = Jsonx_str(body, "username", NULL);
    *pass = Jsonx_str(body, "password", NULL);
    bool absent = false;
    const char *msg[2] = {
        login_field_problem(*user, USERNAME_MAX, "Enter your user name (up to 64 characters).",
                            "A user name is at most 64 characters.", &absent),
        login_field_problem(*pass, PASSWORD_MAX, "Enter your password.",
                            "A password is at most 256 characters.", &absent),
    };
    if (!msg[0] && !msg[1])
        return true;
    json_t *errors = json_array();
    for (int i = 0; i < 2; i++)
        if (msg[i])
            json_array_append_new(errors, json_pack("{s:s, s:s}", "field",
                                                    i ? "password" : "username", "message", msg[i]));
    Reply_problem_fields(r, 400, PROBLEM_VALIDATION, "The request has invalid fields",
                         absent ? "Both a user name and a password are needed."
                                : "The user name or password is too long.", errors);
    return false;
}

static void reply_throttled(Reply *r, long retry_after)
{
    char secs[24], detail[160];
    snprintf(secs, sizeof secs, "%ld", retry_after);
    snprintf(detail, sizeof detail,
             "Too many wrong passwords for this user name from this address. "
             "Try again in %ld seconds.",
             retry_after);
    Reply_problem(r, 429, PROBLEM_THROTTLED, "Too many sign-in attempts", detail);
    Reply_header(r, "Retry-After", secs);
}

void Api_login(Request *rq, Reply *r)
{
    json_t *body = Request_json(rq, r);
    const char *user, *pass;
    if (!body)
        return;
    if (login_fields(body, r, &user, &pass)) {
        AuthUser u = {0};
        char token[65], expires[TIMEFMT_LEN];
        time_t exp = 0;
        long retry = 0;
        switch (Auth_login(rq->db, user, pass, rq->client, &u, token, &exp, &retry)) {
        case AUTH_OK:
            Timefmt_utc(exp, expires);
            Reply_json(r, 200, json_pack("{s:s, s:s, s:o}", "token", token, "expires_at",
                                         expires, "user", user_json(&u)));
            Log_event(LOG_INFO, "login", "user=%lld", u.id);
            memset(token, 0, sizeof token);
            break;
        case AUTH_BAD_CREDENTIALS:
            Reply_problem(r, 401, PROBLEM_UNAUTHENTICATED, "Wrong user name or password",
                          "Check both and try again. Repeated failures slow further attempts.");
            Log_event(LOG_WARN, "login_failed", NULL);
            break;
        case AUTH_THROTTLED:
            reply_throttled(r, retry);
            Log_event(LOG_WARN, "login_throttled", "retry_after=%ld", retry);
            break;
        case AUTH_ERROR:
            Reply_problem(r, 500, PROBLEM_INTERNAL, "Sign-in failed", "Try again shortly.");
            break;
        }
    }
    json_decref(body);
}

void Api_logout(Request *rq, Reply *r)
{
    Auth_logout(rq->db, rq->token);
    Presence_end(rq);   /* this client is gone at once, not after the timeout */
    Reply_empty(r, 204);
}

void Api_me(Request *rq, Reply *r)
{
    json_t *me = user_json(&rq->user);
    json_object_set_new(me, "teams", Memberships_list(rq->db, rq->user.id));
    Reply_json(r, 200, me);
}
