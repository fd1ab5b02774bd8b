#include "server/store/users.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/timefmt.h"
#include "server/roles.h"
#include "server/store/db.h"
#include "server/store/memberships.h"
#include "server/store/sessions.h"

_Static_assert(sizeof ((UsersAccount *)0)->team == MEMBERSHIPS_TEAM_MAX,
               "an account's home team holds any team code");

static const char SQL_ID[] = "SELECT id FROM users WHERE username = ?1";
static const char SQL_DISPLAY[] = "UPDATE users SET display_name = ?2 WHERE id = ?1";
static const char SQL_ROLES[] = "UPDATE users SET roles = ?2 WHERE id = ?1";
static const char SQL_ACTIVE[] = "UPDATE users SET active = ?2 WHERE id = ?1";
static const char SQL_PASSWORD[] = "UPDATE users SET password_hash = ?2 WHERE id = ?1";
static const char SQL_INSERT[] =
    "INSERT INTO users (username, display_name, password_hash, roles, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
/* Sign-in's view: enabled accounts only. */
#define ACCOUNT "SELECT id, username, display_name, roles, password_hash FROM users WHERE active = 1"
static const char SQL_BY_NAME[] = ACCOUNT " AND username = ?1";
static const char SQL_BY_ID[] = ACCOUNT " AND id = ?1";
static const char SQL_EXTENSION_SET[] =
    "INSERT INTO user_extensions (user_id, extension) VALUES (?1, ?2)"
    " ON CONFLICT (user_id) DO UPDATE SET extension = excluded.extension";
static const char SQL_EXTENSION_CLEAR[] = "DELETE FROM user_extensions WHERE user_id = ?1";
static const char SQL_EXTENSION_OWNER[] =
    "SELECT user_id FROM user_extensions WHERE extension = ?1";
static const char SQL_GET[] =
    "SELECT username, display_name, roles, active,"
    "  (SELECT extension FROM user_extensions WHERE user_id = users.id)"
    " FROM users WHERE id = ?1";
static const char SQL_ALL[] = "SELECT id FROM users ORDER BY username";

bool Users_valid_name(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    return n >= 1 && n <= USERS_NAME_MAX &&
           strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

bool Users_name_is_number(const char *name)
{
    return name && *name && strspn(name, "0123456789") == strlen(name);
}

bool Users_roles(const char *list, char *out, size_t cap)
{
    unsigned all = 0;
    while (list && *list) {
        size_t n = strcspn(list, ",");
        char one[32];
        unsigned bit = 0;
        if (n < sizeof one) {
            memcpy(one, list, n);
            one[n] = '\0';
            bit = Roles_parse(one);
        }
        if (!bit)
            return false;
        all |= bit;
        list += n + (list[n] == ',');
    }
    const char *names[8];
    size_t count = Roles_names(all, names, 8), used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < count && used < cap; i++)
        used += (size_t)snprintf(out + used, cap - used, "%s%s", i ? "," : "", names[i]);
    return count > 0 && used < cap;
}

long long Users_id(Db *db, const char *username)
{
    long long id = 0;
    return Db_lookup_int(db, SQL_ID, username, 0, &id) ? id : 0;
}

long long Users_insert(Db *db, const char *username, const char *display_name,
                       const char *password_hash, const char *roles)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_INSERT);
    if (!st)
        return -1;
    const char *vals[] = {username, display_name, password_hash, roles, now};
    for (int i = 0; i < 5; i++)
        Db_bind_text(st, i + 1, vals[i]);
    return Db_step_id(st, NULL);
}

/* One enabled account by the key the statement takes (text, or id when
 * text is NULL). */
static bool account(Db *db, const char *sql, const char *text, long long id, UsersAccount *a,
                    char *hash)
{
    DbStmt *st = Db_stmt(db, sql);
    if (!st)
        return false;
    if (text)
        Db_bind_text(st, 1, text);
    else
        Db_bind_int64(st, 1, id);
    bool found = Db_step(st) == DB_ROW;
    if (found) {
        a->id = Db_col_int64(st, 0);
        snprintf(a->username, sizeof a->username, "%s", Db_col_text(st, 1));
        snprintf(a->display_name, sizeof a->display_name, "%s", Db_col_text(st, 2));
        snprintf(a->roles, sizeof a->roles, "%s", Db_col_text(st, 3));
        if (hash)
            snprintf(hash, USERS_HASH_MAX, "%s", Db_col_text(st, 4));
    }
    Db_reset(st);
    if (found)
        Memberships_home_team(db, a->id, a->team);
    return found;
}

bool Users_by_name(Db *db, const char *username, UsersAccount *a, char hash[USERS_HASH_MAX])
{
    return account(db, SQL_BY_NAME, username, 0, a, hash);
}

bool Users_by_id(Db *db, long long id, UsersAccount *a)
{
    return account(db, SQL_BY_ID, NULL, id, a, NULL);
}

static int update(Db *db, const char *sql, long long id, const char *text, int number)
{
    DbStmt *st = Db_stmt(db, sql);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, id);
    if (text)
        Db_bind_text(st, 2, text);
    else
        Db_bind_int(st, 2, number);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

int Users_set_display_name(Db *db, long long id, const char *display_name)
{
    return update(db, SQL_DISPLAY, id, display_name, 0);
}

int Users_set_roles(Db *db, long long id, const char *roles)
{
    return update(db, SQL_ROLES, id, roles, 0);
}

int Users_set_password_hash(Db *db, long long id, const char *password_hash)
{
    return update(db, SQL_PASSWORD, id, password_hash, 0) == 0 && Db_changes(db) == 1 ? 0 : -1;
}

int Users_set_active(Db *db, long long id, bool active)
{
    if (update(db, SQL_ACTIVE, id, NULL, active) < 0)
        return -1;
    return active ? 0 : Sessions_delete_user(db, id);
}

const char *Users_extension_problem(Db *db, long long id, const char *ext)
{
    size_t n = strlen(ext);
    long long owner = 0;
    if (n < 2 || n > USERS_EXTENSION_MAX || strspn(ext, "0123456789") != n)
        return "An extension is 2 to 10 digits.";
    if (Db_lookup_int(db, SQL_EXTENSION_OWNER, ext, 0, &owner) && owner != id)
        return "Another user has that extension.";
    /* The phone system names an advisor by user name or extension: one
     * string must never mean two people. */
    long long named = Users_id(db, ext);
    if (named && named != id)
        return "That is another user's name; choose other digits.";
    return NULL;
}

int Users_set_extension(Db *db, long long id, const char *ext)
{
    DbStmt *st = Db_stmt(db, ext ? SQL_EXTENSION_SET : SQL_EXTENSION_CLEAR);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, id);
    if (ext)
        Db_bind_text(st, 2, ext);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

static json_t *role_array(const char *list)
{
    const char *names[8];
    size_t n = Roles_names(Roles_parse(list), names, 8);
    json_t *roles = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(roles, json_string(names[i]));
    return roles;
}

json_t *Users_json(Db *db, long long id)
{
    DbStmt *st = Db_stmt(db, SQL_GET);
    json_t *u = NULL;
    if (!st)
        return NULL;
    Db_bind_int64(st, 1, id);
    if (Db_step(st) == DB_ROW)
        u = json_pack("{s:s, s:s, s:o, s:b, s:o}", "username", Db_col_text(st, 0),
                      "display_name", Db_col_text(st, 1), "roles",
                      role_array(Db_col_text(st, 2)), "active", Db_col_int(st, 3) != 0,
                      "extension", Db_col_is_null(st, 4) ? json_null()
                                                         : json_string(Db_col_text(st, 4)));
    Db_reset(st);
    if (u)
        json_object_set_new(u, "teams", Memberships_list(db, id));
    return u;
}

json_t *Users_list(Db *db)
{
    json_t *items = json_array();
    DbStmt *st = Db_stmt(db, SQL_ALL);
    long long ids[1000];
    size_t n = 0;
    while (st && n < 1000 && Db_step(st) == DB_ROW)
        ids[n++] = Db_col_int64(st, 0);
    if (st)
        Db_reset(st);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, Users_json(db, ids[i]));
    return items;
}
