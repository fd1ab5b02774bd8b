/* me: see me.h. */
#include "client/api/me.h"

#include "client/api/api_int.h"

ApiCall *ApiMe_presence(ApiTo to, const char *state, const char *reason)
{
    json_t *body = json_pack("{ss}", "state", state);
    if (reason && reason[0])
        json_object_set_new(body, "reason", json_string(reason));
    return Api_send(to, "PUT", body, API_BACKGROUND, "/me/presence");
}

ApiCall *ApiMe_break_reasons(ApiTo to)
{
    return Api_send(to, "GET", NULL, API_RETRY, "/break-reasons");
}

ApiCall *ApiMe_work(ApiTo to, bool background)
{
    return Api_send(to, "GET", NULL, API_RETRY | (background ? API_BACKGROUND : 0), "/me/work");
}

ApiCall *ApiMe_message(ApiTo to, const char *id)
{
    return Api_send_id(to, "GET", NULL, API_RETRY | API_BACKGROUND, "/messages/%s", id);
}

ApiCall *ApiMe_message_read(ApiTo to, const char *id)
{
    return Api_send_id(to, "POST", NULL, API_BACKGROUND, "/messages/%s/read", id);
}
