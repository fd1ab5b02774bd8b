/* events: publishing into the log (store/events) and waking the waiters
 * (eventwait) once what was published is committed. */
#include "server/events.h"

#include <stdio.h>
#include <stdlib.h>

#include "server/eventwait.h"
#include "server/store/events.h"

/* The audiences published on this thread since its last commit: the
 * commit wakes only the waiters they concern, and a commit that published
 * nothing wakes nobody. Beyond the table, everyone is woken. A rolled-back
 * publish stays listed until the next commit: one spurious wake-up, never
 * a lost one. */
#define MAX_TARGETS 16
static _Thread_local EventwaitTarget targets[MAX_TARGETS];
static _Thread_local int ntargets;   /* -1: too many to list */

static void note_target(EventsAudience to)
{
    if (ntargets < 0 || ntargets == MAX_TARGETS) {
        ntargets = -1;
        return;
    }
    EventwaitTarget *t = &targets[ntargets++];
    *t = (EventwaitTarget){0};
    if (to.kind == EVENTS_TO_USER)
        t->user_id = to.user_id;
    else if (to.kind == EVENTS_TO_ROLES)
        t->roles = to.roles;
    else
        snprintf(t->team, sizeof t->team, "%s", to.team ? to.team : "");
}

long long Events_publish(Db *db, const char *kind, EventsAudience to, json_t *facts)
{
    char *text = facts ? json_dumps(facts, JSON_COMPACT) : NULL;
    json_decref(facts);
    EventsRow row = {.kind = kind, .facts = text};
    if (to.kind == EVENTS_TO_USER)
        row.to_user = to.user_id;
    else if (to.kind == EVENTS_TO_TEAM)
        row.to_team = to.team;
    else
        row.to_roles = to.roles;
    long long id = Events_insert(db, &row);
    free(text);
    if (id > 0)
        note_target(to);
    return id;
}

void Events_committed(void)
{
    if (ntargets == 0)
        return;
    Eventwait_wake(targets, ntargets);
    ntargets = 0;
}
