/* pwgate: the password-check pool. Sign-ins (anything that runs argon2)
 * are handed to a few threads of their own, by default one fewer than the
 * processors, so a flood of sign-ins can neither take every core nor hold
 * a request thread: the request threads go on answering searches. A queue
 * waits; beyond it sign-ins are turned away at once (503). */
#ifndef FD_PWGATE_H
#define FD_PWGATE_H
#include <stdbool.h>

#include "common/buf.h"

typedef void (*PwgateJob)(void *arg);

/* Threads in the pool (frontdoord --password-workers); 0 picks
 * processors - 1, at least 1. Call before Pwgate_start. */
void Pwgate_set_workers(unsigned workers);
int Pwgate_start(void);
/* Refuse new jobs, run the queued ones, join the threads. */
void Pwgate_stop(void);
/* Queue job(arg); park(arg) runs first, under the pool's lock, before any
 * thread can start the job (so a connection is suspended before anything
 * can resume it). False, with park not run, when the queue is full or the
 * pool stopped. */
bool Pwgate_submit(PwgateJob job, void (*park)(void *arg), void *arg);
/* argon2id verify of password against an encoded hash, counted. */
bool Pwgate_verify(const char *encoded, const char *password);
/* Prometheus lines: checks done, sign-ins turned away, most at once. */
void Pwgate_render(Buf *b);

#endif
