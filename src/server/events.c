/* events: publishing into the log (store/events) and waking the waiters
 * (eventwait) once what was published is committed. */
#include "server/events.h"

#include <stdlib.h>

#include "server/eventwait.h"
#include "server/store/events.h"

/* Set by a publish on this request thread, cleared by the commit that
 * follows: a commit that published nothing wakes nobody. A rolled-back
 * publish leaves it set, which costs one spurious wake-up, never a lost
 * one. */
static _Thread_local bool published;

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
        published = true;
    return id;
}

void Events_committed(void)
{
    if (!published)
        return;
    published = false;
    Eventwait_wake_all();
}
