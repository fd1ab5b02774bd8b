/* eventsweep: the live channel's clock (branch ev-core). A thread that,
 * every sweep interval, in one write transaction of its own: prunes
 * events older than the retention window, publishes callback.due once
 * for each call-back that has fallen due, and re-reads the queues so a
 * rising tide that rises with age alone (no write) is published too. */
#ifndef FD_EVENTSWEEP_H
#define FD_EVENTSWEEP_H

/* Hours events are kept (--events-retention-hours, default 48) and
 * seconds between sweeps (--events-sweep-seconds, default 15); 0 keeps
 * the current value. */
void Eventsweep_configure(unsigned retention_hours, unsigned sweep_seconds);
int Eventsweep_start(void);
/* Finish the sweep under way and join the thread (before Db_shutdown). */
void Eventsweep_stop(void);

#endif
