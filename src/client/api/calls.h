/* calls: the calls the phone system offers the advisor (the screen pop). */
#ifndef FD_API_CALLS_H
#define FD_API_CALLS_H
#include "client/api/api.h"

/* GET calls/{id}: the caller's number (null when withheld), the dialled
 * number's service, the wait, the matching customers (an audited read). */
ApiCall *ApiCalls_get(ApiTo to, const char *id);
/* POST calls/{id}/take: the advisor answers it (409: the caller hung up). */
ApiCall *ApiCalls_take(ApiTo to, const char *id);

#endif
