#include "server/store/messages.h"

#include <stdio.h>
#include <time.h>

#include "common/timefmt.h"
#include "server/store/db.h"

static const char SQL_INSERT[] =
    "INSERT INTO messages (sender_id, to_user_id, to_team, body, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
static const char SQL_HEAD[] =
    "SELECT sender_id, to_user_id, to_team FROM messages WHERE id = ?1";
#define SHOWN_COLS "SELECT m.id, s.username, s.display_name, t.username, m.to_team, m.created_at"
#define SHOWN_FROM                                                                       \
    " FROM messages m JOIN users s ON s.id = m.sender_id"                                \
    " LEFT JOIN users t ON t.id = m.to_user_id"
static const char SQL_GET[] =
    SHOWN_COLS ", m.body, (SELECT r.read_at FROM message_reads r"
    "  WHERE r.message_id = m.id AND r.user_id = ?2)" SHOWN_FROM " WHERE m.id = ?1";
/* To me, or to a team I am a member of now (RFC 3339 expiry as text). */
static const char SQL_UNREAD[] =
    SHOWN_COLS SHOWN_FROM " WHERE (m.to_user_id = ?1 OR m.to_team IN"
    "  (SELECT mm.team_code FROM memberships mm WHERE mm.user_id = ?1"
    "   AND (mm.expires_at IS NULL OR mm.expires_at > ?2)))"
    " AND NOT EXISTS (SELECT 1 FROM message_reads r WHERE r.message_id = m.id"
    "  AND r.user_id = ?1) ORDER BY m.id DESC LIMIT ?3";
static const char SQL_UNREAD_COUNT[] =
    "SELECT COUNT(*) FROM messages m WHERE (m.to_user_id = ?1 OR m.to_team IN"
    "  (SELECT mm.team_code FROM memberships mm WHERE mm.user_id = ?1"
    "   AND (mm.expires_at IS NULL OR mm.expires_at > ?2)))"
    " AND NOT EXISTS (SELECT 1 FROM message_reads r WHERE r.message_id = m.id"
    "  AND r.user_id = ?1)";
static const char SQL_READ[] =
    "INSERT INTO message_reads (message_id, user_id, read_at) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (message_id, user_id) DO NOTHING";

long long Messages_insert(Db *db, long long sender, long long to_user, const char *to_team,
                          const char *text)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_INSERT);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, sender);
    if (to_user)
        Db_bind_int64(st, 2, to_user);
    Db_bind_text(st, 3, to_team);
    Db_bind_text(st, 4, text);
    Db_bind_text(st, 5, now);
    return Db_step_id(st, NULL);
}

bool Messages_head(Db *db, long long id, MessageHead *head)
{
    DbStmt *st = Db_stmt(db, SQL_HEAD);
    if (!st)
        return false;
    Db_bind_int64(st, 1, id);
    bool found = Db_step(st) == DB_ROW;
    if (found) {
        const char *team = Db_col_text(st, 2);
        head->sender = Db_col_int64(st, 0);
        head->to_user = Db_col_is_null(st, 1) ? 0 : Db_col_int64(st, 1);
        snprintf(head->to_team, sizeof head->to_team, "%s", team ? team : "");
    }
    Db_reset(st);
    return found;
}

/* The columns SHOWN_COLS selects, as the API names them. */
static json_t *shown(DbStmt *st)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", Db_col_int64(st, 0));
    return json_pack("{s:s, s:{s:s, s:s}, s:s?, s:s?, s:s}", "id", id, "from", "username",
                     Db_col_text(st, 1), "display_name", Db_col_text(st, 2), "to_user",
                     Db_col_text(st, 3), "to_team", Db_col_text(st, 4), "created_at",
                     Db_col_text(st, 5));
}

json_t *Messages_get(Db *db, long long id, long long reader)
{
    DbStmt *st = Db_stmt(db, SQL_GET);
    json_t *m = NULL;
    if (!st)
        return NULL;
    Db_bind_int64(st, 1, id);
    Db_bind_int64(st, 2, reader);
    if (Db_step(st) == DB_ROW && (m = shown(st))) {
        json_object_set_new(m, "text", json_string(Db_col_text(st, 6)));
        json_object_set_new(m, "read_at", Db_col_text(st, 7) ? json_string(Db_col_text(st, 7))
                                                             : json_null());
    }
    Db_reset(st);
    return m;
}

int Messages_mark_read(Db *db, long long id, long long reader)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_READ);
    if (!st)
        return -1;
    Db_bind_int64(st, 1, id);
    Db_bind_int64(st, 2, reader);
    Db_bind_text(st, 3, now);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

json_t *Messages_unread(Db *db, long long user, int limit)
{
    char now[TIMEFMT_LEN];
    json_t *items = json_array(), *m;
    DbStmt *st = Db_stmt(db, SQL_UNREAD);
    if (!st)
        return items;
    Timefmt_utc(time(NULL), now);
    Db_bind_int64(st, 1, user);
    Db_bind_text(st, 2, now);
    Db_bind_int(st, 3, limit);
    while (Db_step(st) == DB_ROW)
        if ((m = shown(st)))
            json_array_append_new(items, m);
    Db_reset(st);
    return items;
}

long long Messages_unread_count(Db *db, long long user)
{
    char now[TIMEFMT_LEN];
    long long n = 0;
    DbStmt *st = Db_stmt(db, SQL_UNREAD_COUNT);
    if (!st)
        return 0;
    Timefmt_utc(time(NULL), now);
    Db_bind_int64(st, 1, user);
    Db_bind_text(st, 2, now);
    if (Db_step(st) == DB_ROW)
        n = Db_col_int64(st, 0);
    Db_reset(st);
    return n;
}
