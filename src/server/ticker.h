/* ticker: a background thread that calls one function every interval
 * until stopped: the server's housekeeping (the connection reaper, the
 * event log's sweep, the presence timeout). Stopping wakes the thread at
 * once and joins it, so a tick under way finishes first and no tick
 * starts after Ticker_stop returns (callers stop it before Db_shutdown). */
#ifndef FD_TICKER_H
#define FD_TICKER_H
#include <pthread.h>
#include <stdbool.h>

typedef struct Ticker {
    void (*tick)(void);
    long long interval_ms;
    bool wait_first;            /* the first tick after one interval, not at start */
    /* private: */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool running, stopping;
} Ticker;

/* Set tick, interval_ms and wait_first, then start; 0 or -1. */
int Ticker_start(Ticker *t);
void Ticker_stop(Ticker *t);

#endif
