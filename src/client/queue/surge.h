/* surge: the "rising tide" banner of a team queue.
 *
 * The level (0 calm, 1-4) is the server's: it computes it once from the
 * queue's depth and the age of its oldest item, with the thresholds in
 * the council's content (tide.conf), and tells every client
 * (GET /queues tide_level, the event tide.changed), so every screen
 * agrees. What staff do at each level ("back-office staff on the rota
 * join the queue") stays the centre's words in frontdoor.conf
 * (surge_levelN_text), shown in the banner so the response to a surge is
 * the same whoever is on shift. Pure: no curses, no network; unit tested
 * in tests/unit/test_surge.c. */
#ifndef FD_SURGE_H
#define FD_SURGE_H
#include <stddef.h>

#include "client/core/config.h"

#define SURGE_LEVELS 4

/* "RISING TIDE 2 of 4 (12 waiting, oldest 4 h 05 min): <text of level 2
 * in c>", or "" for level 0 (or one out of range). */
void Surge_banner(const Config *c, int level, long depth, long oldest_seconds,
                  char *out, size_t cap);
/* "4 h 05 min", "12 min", "40 s": an age for people. */
void Surge_age(long seconds, char *out, size_t cap);

#endif
