/* Wrap codes: the two-level tree (topic -> reason) every contact ends with. */
#include <string.h>

#include "server/api.h"
#include "server/audit.h"
#include "server/fields.h"
#include "server/store/wrapcodes.h"

void Api_wrapcodes_list(Request *rq, Reply *r)
{
    static const char *const bools[] = {"false", "true", NULL};
    int all;
    if (!Request_choice_param(rq, r, "include_inactive", bools, 0, &all))
        return;
    json_t *items = Wrapcodes_tree(rq->db, all);
    if (!items) {
        Reply_problem(r, 500, PROBLEM_INTERNAL, "Could not read the wrap codes", NULL);
        return;
    }
    Reply_json(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

/* PUT /api/v1/wrapcodes/{code}: add or change one reason (admin). Codes
 * are never deleted — old contacts refer to them — only made inactive. */
void Api_wrapcode_put(Request *rq, Reply *r)
{
    static const char *const known[] = {"topic_code", "label", "avoidable", "progress_chasing",
                                        "active", NULL};
    Fields f;
    if (!Fields_open(&f, rq, r, known))
        return;
    const char *code = rq->params[0];
    WrapcodeIn w = {.code = code};
    /* One field at a time: the errors are listed in the order read. */
    w.topic_code = Fields_string(&f, "topic_code", true, 64);
    w.label = Fields_string(&f, "label", true, 120);
    w.avoidable = Fields_bool(&f, "avoidable", false);
    w.progress_chasing = Fields_bool(&f, "progress_chasing", false);
    w.active = Fields_bool(&f, "active", true);
    if (strlen(code) > 64 || strspn(code, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(code))
        Fields_error(&f, "code", "Codes are lower-case letters, digits and _ (up to 64).");
    if (w.topic_code && !Wrapcodes_topic_exists(rq->db, w.topic_code))
        Fields_error(&f, "topic_code", "No such topic.");
    if (!Fields_ok(&f))
        Fields_reply(&f, r);
    else if (Wrapcodes_put(rq->db, &w) == 0 && Audit_record(rq, "wrapcode.put", 0, code) == 0)
        Reply_json(r, 200, json_pack("{s:s, s:s, s:s, s:b, s:b, s:b}", "code", code, "topic_code",
                                     w.topic_code, "label", w.label, "avoidable", w.avoidable,
                                     "progress_chasing", w.progress_chasing, "active", w.active));
    else
        Reply_problem(r, 500, PROBLEM_INTERNAL, "The wrap code was not saved", NULL);
    Fields_close(&f);
}
