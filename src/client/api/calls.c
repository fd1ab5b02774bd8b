/* calls: see calls.h. */
#include "client/api/calls.h"

#include "client/api/api_int.h"

ApiCall *ApiCalls_get(ApiTo to, const char *id)
{
    return Api_send_id(to, "GET", NULL, API_RETRY | API_BACKGROUND, "/calls/%s", id);
}

ApiCall *ApiCalls_take(ApiTo to, const char *id)
{
    return Api_send_id(to, "POST", NULL, API_BACKGROUND, "/calls/%s/take", id);
}
