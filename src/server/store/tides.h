/* store/tides: each team's last published rising-tide level (branch
 * ev-core), so tide.changed goes out only when the level changes. */
#ifndef FD_STORE_TIDES_H
#define FD_STORE_TIDES_H

#include "server/store/store.h"

/* The level last recorded for team (0 when none), or -1 on error. */
int Tides_last(Db *db, const char *team);
int Tides_set(Db *db, const char *team, int level);

#endif
