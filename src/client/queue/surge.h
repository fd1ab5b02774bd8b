/* surge: the "rising tide" level of a team queue.
 *
 * The centre agrees, per level 1-4, a queue depth and an age of the
 * oldest waiting item at which the level applies, and the action staff
 * take then ("back-office staff on the rota join the queue"). The queue
 * view shows the highest level reached as a banner in words, so the
 * response to a surge is the same whoever is on shift. Pure: no curses,
 * no network; unit tested in tests/unit/test_surge.c. */
#ifndef FD_SURGE_H
#define FD_SURGE_H
#include <stddef.h>

#include "client/core/config.h"

#define SURGE_LEVELS 4

typedef struct SurgeLevel {
    int depth;            /* items waiting; 0: depth never triggers this level */
    int oldest_minutes;   /* age of the oldest item; 0: age never triggers it */
    const char *text;     /* the agreed action, borrowed */
} SurgeLevel;

typedef struct SurgeRules {
    SurgeLevel level[SURGE_LEVELS];   /* [0] is level 1 */
} SurgeRules;

/* The thresholds and texts from the surge_level* options (borrowed from c). */
void Surge_rules(const Config *c, SurgeRules *r);
/* 0 (calm) to 4: the highest level whose depth or oldest-age threshold
 * is reached. Levels are judged independently, so a council that sets
 * only level 3 gets level 3 or nothing. */
int Surge_level(const SurgeRules *r, long depth, long oldest_seconds);
/* "RISING TIDE 2 of 4 (12 waiting, oldest 4 h 05 min): <text>", or ""
 * for level 0. */
void Surge_banner(const SurgeRules *r, int level, long depth, long oldest_seconds,
                  char *out, size_t cap);
/* "4 h 05 min", "12 min", "40 s": an age for people. */
void Surge_age(long seconds, char *out, size_t cap);

#endif
