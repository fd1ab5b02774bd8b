#include "server/router.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

extern const Route Routes_table[];
extern const size_t Routes_count;

const Route *Router_at(size_t i)
{
    return i < Routes_count ? &Routes_table[i] : NULL;
}

/* Match path against pattern segment by segment; captures go to rq. */
static bool path_matches(const char *pattern, const char *path, Request *rq)
{
    int n = 0;
    while (*pattern && *path) {
        if (*pattern != '/' || *path != '/')
            return false;
        pattern++, path++;
        size_t plen = strcspn(pattern, "/");
        size_t slen = strcspn(path, "/");
        if (pattern[0] == '{') {
            if (slen == 0 || slen >= sizeof rq->param_store[0] || n >= REQUEST_MAX_PARAMS)
                return false;
            memcpy(rq->param_store[n], path, slen);
            rq->param_store[n][slen] = '\0';
            rq->params[n] = rq->param_store[n];
            n++;
        } else if (plen != slen || strncmp(pattern, path, plen) != 0) {
            return false;
        }
        pattern += plen, path += slen;
    }
    if (*pattern || *path)
        return false;
    rq->nparams = n;
    return true;
}

RouteMatch Router_match(const char *method, const char *path, Request *rq,
                        const Route **found, char *allow, size_t allowlen)
{
    bool path_seen = false;
    size_t used = 0;
    allow[0] = '\0';
    for (size_t i = 0; i < Routes_count; i++) {
        const Route *rt = &Routes_table[i];
        if (!path_matches(rt->pattern, path, rq))
            continue;
        if (strcmp(rt->method, method) == 0) {
            *found = rt;
            return ROUTE_FOUND;
        }
        if (used < allowlen) {
            int n = snprintf(allow + used, allowlen - used, "%s%s", path_seen ? ", " : "",
                             rt->method);
            if (n > 0)
                used += (size_t)n;
        }
        path_seen = true;
    }
    return path_seen ? ROUTE_BAD_METHOD : ROUTE_NO_PATH;
}
