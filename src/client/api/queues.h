/* queues: the teams' work queues, and the people a case or call-back can
 * be given to. */
#ifndef FD_API_QUEUES_H
#define FD_API_QUEUES_H
#include "client/api/api.h"

/* GET queues: every team and its counts (retried). */
ApiCall *ApiQueues_list(ApiTo to);
/* GET queues/{team}/items, the first limit of them (retried). */
ApiCall *ApiQueues_items(ApiTo to, const char *team, int limit);
/* POST queues/{team}/claim: the next item becomes the advisor's. */
ApiCall *ApiQueues_claim(ApiTo to, const char *team);
/* GET people?q=: the people whose name or user name match (retried). */
ApiCall *ApiQueues_people(ApiTo to, const char *words);

#endif
