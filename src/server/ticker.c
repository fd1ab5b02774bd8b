#include "server/ticker.h"

#include <time.h>

/* The monotonic clock: a change of the wall clock (NTP, an operator)
 * neither stalls nor hurries the housekeeping. */
static void deadline(struct timespec *until, long long interval_ms)
{
    clock_gettime(CLOCK_MONOTONIC, until);
    until->tv_sec += interval_ms / 1000;
    until->tv_nsec += (interval_ms % 1000) * 1000000L;
    until->tv_sec += until->tv_nsec / 1000000000L;
    until->tv_nsec %= 1000000000L;
}

/* Sleeps one interval; false when told to stop. Called with t->lock. */
static bool sleep_interval(Ticker *t)
{
    struct timespec until;
    deadline(&until, t->interval_ms);
    while (!t->stopping && pthread_cond_timedwait(&t->wake, &t->lock, &until) == 0)
        ;  /* woken early but not stopping: sleep out the rest */
    return !t->stopping;
}

static void *ticker_main(void *arg)
{
    Ticker *t = arg;
    pthread_mutex_lock(&t->lock);
    bool go = t->wait_first ? sleep_interval(t) : !t->stopping;
    while (go) {
        pthread_mutex_unlock(&t->lock);
        t->tick();
        pthread_mutex_lock(&t->lock);
        go = sleep_interval(t);
    }
    pthread_mutex_unlock(&t->lock);
    return NULL;
}

int Ticker_start(Ticker *t)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&t->wake, &attr);
    pthread_condattr_destroy(&attr);
    pthread_mutex_init(&t->lock, NULL);
    t->stopping = false;
    t->running = pthread_create(&t->thread, NULL, ticker_main, t) == 0;
    return t->running ? 0 : -1;
}

void Ticker_stop(Ticker *t)
{
    if (!t->running)
        return;
    pthread_mutex_lock(&t->lock);
    t->stopping = true;
    pthread_cond_signal(&t->wake);
    pthread_mutex_unlock(&t->lock);
    pthread_join(t->thread, NULL);
    pthread_cond_destroy(&t->wake);
    pthread_mutex_destroy(&t->lock);
    t->running = false;
}
