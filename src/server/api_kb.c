/* The knowledge base: full-text search (title matches first) and articles. */
#include <string.h>

#include "common/text.h"
#include "server/api.h"
#include "server/audit.h"
#include "server/store/contacts.h"
#include "server/fields.h"
#include "server/precond.h"
#include "server/store/kb.h"

#define KB_QUERY_MAX 200

void Api_kb_search(Request *rq, Reply *r)
{
    long limit;
    const char *q = Request_query(rq, "q"), *service = Request_query(rq, "service");
    if (!Request_int_param(rq, r, "limit", 1, 100, 20, &limit))
        return;
    if (q && (!Text_utf8_valid(q, strlen(q)) || Text_utf8_length(q) > KB_QUERY_MAX)) {
        Reply_invalid(r, "q", "Search text must be UTF-8, up to 200 characters.");
        return;
    }
    json_t *items = q && *q ? Kb_search(rq->db, q, limit) : Kb_list(rq->db, service, limit);
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

void Api_kb_get(Request *rq, Reply *r)
{
    long long version = 0;
    const char *id = rq->params[0];
    json_t *a = strlen(id) <= KB_ID_MAX ? Kb_get(rq->db, id, &version) : NULL;
    if (!a) {
        Api_reply_not_found(r, "article");
        return;
    }
    json_object_set_new(a, "use", Contacts_article_use(rq->db, rq->params[0]));
    Reply_json(r, 200, a);
    Api_etag(r, version);
}

static bool valid_id(const char *id)
{
    size_t n = strlen(id);
    return n > 0 && n <= KB_ID_MAX && strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

/* Create (POST, id in the body) or update (PUT, If-Match) an article. */
static void kb_write(Request *rq, Reply *r, const char *id, bool create)
{
    static const char *const known[] = {"id", "title", "body", "services", "tags", "updated", NULL};
    Fields f;
    if (!Fields_open(&f, rq, r, known))
        return;
    if (create)
        id = Fields_string(&f, "id", true, KB_ID_MAX);
    if (id && !valid_id(id))
        Fields_error(&f, "id", "Article ids are lower-case letters, digits, - and _.");
    KbArticleIn a = {.id = id};
    /* One field at a time: the errors are listed in the order read. */
    a.title = Fields_string(&f, "title", true, 200);
    a.body = Fields_string(&f, "body", true, 50000);
    a.services = Fields_string(&f, "services", false, 500);
    a.tags = Fields_string(&f, "tags", false, 500);
    a.updated = Fields_string(&f, "updated", false, 10);
    if (!Fields_ok(&f)) {
        Fields_reply(&f, r);
    } else {
        long long version = 0;
        if ((create ? Kb_insert : Kb_update)(rq->db, &a) < 0) {
            Reply_problem(r, 409, PROBLEM_CONFLICT, "An article with this id exists",
                          "Choose another id, or update the existing article.");
        } else if (Audit_record(rq, create ? "kb.create" : "kb.update", 0, id) == 0) {
            Reply_json(r, create ? 201 : 200, Kb_get(rq->db, id, &version));
            Api_etag(r, version);
        }
    }
    Fields_close(&f);
}

void Api_kb_create(Request *rq, Reply *r)
{
    kb_write(rq, r, NULL, true);
}

void Api_kb_update(Request *rq, Reply *r)
{
    long long have = 0;
    json_t *current = valid_id(rq->params[0]) ? Kb_get(rq->db, rq->params[0], &have) : NULL;
    int rc = current ? Precond_if_match(rq, r, have, "article") : 404;
    if (rc == 404) {
        Api_reply_not_found(r, "article");
    } else if (rc == 412) {
        json_t *p = Reply_problem_new(412, PROBLEM_CONFLICT, "Someone else changed this article",
                                      "Compare your change with the current article.");
        json_object_set(p, "current", current);
        Reply_problem_json(r, p);
        Api_etag(r, have);
    } else if (rc == 0) {
        kb_write(rq, r, rq->params[0], false);
    }
    json_decref(current);
}
