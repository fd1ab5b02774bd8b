/* events: see events.h. */
#include "client/api/events.h"

#include "client/api/api_int.h"

ApiCall *ApiEvents_wait(ApiTo to, long long after)
{
    unsigned flags = API_BACKGROUND | API_LONG_POLL;
    if (after < 0)
        return Api_send(to, "GET", NULL, flags, "/events");
    return Api_send(to, "GET", NULL, flags, "/events?after=%lld", after);
}
