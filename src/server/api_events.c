/* GET /api/v1/events: the live channel's long-poll (issue 12). Answers at
 * once with what the caller may see after `after`; with nothing, holds
 * the request (server.c parks it in eventwait) until a commit that
 * published or the hold's end. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/timefmt.h"
#include "server/api.h"
#include "server/store/events.h"
#include "server/store/memberships.h"

/* Events in one answer at most: a client far behind pages through. */
#define PAGE_LIMIT 100
#define PROBLEM_EVENTS_GONE "events-gone"

static void reply_busy(Reply *r)
{
    Reply_problem(r, 503, PROBLEM_UNAVAILABLE, "The database is busy", "Try again shortly.");
    Reply_header(r, "Retry-After", "1");
}

static void reply_events(Reply *r, json_t *items, long long last_id)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    Reply_json(r, 200, json_pack("{s:o, s:I, s:s}", "items", items, "last_id", (json_int_t)last_id,
                                 "now", now));
}

/* The ids after `after` are no longer all in the log (pruned), or the
 * log never reached `after` (a database restored or replaced). */
static bool gone(Db *db, long long after, long long latest, Reply *r)
{
    long long oldest = Events_oldest(db);
    if (after <= latest && (oldest == 0 || after >= oldest - 1))
        return false;
    Reply_problem(r, 410, PROBLEM_EVENTS_GONE, "Those events are no longer kept",
                  "Reload what is on screen, then ask for events without 'after' "
                  "to start from now.");
    return true;
}

/* The caller's current teams, for the waiter table: a commit wakes only
 * the long-polls its events are for. One left out (the list is bounded)
 * would only wait for the hold's end. */
static void note_teams(Request *rq)
{
    json_t *teams = Memberships_list(rq->db, rq->user.id), *m;
    size_t i, len = 0;
    rq->held_teams[0] = '\0';
    json_array_foreach(teams, i, m) {
        const char *code = json_string_value(json_object_get(m, "team_code"));
        size_t n = code ? strlen(code) : 0;
        if (!n || len + n + 2 > sizeof rq->held_teams)
            continue;
        len += (size_t)snprintf(rq->held_teams + len, sizeof rq->held_teams - len, "%s%s",
                                len ? "," : "", code);
    }
    json_decref(teams);
}

void Api_events(Request *rq, Reply *r)
{
    long after;
    /* Read before the page: an event the caller may not see that is newer
     * than this is not skipped past by last_id. */
    long long latest = Events_latest(rq->db);
    if (latest < 0) {
        reply_busy(r);
        return;
    }
    if (!Request_query(rq, "after")) {
        reply_events(r, json_array(), latest);
        return;
    }
    if (!Request_int_param(rq, r, "after", 0, LONG_MAX, 0, &after) ||
        gone(rq->db, after, latest, r))
        return;
    EventsViewer viewer = {.user_id = rq->user.id, .roles = rq->user.roles};
    json_t *items = Events_page(rq->db, &viewer, after, PAGE_LIMIT);
    size_t n = json_array_size(items);
    if (items && n == 0 && rq->may_hold) {
        json_decref(items);
        rq->held = true;
        note_teams(rq);
        return;
    }
    if (!items) {
        reply_busy(r);
        return;
    }
    long long last = n ? json_integer_value(json_object_get(json_array_get(items, n - 1), "id")) : 0;
    /* A full page may have more behind it; otherwise everything up to
     * latest has been looked at (gone() made sure latest >= after). */
    reply_events(r, items, n == PAGE_LIMIT || last > latest ? last : latest);
}
