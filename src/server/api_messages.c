/* Messages from a supervisor to a person or a team (issue 12): sent with
 * POST /api/v1/messages, announced by a "message" event carrying only
 * its id, read (and audited) with GET /api/v1/messages/{id} by a
 * recipient or the sender, marked read by each recipient. To anyone else
 * a message does not exist: 404, so ids reveal nothing. */
#include <stdio.h>
#include <string.h>

#include "server/api.h"
#include "server/audit.h"
#include "server/events.h"
#include "server/fields.h"
#include "server/store/memberships.h"
#include "server/store/messages.h"

typedef struct MessageTo {
    long long user;
    const char *team;
} MessageTo;

/* Exactly one of to_user (a user name) and to_team (a team code). */
static void read_recipient(Fields *f, Db *db, MessageTo *to)
{
    char home[MEMBERSHIPS_TEAM_MAX];
    const char *user = Fields_string(f, "to_user", false, 64);
    to->team = Fields_string(f, "to_team", false, MEMBERSHIPS_TEAM_MAX - 1);
    if (!user == !to->team)
        Fields_error(f, user ? "to_team" : "to_user", "Send to one person or one team.");
    else if (user && !(to->user = Memberships_user(db, user, home)))
        Fields_error(f, "to_user", "No such user.");
    else if (to->team && !Memberships_team_exists(db, to->team))
        Fields_error(f, "to_team", "No such team.");
}

static long long publish(Db *db, long long id, const MessageTo *to)
{
    char sid[24];
    snprintf(sid, sizeof sid, "%lld", id);
    EventsAudience aud = to->user ? (EventsAudience){.kind = EVENTS_TO_USER, .user_id = to->user}
                                  : (EventsAudience){.kind = EVENTS_TO_TEAM, .team = to->team};
    return Events_publish(db, "message", aud, json_pack("{s:s}", "message_id", sid));
}

void Api_message_send(Request *rq, Reply *r)
{
    static const char *const known[] = {"to_user", "to_team", "text", NULL};
    Fields f;
    MessageTo to = {0};
    long long id;
    if (!Fields_open(&f, rq, r, known))
        return;
    read_recipient(&f, rq->db, &to);
    const char *text = Fields_string(&f, "text", true, MESSAGES_TEXT_MAX);
    if (!Fields_ok(&f))
        Fields_reply(&f, r);
    else if ((id = Messages_insert(rq->db, rq->user.id, to.user, to.team, text)) < 0 ||
             publish(rq->db, id, &to) < 0)
        Reply_problem(r, 503, PROBLEM_UNAVAILABLE, "The message was not sent", "Try again.");
    else
        Reply_json(r, 201, Messages_get(rq->db, id, rq->user.id));
    Fields_close(&f);
}

static bool is_recipient(Request *rq, const MessageHead *h)
{
    return h->to_user ? h->to_user == rq->user.id
                      : Memberships_active(rq->db, rq->user.id, h->to_team);
}

/* The message's id from the path when the caller may see it (as a
 * recipient, or also as its sender when sender_too); else 404 in r. */
static long long visible(Request *rq, Reply *r, bool sender_too)
{
    long long id;
    MessageHead h;
    if (Api_parse_id(rq->params[0], &id) && Messages_head(rq->db, id, &h) &&
        ((sender_too && h.sender == rq->user.id) || is_recipient(rq, &h)))
        return id;
    Api_reply_not_found(r, "message");
    return 0;
}

void Api_message_get(Request *rq, Reply *r)
{
    char why[40];
    long long id = visible(rq, r, true);
    if (!id || !Audit_read_begin(rq, r))
        return;
    snprintf(why, sizeof why, "message:%lld", id);
    Reply_json(r, 200, Messages_get(rq->db, id, rq->user.id));
    Audit_read_done(rq, r, Audit_record(rq, "message.read", 0, why));
}

void Api_message_read(Request *rq, Reply *r)
{
    long long id = visible(rq, r, false);
    if (!id)
        return;
    if (Messages_mark_read(rq->db, id, rq->user.id) < 0)
        Reply_problem(r, 503, PROBLEM_UNAVAILABLE, "Not marked read", "Try again.");
    else
        Reply_empty(r, 204);
}
