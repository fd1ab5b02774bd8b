/* pwgate: at most a few argon2 password checks at once (by default one
 * fewer than the processors), so a flood of sign-ins cannot take every
 * core and every request thread from the advisors' searches. A few more
 * attempts may queue; the rest are turned away at once (503). */
#ifndef FD_PWGATE_H
#define FD_PWGATE_H
#include <stdbool.h>

#include "common/buf.h"

/* Concurrent checks allowed (frontdoord --password-workers); 0 picks
 * processors - 1, at least 1. Call before serving. */
void Pwgate_set_workers(unsigned workers);
unsigned Pwgate_workers(void);
/* Take a place, waiting behind at most a few others; false when the gate
 * and its queue are full. Pair a true with Pwgate_leave. */
bool Pwgate_enter(void);
void Pwgate_leave(void);
/* argon2id verify of password against an encoded hash, counted; call
 * between Pwgate_enter and Pwgate_leave. */
bool Pwgate_verify(const char *encoded, const char *password);
/* Prometheus lines: checks done, attempts turned away, most at once. */
void Pwgate_render(Buf *b);

#endif
