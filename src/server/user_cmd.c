/* Passwords are read from standard input, never the command line, where
 * any user on the machine could see them in the process list. */
#include "server/user_cmd.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/text.h"
#include "common/timefmt.h"
#include "server/auth.h"
#include "server/store/memberships.h"
#include "server/store/users.h"

/* 256 characters of up to 4 bytes, a line end and the NUL. */
#define PASSWORD_BYTES (USERS_PASSWORD_MAX * 4 + 2)

static const char USAGE[] =
    "usage: frontdoord user COMMAND --db PATH [options]\n"
    "  add          --name USER --display-name NAME --roles ROLE[,ROLE] [--team CODE]\n"
    "               [--extension DIGITS]\n"
    "               (the password is read from standard input)\n"
    "  list\n"
    "  set-password --name USER   (the new password from standard input)\n"
    "  add-team     --name USER --team CODE [--until RFC3339-TIME]\n"
    "  remove-team  --name USER --team CODE\n"
    "  disable      --name USER   (also ends the user's sessions)\n"
    "  enable       --name USER\n"
    "  set-extension --name USER --extension DIGITS|none   (the phone system's name for them)\n";

typedef struct UserArgs {
    const char *cmd, *db, *name, *display, *roles, *team, *until, *extension;
} UserArgs;

static int parse(int argc, char **argv, UserArgs *a)
{
    static const struct { const char *flag; size_t off; } flags[] = {
        {"--db", offsetof(UserArgs, db)},       {"--name", offsetof(UserArgs, name)},
        {"--display-name", offsetof(UserArgs, display)},
        {"--roles", offsetof(UserArgs, roles)}, {"--team", offsetof(UserArgs, team)},
        {"--until", offsetof(UserArgs, until)}, {"--extension", offsetof(UserArgs, extension)},
    };
    memset(a, 0, sizeof *a);
    a->cmd = argc > 1 ? argv[1] : NULL;
    for (int i = 2; i < argc; i++) {
        size_t k = 0;
        while (k < sizeof flags / sizeof flags[0] && strcmp(argv[i], flags[k].flag) != 0)
            k++;
        if (k == sizeof flags / sizeof flags[0] || i + 1 >= argc)
            return -1;
        *(const char **)((char *)a + flags[k].off) = argv[++i];
    }
    return a->cmd && a->db ? 0 : -1;
}

static int fail(const char *what)
{
    fprintf(stderr, "frontdoord user: %s\n", what);
    return 1;
}

/* One line from standard input, without its line end. The limits count
 * characters, as the API's do; a line that fills the buffer without its
 * end is longer than any allowed password. */
static int read_password(char *out, size_t cap)
{
    if (!fgets(out, (int)cap, stdin)) {
        fail("give the password on standard input");
        return -1;
    }
    size_t bytes = strlen(out);
    bool whole = bytes + 1 < cap || out[bytes - 1] == '\n';
    out[strcspn(out, "\r\n")] = '\0';
    size_t n = Text_utf8_length(out);
    if (!whole || n < USERS_PASSWORD_MIN || n > USERS_PASSWORD_MAX) {
        fail("a password needs 8 to 256 characters");
        return -1;
    }
    return 0;
}

/* --extension for user id (0: a new user); "none" clears it. */
static int set_extension(Db *db, const UserArgs *a, long long id)
{
    const char *ext = strcmp(a->extension, "none") == 0 ? NULL : a->extension;
    const char *why = ext ? Users_extension_problem(db, id, ext) : NULL;
    if (why)
        return fail(why);
    return Users_set_extension(db, id, ext) < 0 ? fail("the extension was not saved") : 0;
}

static int cmd_add(Db *db, const UserArgs *a)
{
    char roles[128], password[PASSWORD_BYTES];
    if (!a->name || !a->display || !a->roles)
        return fail("add needs --name, --display-name and --roles");
    if (!Users_valid_name(a->name))
        return fail("a user name is 1-64 of a-z, 0-9, '.', '_' and '-'");
    if (Users_name_is_number(a->name))
        return fail("a user name cannot be all digits: the phone system would take it for an "
                    "extension");
    if (Users_id(db, a->name))
        return fail("that user name is taken");
    if (strlen(a->display) >= USERS_DISPLAY_MAX)
        return fail("the display name is too long");
    if (!Users_roles(a->roles, roles, sizeof roles))
        return fail("roles are advisor, backoffice, trainer, supervisor and admin");
    if (a->team && !Memberships_team_exists(db, a->team))
        return fail("no such team (load the content first: frontdoord content)");
    const char *why = a->extension && strcmp(a->extension, "none") != 0
                          ? Users_extension_problem(db, 0, a->extension) : NULL;
    if (why)
        return fail(why);
    if (read_password(password, sizeof password) < 0)
        return 1;
    long long id = Auth_create_user(db, a->name, a->display, password, roles, a->team);
    if (id < 0)
        return fail("the user was not created");
    if (a->extension && set_extension(db, a, id) != 0)
        return 1;
    printf("frontdoord user: %s added\n", a->name);
    return 0;
}

static int cmd_list(Db *db)
{
    json_t *users = Users_list(db);
    size_t i, j;
    json_t *u, *e;
    printf("%-16s %-24s %-8s %-28s %s\n", "username", "name", "active", "roles", "teams");
    json_array_foreach(users, i, u) {
        char roles[128] = "", teams[512] = "";
        size_t used = 0;
        json_array_foreach(json_object_get(u, "roles"), j, e)
            used += (size_t)snprintf(roles + used, used < sizeof roles ? sizeof roles - used : 0,
                                     "%s%s", j ? "," : "", json_string_value(e));
        used = 0;
        json_array_foreach(json_object_get(u, "teams"), j, e) {
            const char *until = json_string_value(json_object_get(e, "expires_at"));
            used += (size_t)snprintf(teams + used, used < sizeof teams ? sizeof teams - used : 0,
                                     "%s%s%s%s", j ? "," : "",
                                     json_string_value(json_object_get(e, "team_code")),
                                     until ? " until " : "", until ? until : "");
        }
        printf("%-16s %-24s %-8s %-28s %s\n", json_string_value(json_object_get(u, "username")),
               json_string_value(json_object_get(u, "display_name")),
               json_is_true(json_object_get(u, "active")) ? "yes" : "no", roles, teams);
    }
    json_decref(users);
    return 0;
}

static int cmd_add_team(Db *db, const UserArgs *a, long long id)
{
    time_t until = 0;
    char when[TIMEFMT_LEN];
    if (!a->team || !Memberships_team_exists(db, a->team))
        return fail("add-team needs --team with a known team code");
    if (a->until && (!Timefmt_parse(a->until, &until) || until <= time(NULL)))
        return fail("--until must be a future RFC 3339 time, such as 2026-11-23T18:00:00Z");
    if (a->until)
        Timefmt_utc(until, when);
    if (Memberships_add(db, id, a->team, a->until ? when : NULL, 0) < 0)
        return fail("the membership was not saved");
    printf("frontdoord user: %s is in %s%s%s\n", a->name, a->team, a->until ? " until " : "",
           a->until ? when : "");
    return 0;
}

/* The commands about one existing user. */
static int cmd_for_user(Db *db, const UserArgs *a)
{
    long long id = a->name ? Users_id(db, a->name) : 0;
    char password[PASSWORD_BYTES];
    if (!id)
        return fail(a->name ? "no such user" : "say which user with --name");
    if (strcmp(a->cmd, "set-password") == 0)
        return read_password(password, sizeof password) < 0 ? 1
               : Auth_set_password(db, id, password) < 0 ? fail("the password was not saved")
                                                          : 0;
    if (strcmp(a->cmd, "add-team") == 0)
        return cmd_add_team(db, a, id);
    if (strcmp(a->cmd, "set-extension") == 0)
        return a->extension ? set_extension(db, a, id) : fail("set-extension needs --extension");
    if (strcmp(a->cmd, "remove-team") == 0)
        return !a->team ? fail("remove-team needs --team")
               : Memberships_remove(db, id, a->team) != 1 ? fail("the user is not in that team")
                                                          : 0;
    return Users_set_active(db, id, strcmp(a->cmd, "enable") == 0) < 0 ? fail("not saved") : 0;
}

static bool known_command(const char *cmd)
{
    static const char *const cmds[] = {"add", "list", "set-password", "add-team",
                                       "remove-team", "disable", "enable", "set-extension"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (strcmp(cmd, cmds[i]) == 0)
            return true;
    return false;
}

int User_cmd_main(int argc, char **argv)
{
    UserArgs a;
    if (parse(argc, argv, &a) < 0 || !known_command(a.cmd)) {
        fputs(USAGE, stderr);
        return 2;
    }
    char err[512] = "cannot open the database";
    Db *db = NULL;
    if (Db_init_existing(a.db, err, sizeof err) < 0 || !(db = Db_get()) || Db_begin(db) < 0) {
        Db_shutdown();
        return fail(err);
    }
    int rc = strcmp(a.cmd, "add") == 0    ? cmd_add(db, &a)
             : strcmp(a.cmd, "list") == 0 ? cmd_list(db)
                                          : cmd_for_user(db, &a);
    if (rc == 0 && Db_commit(db) < 0)
        rc = fail("the change was not saved");
    if (rc != 0)
        Db_rollback(db);
    Db_shutdown();
    return rc;
}
