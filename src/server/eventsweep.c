#include "server/eventsweep.h"

#include <stdbool.h>
#include <time.h>

#include "common/log.h"
#include "common/timefmt.h"
#include "server/events.h"
#include "server/livequeue.h"
#include "server/ticker.h"
#include "server/store/events.h"

static unsigned retention_hours = 48, sweep_seconds = 15;
static Ticker sweeper;

void Eventsweep_configure(unsigned hours, unsigned seconds)
{
    if (hours)
        retention_hours = hours;
    if (seconds)
        sweep_seconds = seconds;
}

/* One sweep in one transaction: all of it or none of it. */
static void sweep(void)
{
    Db *db = Db_get();
    if (!db || Db_begin(db) < 0)
        return;
    char cutoff[TIMEFMT_LEN];
    Timefmt_utc(time(NULL) - (time_t)retention_hours * 3600, cutoff);
    int pruned = Events_prune(db, cutoff);
    bool ok = pruned >= 0 && Livequeue_sweep(db) == 0;
    if (ok && Db_commit(db) == 0) {
        Events_committed();
        if (pruned > 0)
            Log_event(LOG_INFO, "events_pruned", "count=%d", pruned);
    } else {
        Db_rollback(db);
        Log_event(LOG_WARN, "events_sweep_failed", NULL);
    }
    Db_release(db);
}

int Eventsweep_start(void)
{
    sweeper = (Ticker){.tick = sweep, .interval_ms = sweep_seconds * 1000LL};
    return Ticker_start(&sweeper);
}

void Eventsweep_stop(void)
{
    Ticker_stop(&sweeper);
}
