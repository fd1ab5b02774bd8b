#include "server/livequeue.h"

#include <stdio.h>
#include <string.h>

#include "common/jsonx.h"
#include "server/events.h"
#include "server/roles.h"
#include "server/store/callbacks.h"
#include "server/store/queues.h"
#include "server/store/tides.h"
#include "server/tide.h"

static int item_level(const json_t *item)
{
    return Tide_level(Jsonx_int(item, "depth", 0), Jsonx_int(item, "oldest_age_seconds", 0));
}

void Livequeue_tide_levels(json_t *summary)
{
    size_t i;
    json_t *item;
    json_array_foreach(summary, i, item)
        json_object_set_new(item, "tide_level", json_integer(item_level(item)));
}

static const char *item_team(const json_t *item)
{
    return json_string_value(json_object_get(json_object_get(item, "team"), "code"));
}

/* tide.changed to every role when team's level is not the one recorded. */
static int tide_check(Db *db, const json_t *item)
{
    const char *team = item_team(item);
    int level = item_level(item), last = Tides_last(db, team);
    if (last < 0)
        return -1;
    if (level == last)
        return 0;
    EventsAudience all = {.kind = EVENTS_TO_ROLES, .roles = ROLES_STAFF};
    if (Tides_set(db, team, level) < 0 ||
        Events_publish(db, "tide.changed", all, json_pack("{s:s, s:i}", "team", team,
                                                          "level", level)) < 0)
        return -1;
    return 0;
}

static json_t *queue_facts(const json_t *item)
{
    json_int_t depth = Jsonx_int(item, "depth", 0);
    json_int_t oldest = depth > 0 ? Jsonx_int(item, "oldest_age_seconds", 0) / 60 : 0;
    return json_pack("{s:s, s:I, s:I}", "team", item_team(item), "depth", depth,
                     "oldest_minutes", oldest);
}

/* queue.changed to the team and, as a separate event, to supervisors
 * (who watch every queue whatever their own teams). */
static int queue_changed(Db *db, const json_t *item)
{
    EventsAudience to_team = {.kind = EVENTS_TO_TEAM, .team = item_team(item)};
    EventsAudience to_sups = {.kind = EVENTS_TO_ROLES, .roles = ROLE_SUPERVISOR};
    if (Events_publish(db, "queue.changed", to_team, queue_facts(item)) < 0 ||
        Events_publish(db, "queue.changed", to_sups, queue_facts(item)) < 0)
        return -1;
    return tide_check(db, item);
}

static json_t *find_team(json_t *summary, const char *team)
{
    size_t i;
    json_t *item;
    json_array_foreach(summary, i, item) {
        const char *code = item_team(item);
        if (code && strcmp(code, team) == 0)
            return item;
    }
    return NULL;
}

int Livequeue_changed(Db *db, const char *team)
{
    json_t *summary = Queues_summary(db);
    json_t *item = team ? find_team(summary, team) : NULL;
    int rc = item ? queue_changed(db, item) : 0;
    json_decref(summary);
    return rc;
}

/* callback.due to whoever the call-back is for; the set of teams whose
 * queue it joins is marked in teams (a JSON object used as a set). */
static int announce_due(Db *db, json_t *teams)
{
    json_t *due = Callbacks_take_due(db);
    size_t i;
    json_t *cb;
    if (!due)
        return -1;
    int rc = 0;
    json_array_foreach(due, i, cb) {
        const char *team = Jsonx_str(cb, "team", "");
        long long user = Jsonx_int(cb, "assignee_id", 0);
        EventsAudience to = user ? (EventsAudience){.kind = EVENTS_TO_USER, .user_id = user}
                                 : (EventsAudience){.kind = EVENTS_TO_TEAM, .team = team};
        /* The id as GET /api/v1/callbacks spells it: a string. */
        char id[24];
        snprintf(id, sizeof id, "%lld", Jsonx_int(cb, "id", 0));
        if (Events_publish(db, "callback.due", to, json_pack("{s:s, s:s}", "callback_id", id,
                                                             "team", team)) < 0)
            rc = -1;
        json_object_set_new(teams, team, json_true());
    }
    json_decref(due);
    return rc;
}

int Livequeue_sweep(Db *db)
{
    json_t *teams = json_object();
    int rc = announce_due(db, teams);
    json_t *summary = Queues_summary(db);
    size_t i;
    json_t *item;
    json_array_foreach(summary, i, item) {
        bool grew = json_object_get(teams, item_team(item)) != NULL;
        if (rc == 0 && (grew ? queue_changed(db, item) : tide_check(db, item)) < 0)
            rc = -1;
    }
    json_decref(summary);
    json_decref(teams);
    return rc;
}
