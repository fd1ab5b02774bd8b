/* health: whether the database answers, for GET /healthz. */
#ifndef FD_STORE_HEALTH_H
#define FD_STORE_HEALTH_H
#include <stdbool.h>

#include "server/store/store.h"

/* True when a trivial query runs on this connection. */
bool Health_ping(Db *db);

#endif
