#include "server/request.h"

#include <errno.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/jsonx.h"
#include "common/text.h"

const char *Request_query(const Request *rq, const char *key)
{
    return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *Request_header(const Request *rq, const char *key)
{
    return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, key);
}

/* JSON bodies must say so: a browser can send text/plain or a form to
 * another site without asking first, so accepting those would let any web
 * page post to this API with an advisor's credentials. */
static bool json_content_type(const Request *rq)
{
    const char *type = Request_header(rq, "Content-Type");
    if (!type)
        return false;
    size_t n = strcspn(type, ";");
    while (n && type[n - 1] == ' ')
        n--;
    return (n == 16 && strncasecmp(type, "application/json", 16) == 0) ||
           (n > 5 && strncasecmp(type + n - 5, "+json", 5) == 0 &&
            strncasecmp(type, "application/", 12) == 0);
}

json_t *Request_json(const Request *rq, Reply *r)
{
    if (!json_content_type(rq)) {
        Reply_problem(r, 415, PROBLEM_MEDIA_TYPE, "The body must be JSON",
                      "Send Content-Type: application/json.");
        return NULL;
    }
    return Request_parse_json(rq->body, rq->body_len, r);
}

/* jansson quotes the bytes it stopped at ("invalid escape near '"\\<first
 * byte of a character>'"), which can end inside a character; a detail that
 * is not UTF-8 could not be sent at all (found by tests/fuzz). */
static void json_error_detail(const json_error_t *err, char *out, size_t cap)
{
    Text_format(out, cap, "Line %d, column %d: %s", err->line, err->column, err->text);
    if (!Text_utf8_valid(out, strlen(out)))
        snprintf(out, cap, "Line %d, column %d.", err->line, err->column);
}

json_t *Request_parse_json(const char *body, size_t len, Reply *r)
{
    if (!body || len == 0) {
        Reply_problem(r, 400, PROBLEM_MALFORMED, "The request body is empty",
                      "Send a JSON object in the request body.");
        return NULL;
    }
    if (!Text_utf8_valid(body, len)) {
        Reply_problem(r, 400, PROBLEM_MALFORMED, "The request body is not valid UTF-8",
                      "Send the JSON body encoded as UTF-8.");
        return NULL;
    }
    if (Jsonx_depth(body, len, REQUEST_MAX_JSON_DEPTH) > REQUEST_MAX_JSON_DEPTH) {
        Reply_problem(r, 400, PROBLEM_MALFORMED, "The JSON is nested too deeply",
                      "Nesting deeper than 32 levels is refused.");
        return NULL;
    }
    json_error_t err;
    json_t *v = json_loadb(body, len, JSON_REJECT_DUPLICATES, &err);
    if (!v || !json_is_object(v)) {
        char detail[256];
        if (v)
            snprintf(detail, sizeof detail, "The body must be a JSON object.");
        else
            json_error_detail(&err, detail, sizeof detail);
        json_decref(v);
        Reply_problem(r, 400, PROBLEM_MALFORMED, "The request body is not valid JSON", detail);
        return NULL;
    }
    return v;
}

bool Request_int_param(const Request *rq, Reply *r, const char *key, long min, long max,
                       long fallback, long *out)
{
    const char *s = Request_query(rq, key);
    if (!s) {
        *out = fallback;
        return true;
    }
    /* Digits only (a minus sign where negatives are allowed): no "+5", no
     * " 5", and a number too long for a long is out of range, not the
     * largest long. */
    const char *digits = (*s == '-' && min < 0) ? s + 1 : s;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*digits < '0' || *digits > '9' || *end != '\0' || errno == ERANGE || v < min || v > max) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s must be a whole number from %ld to %ld", key, min, max);
        Reply_invalid(r, key, msg);
        return false;
    }
    *out = v;
    return true;
}

bool Request_choice_param(const Request *rq, Reply *r, const char *key,
                          const char *const *choices, int fallback, int *out)
{
    const char *s = Request_query(rq, key);
    *out = fallback;
    if (!s)
        return true;
    char msg[128];
    size_t used = (size_t)snprintf(msg, sizeof msg, "%s must be", key);
    for (int i = 0; choices[i]; i++) {
        if (strcmp(s, choices[i]) == 0) {
            *out = i;
            return true;
        }
        if (used < sizeof msg)
            used += (size_t)snprintf(msg + used, sizeof msg - used, "%s %s",
                                     i == 0 ? "" : choices[i + 1] ? "," : " or", choices[i]);
    }
    if (used < sizeof msg)
        snprintf(msg + used, sizeof msg - used, ".");
    Reply_invalid(r, key, msg);
    return false;
}
