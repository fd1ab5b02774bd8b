/* Presence: PUT/GET /api/v1/me/presence (this client's state and the
 * user's combined one), GET /api/v1/presence (the supervisors' board) and
 * GET /api/v1/break-reasons (the council's list). The rules are in
 * presence.h. */
#include <string.h>

#include "server/api.h"
#include "server/fields.h"
#include "server/presence.h"
#include "server/store/presence.h"

/* The reason goes with a break and only with a break. */
static void check_reason(Fields *f, Db *db, const char *state, const char *reason)
{
    bool on_break = state && strcmp(state, "break") == 0;
    if (on_break && !reason)
        Fields_error(f, "reason", "Say why: one of GET /api/v1/break-reasons.");
    else if (on_break && !Presence_store_reason_exists(db, reason))
        Fields_error(f, "reason", "Not a break reason: see GET /api/v1/break-reasons.");
    else if (!on_break && reason)
        Fields_error(f, "reason", "Only a break has a reason.");
}

void Api_presence_put(Request *rq, Reply *r)
{
    static const char *const known[] = {"state", "reason", NULL};
    const char *client = Presence_client_id(rq);
    Fields f;
    if (!Fields_open(&f, rq, r, known))
        return;
    const char *state = Fields_enum(&f, "state", true, Presence_states);
    const char *reason = Fields_string(&f, "reason", false, PRESENCE_REASON_MAX - 1);
    check_reason(&f, rq->db, state, reason);
    if (!client)
        Fields_error(&f, "X-Frontdoor-Client",
                     "Send this client's id in X-Frontdoor-Client: 8-64 of A-Z a-z 0-9 - _.");
    if (!Fields_ok(&f))
        Fields_reply(&f, r);
    else if (Presence_set(rq, client, state, reason) < 0)
        Reply_problem(r, 503, PROBLEM_UNAVAILABLE, "Your state was not saved", "Try again.");
    else
        Reply_json(r, 200, Presence_mine(rq->db, rq->user.id, client));
    Fields_close(&f);
}

void Api_presence_me(Request *rq, Reply *r)
{
    Reply_json(r, 200, Presence_mine(rq->db, rq->user.id, Presence_client_id(rq)));
}

void Api_presence_list(Request *rq, Reply *r)
{
    Reply_json(r, 200, json_pack("{s:o}", "items", Presence_board(rq->db)));
}

void Api_break_reasons(Request *rq, Reply *r)
{
    Reply_json(r, 200, json_pack("{s:o}", "items", Presence_store_reasons(rq->db)));
}
