/* content: see content.h. */
#include "client/api/content.h"

#include "client/api/api_int.h"

ApiCall *ApiContent_services(ApiTo to)
{
    return Api_send(to, "GET", NULL, API_RETRY, "/services");
}

ApiCall *ApiContent_script(ApiTo to, const char *id, int version)
{
    char e[200];
    Api_escape(id, e, sizeof e);
    if (version > 0)   /* the version saved answers were given to */
        return Api_send(to, "GET", NULL, API_RETRY, "/scripts/%s?version=%d", e, version);
    return Api_send(to, "GET", NULL, API_RETRY, "/scripts/%s", e);
}

ApiCall *ApiContent_kb_search(ApiTo to, const char *words, const char *service, int limit)
{
    char e[800];
    if (words[0]) {
        Api_escape(words, e, sizeof e);
        return Api_send(to, "GET", NULL, API_RETRY, "/kb?q=%s&limit=%d", e, limit);
    }
    Api_escape(service, e, sizeof e);
    return Api_send(to, "GET", NULL, API_RETRY, "/kb?service=%s&limit=%d", e, limit);
}

ApiCall *ApiContent_kb_article(ApiTo to, const char *id)
{
    return Api_send_id(to, "GET", NULL, API_RETRY, "/kb/%s", id);
}

ApiCall *ApiContent_wrapcodes(ApiTo to)
{
    return Api_send(to, "GET", NULL, API_BACKGROUND, "/wrapcodes");
}
