/* Users and team membership. Administrators manage accounts (under
 * /api/v1/admin/, so a people look-up for hand-offs can live elsewhere);
 * supervisors add people to a team for the day, as the rising tide brings
 * back-office staff onto the phones; everyone may see their own teams. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/text.h"
#include "common/timefmt.h"
#include "server/api.h"
#include "server/audit.h"
#include "server/auth.h"
#include "server/fields.h"
#include "server/store/memberships.h"
#include "server/roles.h"
#include "server/store/users.h"

/* A supervisor's membership lasts the day at most; longer is an admin's. */
#define DAY_MEMBERSHIP_MAX_SECONDS (24 * 3600)

/* roles: a non-empty array of role names, into out as "a,b". */
static bool read_roles(Fields *f, bool required, char *out, size_t cap)
{
    json_t *v = json_object_get(f->body, "roles");
    char list[128] = "";
    size_t i, used = 0;
    json_t *e;
    out[0] = '\0';
    if (!v || json_is_null(v)) {
        if (required)
            Fields_error(f, "roles", "Give the user at least one role.");
        return false;
    }
    bool ok = json_is_array(v) && json_array_size(v) > 0 && json_array_size(v) <= 5;
    json_array_foreach(v, i, e) {
        if (!ok || !json_is_string(e) || strlen(json_string_value(e)) > 20)
            ok = false;
        else
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? "," : "",
                                     json_string_value(e));
    }
    if (ok && Users_roles(list, out, cap))
        return true;
    Fields_error(f, "roles", "roles must list one or more of advisor, backoffice, trainer,"
                 " supervisor and admin.");
    return false;
}

static const char *read_password(Fields *f, bool required)
{
    const char *p = Fields_string(f, "password", required, USERS_PASSWORD_MAX);
    if (p && Text_utf8_length(p) < USERS_PASSWORD_MIN)
        Fields_error(f, "password", "A password needs at least 8 characters.");
    return p;
}

static const char *read_team(Fields *f, Db *db, const char *key, bool required)
{
    const char *team = Fields_string(f, key, required, MEMBERSHIPS_TEAM_MAX - 1);
    if (team && !Memberships_team_exists(db, team))
        Fields_error(f, key, "No such team.");
    return team;
}

/* extension: digits, or null (clears it on PATCH); *set says it was given. */
static const char *read_extension(Fields *f, Db *db, long long id, bool *set)
{
    json_t *v = json_object_get(f->body, "extension");
    *set = v != NULL;
    const char *ext = v && !json_is_null(v) ? Fields_string(f, "extension", false, 16) : NULL;
    const char *why = ext ? Users_extension_problem(db, id, ext) : NULL;
    if (why)
        Fields_error(f, "extension", why);
    return ext;
}

void Api_admin_users_list(Request *rq, Reply *r)
{
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", Users_list(rq->db), "next_cursor"));
}

void Api_admin_user_create(Request *rq, Reply *r)
{
    static const char *const known[] = {"username", "display_name", "password", "roles",
                                        "team_code", "extension", NULL};
    Fields f;
    char roles[128];
    bool has_ext;
    if (!Fields_open(&f, rq, r, known))
        return;
    const char *name = Fields_string(&f, "username", true, USERS_NAME_MAX);
    if (name && !Users_valid_name(name))
        Fields_error(&f, "username", "Use a-z, 0-9, '.', '_' and '-' only.");
    else if (Users_name_is_number(name))
        Fields_error(&f, "username", "A user name cannot be all digits: the phone system would "
                                    "take it for an extension.");
    else if (name && Users_id(rq->db, name))
        Fields_error(&f, "username", "That user name is taken.");
    const char *display = Fields_string(&f, "display_name", true, USERS_DISPLAY_MAX - 1);
    const char *password = read_password(&f, true);
    read_roles(&f, true, roles, sizeof roles);
    const char *team = read_team(&f, rq->db, "team_code", false);
    const char *ext = read_extension(&f, rq->db, 0, &has_ext);
    long long id = 0;
    if (!Fields_ok(&f))
        Fields_reply(&f, r);
    else if ((id = Auth_create_user(rq->db, name, display, password, roles, team)) < 0 ||
             (ext && Users_set_extension(rq->db, id, ext) < 0) ||
             Audit_record(rq, "user.create", 0, name) < 0)
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The user was not created", "Try again.");
    else
        Reply_json(r, 201, Users_json(rq->db, id));
    Fields_close(&f);
}

/* The {name} path segment as a user id, or a 404 in r. */
static long long path_user(Request *rq, Reply *r)
{
    long long id = Users_valid_name(rq->params[0]) ? Users_id(rq->db, rq->params[0]) : 0;
    if (!id)
        Api_reply_not_found(r, "user");
    return id;
}

static int apply_update(Request *rq, Fields *f, long long id)
{
    const char *display = Fields_string(f, "display_name", false, USERS_DISPLAY_MAX - 1);
    const char *password = read_password(f, false);
    char roles[128];
    bool has_roles = read_roles(f, false, roles, sizeof roles), has_ext;
    const char *ext = read_extension(f, rq->db, id, &has_ext);
    json_t *active = json_object_get(f->body, "active");
    if (active && !json_is_boolean(active))
        Fields_error(f, "active", "active must be true or false.");
    /* An admin cannot lock themself out: another admin must do it. */
    if (id == rq->user.id && active && json_is_false(active))
        Fields_error(f, "active", "You cannot disable your own account.");
    if (id == rq->user.id && has_roles && !strstr(roles, "admin"))
        Fields_error(f, "roles", "You cannot take away your own admin role.");
    if (!Fields_ok(f))
        return 1;
    if ((display && Users_set_display_name(rq->db, id, display) < 0) ||
        (has_roles && Users_set_roles(rq->db, id, roles) < 0) ||
        (has_ext && Users_set_extension(rq->db, id, ext) < 0) ||
        (password && Auth_set_password(rq->db, id, password) < 0) ||
        (active && Users_set_active(rq->db, id, json_is_true(active)) < 0))
        return -1;
    return Audit_record(rq, "user.update", 0, rq->params[0]);
}

void Api_admin_user_update(Request *rq, Reply *r)
{
    static const char *const known[] = {"display_name", "password", "roles", "active",
                                        "extension", NULL};
    Fields f;
    long long id = path_user(rq, r);
    if (!id || !Fields_open(&f, rq, r, known))
        return;
    int rc = apply_update(rq, &f, id);
    if (rc > 0)
        Fields_reply(&f, r);
    else if (rc < 0)
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The change was not saved", "Try again.");
    else
        Reply_json(r, 200, Users_json(rq->db, id));
    Fields_close(&f);
}

/* The audit names who was moved and where: "name team". */
static int audit_membership(Request *rq, const char *action, const char *team)
{
    char reason[USERS_NAME_MAX + MEMBERSHIPS_TEAM_MAX + 2];
    snprintf(reason, sizeof reason, "%s %s", rq->params[0], team);
    return Audit_record(rq, action, 0, reason);
}

static void reply_teams(Request *rq, Reply *r, long long id)
{
    Reply_json(r, 200, json_pack("{s:s, s:o}", "username", rq->params[0], "items",
                                 Memberships_list(rq->db, id)));
}

void Api_user_teams(Request *rq, Reply *r)
{
    if (strcmp(rq->params[0], rq->user.username) != 0 &&
        !(rq->user.roles & (ROLE_SUPERVISOR | ROLE_ADMIN))) {
        Reply_problem(r, 403, PROBLEM_FORBIDDEN, "Only your own teams",
                      "You may see your own teams; a supervisor sees everyone's.");
        return;
    }
    long long id = path_user(rq, r);
    if (id)
        reply_teams(rq, r, id);
}

/* A supervisor gives every membership an expiry within the day; an admin
 * may leave it out (permanent). Either way it lies in the future. */
static bool read_expiry(Fields *f, const Request *rq, char out[TIMEFMT_LEN])
{
    bool admin = (rq->user.roles & ROLE_ADMIN) != 0;
    time_t until = 0, now = time(NULL);
    out[0] = '\0';
    if (!Fields_time(f, "expires_at", !admin, &until))
        return false;
    if (until <= now)
        Fields_error(f, "expires_at", "expires_at must be in the future.");
    else if (!admin && until > now + DAY_MEMBERSHIP_MAX_SECONDS)
        Fields_error(f, "expires_at", "A supervisor adds people for the day: at most 24 hours"
                     " ahead. Ask an administrator for a lasting membership.");
    else
        Timefmt_utc(until, out);
    return out[0] != '\0';
}

void Api_user_team_add(Request *rq, Reply *r)
{
    static const char *const known[] = {"team_code", "expires_at", NULL};
    Fields f;
    char until[TIMEFMT_LEN];
    long long id = path_user(rq, r);
    if (!id || !Fields_open(&f, rq, r, known))
        return;
    const char *team = read_team(&f, rq->db, "team_code", true);
    bool expires = read_expiry(&f, rq, until);
    if (!Fields_ok(&f))
        Fields_reply(&f, r);
    else if (Memberships_add(rq->db, id, team, expires ? until : NULL, rq->user.id) < 0 ||
             audit_membership(rq, "membership.add", team) < 0)
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The membership was not saved", "Try again.");
    else
        reply_teams(rq, r, id);
    Fields_close(&f);
}

void Api_user_team_remove(Request *rq, Reply *r)
{
    long long id = path_user(rq, r);
    const char *team = rq->params[1];
    if (!id)
        return;
    if (!(rq->user.roles & ROLE_ADMIN) && Memberships_active(rq->db, id, team) &&
        !Memberships_is_day(rq->db, id, team)) {
        Reply_problem(r, 403, PROBLEM_FORBIDDEN, "Only an administrator can do this",
                      "This is a lasting membership; a supervisor removes day memberships only.");
        return;
    }
    int rc = Memberships_remove(rq->db, id, team);
    if (rc == 0)
        Api_reply_not_found(r, "membership");
    else if (rc < 0 || audit_membership(rq, "membership.remove", team) < 0)
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The membership was not removed", "Try again.");
    else
        Reply_empty(r, 204);
}
