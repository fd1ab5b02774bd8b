#include "server/eventsweep.h"

#include <pthread.h>
#include <stdbool.h>
#include <time.h>

#include "common/log.h"
#include "common/timefmt.h"
#include "server/events.h"
#include "server/livequeue.h"
#include "server/store/events.h"

static unsigned retention_hours = 48, sweep_seconds = 15;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake;
static bool running, stopping;
static pthread_t thread;

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

static void *sweep_main(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&lock);
    while (!stopping) {
        pthread_mutex_unlock(&lock);
        sweep();
        pthread_mutex_lock(&lock);
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += sweep_seconds;
        while (!stopping && pthread_cond_timedwait(&wake, &lock, &until) == 0)
            ;
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

int Eventsweep_start(void)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&wake, &attr);
    pthread_condattr_destroy(&attr);
    stopping = false;
    running = pthread_create(&thread, NULL, sweep_main, NULL) == 0;
    return running ? 0 : -1;
}

void Eventsweep_stop(void)
{
    if (!running)
        return;
    pthread_mutex_lock(&lock);
    stopping = true;
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&lock);
    pthread_join(thread, NULL);
    running = false;
}
