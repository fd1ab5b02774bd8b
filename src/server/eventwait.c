#include "server/eventwait.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/buf.h"
#include "common/timefmt.h"

/* How often the timer looks for holds that ran out: a hold ends at most
 * this late, which no client can tell from network delay. */
#define TICK_MS 250
/* How long stopping waits for the woken waiters to be answered. */
#define DRAIN_MS 5000
/* Held long-polls one user may have (--events-per-user; default: two
 * terminals and spares). A dropped connection is not seen while it is
 * suspended, so without a cap one token opening and closing long-polls
 * would take every slot (and its address's connections) until the holds
 * ran out. */
static unsigned per_user = 8;

typedef struct Slot {
    void (*wake)(void *, bool);
    void *arg;
    long long deadline_us;
    long long user_id;
    unsigned roles;
    char teams[EVENTWAIT_TEAMS_LEN + 2];  /* ",a,b," so a team is found as ",a," */
} Slot;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static unsigned hold_seconds = 25, max_waiters = 2000;
static Slot *slots;
static unsigned nslots;       /* waiting now: slots[0 .. nslots) */
static unsigned outstanding;  /* held at least once, not yet sent */
static unsigned peak;
static unsigned long long generation, refused, woken, evicted;
static bool running, stopping;
static pthread_t timer;

void Eventwait_configure(unsigned hold, unsigned max)
{
    if (hold)
        hold_seconds = hold;
    if (max)
        max_waiters = max;
}

void Eventwait_set_per_user(unsigned n)
{
    if (n)
        per_user = n;
}

unsigned Eventwait_hold_seconds(void)
{
    return hold_seconds;
}

unsigned long long Eventwait_generation(void)
{
    pthread_mutex_lock(&lock);
    unsigned long long g = generation;
    pthread_mutex_unlock(&lock);
    return g;
}

static void fill_slot(Slot *s, void (*wake)(void *, bool), void *arg,
                      const EventwaitViewer *who, long long deadline_us)
{
    *s = (Slot){.wake = wake, .arg = arg, .deadline_us = deadline_us, .user_id = who->user_id,
                .roles = who->roles};
    snprintf(s->teams, sizeof s->teams, ",%s,", who->teams ? who->teams : "");
}

/* When user already holds PER_USER long-polls, the oldest is taken out
 * (into *out: true) to be answered now, empty; its client asks again. */
static bool evict_oldest(long long user_id, Slot *out)
{
    unsigned n = 0, oldest = 0;
    for (unsigned i = 0; i < nslots; i++) {
        if (slots[i].user_id != user_id)
            continue;
        if (n++ == 0 || slots[i].deadline_us < slots[oldest].deadline_us)
            oldest = i;
    }
    if (!user_id || n < per_user)
        return false;
    *out = slots[oldest];
    slots[oldest] = slots[--nslots];
    evicted++;
    return true;
}

EventwaitResult Eventwait_hold(void (*park)(void *), void (*wake)(void *, bool), void *arg,
                               const EventwaitViewer *who, long long deadline_us,
                               unsigned long long seen, bool first)
{
    EventwaitResult res = EVENTWAIT_HELD;
    Slot old;
    bool had_old = false;
    pthread_mutex_lock(&lock);
    if (stopping || !slots || Timefmt_mono_us() >= deadline_us)
        res = EVENTWAIT_ANSWER;
    else if (generation != seen)
        res = EVENTWAIT_AGAIN;
    else if (nslots >= max_waiters)
        res = EVENTWAIT_FULL, refused++;
    if (res == EVENTWAIT_HELD) {
        had_old = evict_oldest(who->user_id, &old);
        park(arg);
        fill_slot(&slots[nslots++], wake, arg, who, deadline_us);
        outstanding += first;
        if (nslots > peak)
            peak = nslots;
    }
    pthread_mutex_unlock(&lock);
    if (had_old)
        old.wake(old.arg, true);
    return res;
}

void Eventwait_done(void)
{
    pthread_mutex_lock(&lock);
    if (outstanding)
        outstanding--;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

static bool for_slot(const Slot *s, const EventwaitTarget *t)
{
    char key[sizeof t->team + 2];
    if (t->user_id)
        return t->user_id == s->user_id;
    if (t->roles)
        return (t->roles & s->roles) != 0;
    snprintf(key, sizeof key, ",%s,", t->team);
    return strstr(s->teams, key) != NULL;
}

/* Whether slot s is to be taken: its hold ran out (targets NULL, n 0),
 * everyone is (n < 0), or one of the targets is for it. */
static bool wanted(const Slot *s, const EventwaitTarget *targets, int n, long long now)
{
    if (n < 0)
        return true;
    if (!targets)
        return s->deadline_us <= now;
    for (int i = 0; i < n; i++)
        if (for_slot(s, &targets[i]))
            return true;
    return false;
}

/* Take the waiters wanted out of the table (the lock held). They are
 * woken after the lock is let go, because waking resumes a connection,
 * which takes libmicrohttpd's own lock, and park runs the other way round
 * (ours, then its). A taken waiter is suspended until woken, so nobody
 * else touches it meanwhile. */
static Slot *take(const EventwaitTarget *targets, int n, unsigned *count)
{
    long long now = Timefmt_mono_us();
    Slot *out = malloc((nslots ? nslots : 1) * sizeof *out);
    *count = 0;
    for (unsigned i = 0; out && i < nslots;)
        if (wanted(&slots[i], targets, n, now)) {
            out[(*count)++] = slots[i];
            slots[i] = slots[--nslots];
        } else {
            i++;
        }
    return out;
}

static void wake_taken(Slot *taken, unsigned n, bool expired)
{
    for (unsigned i = 0; i < n; i++)
        taken[i].wake(taken[i].arg, expired);
    free(taken);
}

void Eventwait_wake(const EventwaitTarget *targets, int n)
{
    unsigned count;
    pthread_mutex_lock(&lock);
    generation++;
    Slot *taken = take(targets, n, &count);
    woken += count;
    pthread_mutex_unlock(&lock);
    wake_taken(taken, count, false);
}

static void deadline_in(struct timespec *ts, long ms)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_sec += ms / 1000;
    ts->tv_nsec += (ms % 1000) * 1000000L;
    ts->tv_sec += ts->tv_nsec / 1000000000L;
    ts->tv_nsec %= 1000000000L;
}

static void *timer_main(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&lock);
    while (!stopping) {
        unsigned n;
        Slot *taken = take(NULL, 0, &n);
        pthread_mutex_unlock(&lock);
        wake_taken(taken, n, true);
        pthread_mutex_lock(&lock);
        struct timespec ts;
        deadline_in(&ts, TICK_MS);
        pthread_cond_timedwait(&changed, &lock, &ts);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

int Eventwait_start(void)
{
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&changed, &attr);
    pthread_condattr_destroy(&attr);
    if (!(slots = calloc(max_waiters, sizeof *slots)))
        return -1;
    stopping = false;
    running = pthread_create(&timer, NULL, timer_main, NULL) == 0;
    return running ? 0 : -1;
}

void Eventwait_stop(void)
{
    if (!running)
        return;
    unsigned n;
    pthread_mutex_lock(&lock);
    stopping = true;
    Slot *taken = take(NULL, -1, &n);
    pthread_mutex_unlock(&lock);
    wake_taken(taken, n, true);
    struct timespec until;
    deadline_in(&until, DRAIN_MS);
    pthread_mutex_lock(&lock);
    pthread_cond_broadcast(&changed);
    while (outstanding > 0 && pthread_cond_timedwait(&changed, &lock, &until) == 0)
        ;
    pthread_mutex_unlock(&lock);
    pthread_join(timer, NULL);
    running = false;
    free(slots);
    slots = NULL;
}

void Eventwait_render(Buf *b)
{
    pthread_mutex_lock(&lock);
    Buf_printf(b,
               "# HELP frontdoord_event_waiters Long-polls of GET /api/v1/events held now.\n"
               "# TYPE frontdoord_event_waiters gauge\n"
               "frontdoord_event_waiters %u\n"
               "# HELP frontdoord_event_waiters_peak Most long-polls held at once.\n"
               "# TYPE frontdoord_event_waiters_peak gauge\n"
               "frontdoord_event_waiters_peak %u\n"
               "# HELP frontdoord_event_waiters_refused_total Long-polls answered 503 "
               "because the waiter limit was reached.\n"
               "# TYPE frontdoord_event_waiters_refused_total counter\n"
               "frontdoord_event_waiters_refused_total %llu\n"
               "# HELP frontdoord_event_wakeups_total Held long-polls woken by a commit "
               "with an event for them.\n"
               "# TYPE frontdoord_event_wakeups_total counter\n"
               "frontdoord_event_wakeups_total %llu\n"
               "# HELP frontdoord_event_waiters_evicted_total Held long-polls answered early "
               "because their user held --events-per-user already.\n"
               "# TYPE frontdoord_event_waiters_evicted_total counter\n"
               "frontdoord_event_waiters_evicted_total %llu\n",
               nslots, peak, refused, woken, evicted);
    pthread_mutex_unlock(&lock);
}
