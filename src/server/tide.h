/* tide: the rising-tide level of a team's queue, computed once on the
 * server (branch ev-core, issue 12) with the rules the client had in
 * src/client/queue/surge.c: level N (1-4) is reached when the depth is at
 * least its depth, or the queue is not empty and its oldest item is at
 * least its age; the highest level reached wins; 0 is calm.
 *
 * The thresholds are the council's content: tide.conf in the content
 * directory (config/tide.conf), with the keys frontdoor.conf used
 * (surge_levelN_depth, surge_levelN_oldest_minutes; 0 switches a test
 * off). Without the file, the client's defaults. */
#ifndef FD_TIDE_H
#define FD_TIDE_H
#include <stddef.h>

#define TIDE_LEVELS 4

/* Read dir/tide.conf if it exists; -1 (with a message in err) when it
 * exists but does not parse. */
int Tide_load(const char *dir, char *err, size_t errlen);
int Tide_level(long long depth, long long oldest_seconds);

#endif
