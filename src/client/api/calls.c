/* calls: see calls.h. */
#include "client/api/calls.h"

#include "client/api/api_int.h"

ApiCall *ApiCalls_get(ApiTo to, const char *id)
{
    char e[100];
    Api_escape(id, e, sizeof e);
    return Api_send(to, "GET", NULL, API_RETRY | API_BACKGROUND, "/calls/%s", e);
}

ApiCall *ApiCalls_take(ApiTo to, const char *id)
{
    char e[100];
    Api_escape(id, e, sizeof e);
    return Api_send(to, "POST", NULL, API_BACKGROUND, "/calls/%s/take", e);
}
