/* queues: see queues.h. */
#include "client/api/queues.h"

#include "client/api/api_int.h"

ApiCall *ApiQueues_list(ApiTo to)
{
    return Api_send(to, "GET", NULL, API_RETRY, "/queues");
}

ApiCall *ApiQueues_items(ApiTo to, const char *team, int limit)
{
    char e[100];
    Api_escape(team, e, sizeof e);
    return Api_send(to, "GET", NULL, API_RETRY, "/queues/%s/items?limit=%d", e, limit);
}

ApiCall *ApiQueues_claim(ApiTo to, const char *team)
{
    return Api_send_id(to, "POST", NULL, 0, "/queues/%s/claim", team);
}

ApiCall *ApiQueues_people(ApiTo to, const char *words)
{
    return Api_send_id(to, "GET", NULL, API_RETRY, "/people?q=%s", words);
}
