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
    char e[100];
    Api_escape(team, e, sizeof e);
    return Api_send(to, "POST", NULL, 0, "/queues/%s/claim", e);
}

ApiCall *ApiQueues_people(ApiTo to, const char *words)
{
    char e[800];
    Api_escape(words, e, sizeof e);
    return Api_send(to, "GET", NULL, API_RETRY, "/people?q=%s", e);
}
