/* reply: what a handler answers — JSON, problem+json (RFC 9457), or text. */
#ifndef FD_REPLY_H
#define FD_REPLY_H
#include <jansson.h>
#include <stddef.h>

#define REPLY_MAX_HEADERS 6

typedef struct Reply {
    int status;
    char *body;      /* malloc'd; NULL for no body */
    size_t len;
    const char *content_type;
    struct { char name[32]; char value[160]; } headers[REPLY_MAX_HEADERS];
    int nheaders;
} Reply;

/* Stable problem types: urn:frontdoor:problem:<slug>. */
#define PROBLEM_NOT_FOUND "not-found"
#define PROBLEM_METHOD "method-not-allowed"
#define PROBLEM_UNAUTHENTICATED "unauthenticated"
#define PROBLEM_FORBIDDEN "forbidden"
#define PROBLEM_MALFORMED "malformed-request"
#define PROBLEM_VALIDATION "validation"
#define PROBLEM_TOO_LARGE "payload-too-large"
#define PROBLEM_THROTTLED "too-many-attempts"
#define PROBLEM_INTERNAL "internal-error"
#define PROBLEM_UNAVAILABLE "unavailable"
#define PROBLEM_CONFLICT "edit-conflict"
#define PROBLEM_MEDIA_TYPE "unsupported-media-type"
#define PROBLEM_DUPLICATE "possible-duplicate"
#define PROBLEM_PRECONDITION "precondition-required"

/* Takes ownership of v. */
void Reply_json(Reply *r, int status, json_t *v);
void Reply_problem(Reply *r, int status, const char *slug, const char *title,
                   const char *detail);
/* errors: a JSON array of {"field","message"}; ownership taken. */
void Reply_problem_fields(Reply *r, int status, const char *slug, const char *title,
                          const char *detail, json_t *errors);
/* A problem object to add members to (e.g. "matches", "current") before
 * Reply_problem_json sends it (taking ownership). */
json_t *Reply_problem_new(int status, const char *slug, const char *title, const char *detail);
void Reply_problem_json(Reply *r, json_t *problem);
/* One field error, the common case of a validation failure. */
void Reply_invalid(Reply *r, const char *field, const char *message);
/* Takes ownership of body. */
void Reply_text(Reply *r, int status, const char *content_type, char *body);
void Reply_empty(Reply *r, int status);
void Reply_header(Reply *r, const char *name, const char *value);
void Reply_free(Reply *r);

#endif
