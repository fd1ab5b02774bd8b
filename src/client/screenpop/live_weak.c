/* live_weak: stand-ins for the live channel (client/live/live.h) until
 * branch cl-events brings it; weak, so its real functions win. Goes when
 * cl-events is merged. */
#include "client/live/live.h"

__attribute__((weak)) void Live_subscribe(const char *kind, LiveHandler fn, void *ctx)
{
    (void)kind; (void)fn; (void)ctx;
}

__attribute__((weak)) void Live_start(void) {}
__attribute__((weak)) void Live_stop(void) {}
