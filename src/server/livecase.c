#include "server/livecase.h"

#include <string.h>

#include "server/events.h"
#include "server/livequeue.h"
#include "server/store/cases.h"
#include "server/store/memberships.h"

/* The ref too: a client can tell one of its own cases (my work) from the
 * rest of its team's without reading anything. */
static json_t *changed_facts(long long case_id, const char *ref, long long version)
{
    return json_pack("{s:I, s:s, s:I}", "case_id", (json_int_t)case_id, "ref", ref, "version",
                     (json_int_t)version);
}

/* case.changed to the team, and to an assignee outside it. */
static int publish_changed(Db *db, long long case_id, const CaseOwner *o)
{
    char ref[CASE_REF_LEN];
    long long version;
    if (!Cases_ref_version(db, case_id, ref, &version))
        return -1;
    EventsAudience team = {.kind = EVENTS_TO_TEAM, .team = o->team};
    if (Events_publish(db, "case.changed", team, changed_facts(case_id, ref, version)) < 0)
        return -1;
    if (!o->assignee || Memberships_active(db, o->assignee, o->team))
        return 0;
    EventsAudience person = {.kind = EVENTS_TO_USER, .user_id = o->assignee};
    return Events_publish(db, "case.changed", person, changed_facts(case_id, ref, version)) < 0 ? -1 : 0;
}

int Livecase_created(Db *db, long long case_id)
{
    CaseOwner o = {0};
    return Cases_owner(db, case_id, &o) ? Livequeue_changed(db, o.team) : -1;
}

int Livecase_changed(Db *db, long long case_id, bool queue_moved)
{
    CaseOwner o = {0};
    if (!Cases_owner(db, case_id, &o) || publish_changed(db, case_id, &o) < 0)
        return -1;
    return queue_moved ? Livequeue_changed(db, o.team) : 0;
}

static int publish_assigned(Db *db, long long case_id, long long assignee, long long by)
{
    char ref[CASE_REF_LEN];
    long long version;
    if (!Cases_ref_version(db, case_id, ref, &version))
        return -1;
    EventsAudience person = {.kind = EVENTS_TO_USER, .user_id = assignee};
    return Events_publish(db, "case.assigned", person, json_pack("{s:I, s:s, s:I}", "case_id",
                          (json_int_t)case_id, "ref", ref, "by", (json_int_t)by)) < 0 ? -1 : 0;
}

int Livecase_handed_off(Db *db, long long case_id, const char *from_team, long long assignee,
                        long long by)
{
    CaseOwner o = {0};
    if (!Cases_owner(db, case_id, &o) || publish_changed(db, case_id, &o) < 0 ||
        (assignee && publish_assigned(db, case_id, assignee, by) < 0) ||
        Livequeue_changed(db, o.team) < 0)
        return -1;
    return strcmp(from_team, o.team) != 0 ? Livequeue_changed(db, from_team) : 0;
}
