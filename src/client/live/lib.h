/* live: the live channel from the server (one long-poll of GET /events,
 * handed out to subscribers by event kind). */
#ifndef FD_LIVE_LIB_H
#define FD_LIVE_LIB_H
#include "client/live/live.h"
#endif
