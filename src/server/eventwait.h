/* eventwait: the long-polls of GET /api/v1/events that are waiting. A
 * waiting request holds no thread, only a suspended connection (a slot
 * here); a commit that published wakes those its events are for (by
 * the audience: user, team or roles) to look again, and a
 * timer thread answers those whose hold ran out. Beyond max waiters a
 * request is answered 503 at once. On stop every waiter is woken to be
 * answered, and Eventwait_stop waits until they have been.
 *
 * With several instances on PostgreSQL: Events_committed would also
 * NOTIFY frontdoor_events with the new id, and the timer thread here
 * would LISTEN on its own connection and call Eventwait_wake(NULL, -1) on
 * each notification, so a commit on any instance wakes every instance's
 * waiters. Nothing else changes: the waiters re-read the shared log. */
#ifndef FD_EVENTWAIT_H
#define FD_EVENTWAIT_H
#include <stdbool.h>

/* Seconds a long-poll is held (--events-hold-seconds, default 25) and
 * waiters at most (--events-max-waiters, default 2000). Call before
 * Eventwait_start. */
void Eventwait_configure(unsigned hold_seconds, unsigned max_waiters);
/* Long-polls one user may hold (--events-per-user, default 8): one more
 * answers that user's oldest at once, empty. */
void Eventwait_set_per_user(unsigned n);
unsigned Eventwait_hold_seconds(void);
int Eventwait_start(void);
/* Wake every waiter to answer now and wait (a few seconds at most) until
 * each held request has been answered; then join the timer. */
void Eventwait_stop(void);

/* Counts commits that published: read it before looking at the log, and
 * give it to Eventwait_hold, so a commit between the look and the hold is
 * never missed. */
unsigned long long Eventwait_generation(void);

#define EVENTWAIT_TEAMS_LEN 512

/* Who a waiter is: a commit wakes only the waiters its events concern. */
typedef struct EventwaitViewer {
    long long user_id;
    unsigned roles;
    const char *teams;   /* current team codes, comma-separated */
} EventwaitViewer;

/* One published event's audience: exactly one of user_id, roles, team. */
typedef struct EventwaitTarget {
    long long user_id;
    unsigned roles;
    char team[64];
} EventwaitTarget;

typedef enum {
    EVENTWAIT_HELD,   /* parked: wake(arg, …) will be called once */
    EVENTWAIT_AGAIN,  /* something was committed since `seen`: look again */
    EVENTWAIT_ANSWER, /* stopping, or the deadline passed: answer now */
    EVENTWAIT_FULL,   /* too many waiters: answer 503 */
} EventwaitResult;

/* Park arg until a publishing commit or deadline_us (Timefmt_mono_us).
 * park(arg) runs under the lock before anyone can wake it (it suspends
 * the connection); wake(arg, expired) runs once, outside the lock, and
 * must only hand the request back (resume the connection). first: the
 * request's first hold, counted until Eventwait_done. */
EventwaitResult Eventwait_hold(void (*park)(void *), void (*wake)(void *, bool), void *arg,
                               const EventwaitViewer *who, long long deadline_us,
                               unsigned long long seen, bool first);
/* A request that was held at least once has been answered and sent. */
void Eventwait_done(void);
/* The waiters any of targets[0 .. n) is for look again; n < 0: all of
 * them (too many events in one commit to list). */
void Eventwait_wake(const EventwaitTarget *targets, int n);
/* Waiters now, most at once and those turned away, for GET /metrics. */
struct Buf;
void Eventwait_render(struct Buf *b);

#endif
