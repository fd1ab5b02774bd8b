/* auth: see auth.h. */
#include "client/api/auth.h"

#include "client/api/api_int.h"

ApiCall *ApiAuth_login(ApiTo to, const char *username, const char *password)
{
    json_t *body = json_pack("{s:s, s:s}", "username", username, "password", password);
    return Api_send(to, "POST", body, API_NO_AUTH, "/auth/login");
}

ApiCall *ApiAuth_logout(ApiTo to)
{
    return Api_send(to, "POST", NULL, 0, "/auth/logout");
}

ApiCall *ApiAuth_me(ApiTo to)
{
    return Api_send(to, "GET", NULL, API_RETRY, "/me");
}
