#include "server/casejson.h"

#include <stdio.h>
#include <string.h>

#include "common/jsonx.h"
#include "server/store/caseread.h"

static const char *answer_text(const json_t *ans, char *buf, size_t cap)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)ans, key, v) {
        if (strncmp(key, "value", 5) != 0)
            continue;
        if (json_is_string(v))
            return json_string_value(v);
        if (json_is_boolean(v))
            return json_is_true(v) ? "Yes" : "No";
        if (json_is_integer(v))
            snprintf(buf, cap, "%lld", (long long)json_integer_value(v));
        else if (json_is_real(v))
            snprintf(buf, cap, "%g", json_real_value(v));
        else if (json_is_object(v))
            return Jsonx_str(v, "display", Jsonx_str(v, "code", "?"));
        else
            continue;
        return buf;
    }
    return "";
}

/* Depth first through QuestionnaireResponse items: {question, answer}. */
static void flatten(const json_t *items, json_t *out)
{
    size_t i, k;
    json_t *it, *ans;
    json_array_foreach(items, i, it) {
        json_t *answers = json_object_get(it, "answer");
        json_array_foreach(answers, k, ans) {
            char buf[64];
            json_array_append_new(out, json_pack("{s:s, s:s, s:s}", "link_id",
                                                 Jsonx_str(it, "linkId", ""), "question",
                                                 Jsonx_str(it, "text", Jsonx_str(it, "linkId", "")),
                                                 "answer", answer_text(ans, buf, sizeof buf)));
            flatten(json_object_get(ans, "item"), out);
        }
        flatten(json_object_get(it, "item"), out);
    }
}

static json_t *triage_answers(const char *stored, json_t **response)
{
    json_t *out = json_array();
    *response = stored ? json_loads(stored, 0, NULL) : NULL;
    if (*response)
        flatten(json_object_get(*response, "item"), out);
    else
        *response = json_null();
    return out;
}

/* The store gives the triage response as the text that was stored; the
 * reply carries it parsed, and beside it the same answers in plain words. */
json_t *Casejson_case(Db *db, long long id, bool show_caution)
{
    json_t *c = Caseread_case(db, id, show_caution), *response;
    if (!c)
        return NULL;
    const char *stored = json_string_value(json_object_get(c, "triage_response"));
    json_t *answers = triage_answers(stored, &response);
    json_object_set_new(c, "triage_answers", answers);
    json_object_set_new(c, "triage_response", response);
    return c;
}
