#include "server/reply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/jsonx.h"

static void set_body(Reply *r, int status, const char *type, char *body)
{
    free(r->body);
    r->status = status;
    r->content_type = type;
    r->body = body;
    r->len = body ? strlen(body) : 0;
}

void Reply_json(Reply *r, int status, json_t *v)
{
    set_body(r, status, "application/json", Jsonx_dump(v));
    json_decref(v);
}

json_t *Reply_problem_new(int status, const char *slug, const char *title, const char *detail)
{
    char type[96];
    snprintf(type, sizeof type, "urn:frontdoor:problem:%s", slug);
    json_t *p = json_pack("{s:s, s:s, s:i, s:s}", "type", type, "title", title, "status", status,
                          "detail", detail ? detail : title);
    /* jansson refuses text that is not UTF-8: the caller still gets its
     * status, with the title as the detail, rather than no answer. */
    return p ? p : json_pack("{s:s, s:s, s:i, s:s}", "type", type, "title", title, "status",
                             status, "detail", title);
}

void Reply_problem_json(Reply *r, json_t *problem)
{
    int status = (int)json_integer_value(json_object_get(problem, "status"));
    set_body(r, status, "application/problem+json", Jsonx_dump(problem));
    json_decref(problem);
}

void Reply_problem_fields(Reply *r, int status, const char *slug, const char *title,
                          const char *detail, json_t *errors)
{
    json_t *p = Reply_problem_new(status, slug, title, detail);
    if (errors)
        json_object_set_new(p, "errors", errors);
    Reply_problem_json(r, p);
}

void Reply_problem(Reply *r, int status, const char *slug, const char *title,
                   const char *detail)
{
    Reply_problem_fields(r, status, slug, title, detail, NULL);
}

void Reply_invalid(Reply *r, const char *field, const char *message)
{
    json_t *errors = json_pack("[{s:s, s:s}]", "field", field, "message", message);
    Reply_problem_fields(r, 400, PROBLEM_VALIDATION, "The request has invalid fields",
                         message, errors);
}

void Reply_text(Reply *r, int status, const char *content_type, char *body)
{
    set_body(r, status, content_type, body);
}

void Reply_empty(Reply *r, int status)
{
    set_body(r, status, NULL, NULL);
}

void Reply_header(Reply *r, const char *name, const char *value)
{
    if (r->nheaders >= REPLY_MAX_HEADERS)
        return;
    snprintf(r->headers[r->nheaders].name, sizeof r->headers[0].name, "%s", name);
    snprintf(r->headers[r->nheaders].value, sizeof r->headers[0].value, "%s", value);
    r->nheaders++;
}

void Reply_free(Reply *r)
{
    free(r->body);
    r->body = NULL;
}
