/* Open311 service-definition attributes from a triage script, and checking
 * the values a client submits against them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/text.h"
#include "server/open311.h"

#define CODE_MAX 96

/* linkIds of questions that are not always asked: an enableWhen on the
 * item or an ancestor, or nested under another question. Those can never
 * be required of a web form, whatever the script says. */
static void mark_conditional(const json_t *items, bool under, json_t *set)
{
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        const char *type = json_string_value(json_object_get(it, "type"));
        const char *id = json_string_value(json_object_get(it, "linkId"));
        bool cond = under || json_array_size(json_object_get(it, "enableWhen")) > 0;
        bool question = type && strcmp(type, "group") != 0 && strcmp(type, "display") != 0;
        if (cond && id)
            json_object_set_new(set, id, json_true());
        mark_conditional(json_object_get(it, "item"), cond || question, set);
    }
}

static const char *datatype(QItemType t)
{
    switch (t) {
    case QT_BOOLEAN:
    case QT_CHOICE: return "singlevaluelist";
    case QT_INTEGER:
    case QT_DECIMAL: return "number";
    case QT_DATE:
    case QT_DATETIME:
    case QT_TIME: return "datetime";
    case QT_TEXT: return "text";
    default: return "string";
    }
}

static const char *datatype_help(const QItem *it, char *buf, size_t cap)
{
    switch (QItem_type(it)) {
    case QT_BOOLEAN: return "true or false";
    case QT_CHOICE: return "One of the keys in values";
    case QT_INTEGER: return "A whole number";
    case QT_DECIMAL: return "A number, e.g. 12.5";
    case QT_DATE: return "A date, YYYY-MM-DD";
    case QT_DATETIME: return "A date and time, YYYY-MM-DDThh:mm:ssZ";
    case QT_TIME: return "A time of day, hh:mm (24-hour clock)";
    default: break;
    }
    if (QItem_max_length(it) == 0)
        return QItem_type(it) == QT_TEXT ? "Free text" : NULL;
    snprintf(buf, cap, "Up to %zu characters", QItem_max_length(it));
    return buf;
}

/* A choice option's key: its code, string or number as written. */
static const char *option_key(const QValue *v, char *buf, size_t cap)
{
    if (v->kind == QV_INTEGER) {
        snprintf(buf, cap, "%lld", v->integer);
        return buf;
    }
    return v->str ? v->str : "";
}

static json_t *values(const QItem *it)
{
    json_t *out = json_array();
    if (QItem_type(it) == QT_BOOLEAN) {
        json_array_append_new(out, json_pack("{s:s, s:s}", "key", "true", "name", "Yes"));
        json_array_append_new(out, json_pack("{s:s, s:s}", "key", "false", "name", "No"));
    }
    for (size_t i = 0; i < QItem_option_count(it); i++) {
        char buf[32];
        json_array_append_new(out, json_pack("{s:s, s:s}", "key",
                                             option_key(QItem_option(it, i), buf, sizeof buf),
                                             "name", QItem_option_label(it, i)));
    }
    return out;
}

/* Question text is written for advisors ("Ask: Was the bin out by 7am?");
 * the cue word means nothing to someone filling in a form. */
static const char *public_text(const QItem *it)
{
    const char *t = QItem_text(it);
    if (t && strncmp(t, "Ask: ", 5) == 0)
        t += 5;
    return t;
}

static json_t *attribute(const QItem *it, bool required, int order)
{
    char help[48];
    json_t *a = json_pack("{s:b, s:s, s:s, s:b, s:s?, s:i, s:s?}", "variable", 1, "code",
                          QItem_link_id(it), "datatype", datatype(QItem_type(it)), "required",
                          required, "datatype_description", datatype_help(it, help, sizeof help),
                          "order", order, "description", public_text(it));
    if (a && !json_object_get(a, "description"))
        json_object_set_new(a, "description", json_null());
    if (a && !json_object_get(a, "datatype_description"))
        json_object_set_new(a, "datatype_description", json_null());
    if (a && (QItem_type(it) == QT_CHOICE || QItem_type(it) == QT_BOOLEAN))
        json_object_set_new(a, "values", values(it));
    return a;
}

static json_t *conditional_set(const Questionnaire *q)
{
    json_t *set = json_object();
    mark_conditional(json_object_get(Questionnaire_json(q), "item"), false, set);
    return set;
}

json_t *Open311_attributes(const Questionnaire *q)
{
    json_t *out = json_array();
    if (!q)
        return out;
    json_t *cond = conditional_set(q);
    int order = 0;
    for (size_t i = 0; i < Questionnaire_item_count(q); i++) {
        const QItem *it = Questionnaire_item(q, i);
        if (!QItem_is_question(it) || !QItem_link_id(it))
            continue;
        bool required = QItem_required(it) && !json_object_get(cond, QItem_link_id(it));
        json_array_append_new(out, attribute(it, required, ++order));
    }
    json_decref(cond);
    return out;
}

/* ---- checking submitted values ------------------------------------------ */

static const char *parse_choice(const QItem *it, const char *in, QValue *v)
{
    for (size_t i = 0; i < QItem_option_count(it); i++) {
        char buf[32];
        const QValue *opt = QItem_option(it, i);
        if (strcmp(option_key(opt, buf, sizeof buf), in) == 0)
            return QValue_copy(v, opt) < 0 ? "out of memory" : NULL;
    }
    return "is not one of the keys in the service definition's values";
}

static const char *parse_string(const QItem *it, const char *in, QValue *v)
{
    size_t chars = 0;
    for (const char *p = in; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    if (QItem_max_length(it) && chars > QItem_max_length(it))
        return "is longer than the service definition allows";
    if (chars < QItem_min_length(it))
        return "is shorter than the service definition allows";
    v->kind = QV_STRING;
    v->str = strdup(in);
    return v->str ? NULL : "out of memory";
}

/* Whole numbers and decimals must also lie within the script's limits. */
static const char *check_range(const QItem *it, const QValue *v)
{
    int cmp;
    const QValue *lo = QItem_min_value(it), *hi = QItem_max_value(it);
    if (lo && QValue_order(v, lo, &cmp) && cmp < 0)
        return "is below the smallest value allowed";
    if (hi && QValue_order(v, hi, &cmp) && cmp > 0)
        return "is above the largest value allowed";
    return NULL;
}

static const char *parse_value(const QItem *it, const char *in, QValue *v)
{
    const char *bad;
    switch (QItem_type(it)) {
    case QT_BOOLEAN:
        if (strcasecmp(in, "true") != 0 && strcasecmp(in, "false") != 0)
            return "must be true or false";
        return QValue_parse_boolean(v, in);
    case QT_CHOICE: return parse_choice(it, in, v);
    case QT_INTEGER:
        bad = QValue_parse_integer(v, in);
        return bad ? "must be a whole number" : check_range(it, v);
    case QT_DECIMAL:
        bad = QValue_parse_decimal(v, in);
        return bad ? "must be a number" : check_range(it, v);
    case QT_DATE: return QValue_parse_date(v, in) ? "must be a date, YYYY-MM-DD" : NULL;
    case QT_DATETIME:
        return QValue_parse_datetime(v, in, 0) ? "must be a date and time, YYYY-MM-DDThh:mm:ssZ"
                                               : NULL;
    case QT_TIME: return QValue_parse_time(v, in) ? "must be a time, hh:mm" : NULL;
    default: return parse_string(it, in, v);
    }
}

/* The typed value as the attributes object keeps it: what was chosen or
 * typed, in the form the service definition describes. */
static json_t *plain_value(const QValue *v, const char *in)
{
    switch (v->kind) {
    case QV_BOOLEAN: return json_boolean(v->boolean);
    case QV_INTEGER: return json_integer(v->integer);
    case QV_DECIMAL: return json_real(v->decimal);
    case QV_CODING:
    case QV_STRING:
    case QV_DATE:
    case QV_DATETIME:
    case QV_TIME: return json_string(v->str ? v->str : in);
    default: return json_string(in);
    }
}

static json_t *answer_item(const QItem *it, const QValue *v)
{
    json_t *ans = json_object();
    QValue_to_fhir(v, ans);
    json_t *item = json_pack("{s:s, s:[o]}", "linkId", QItem_link_id(it), "answer", ans);
    if (item && QItem_text(it))
        json_object_set_new(item, "text", json_string(QItem_text(it)));
    return item;
}

/* Every attribute[...] key names one question of the script, once. */
static int check_keys(const Questionnaire *q, const Formdata *f, char *why, size_t cap)
{
    for (size_t i = 0; i < f->count; i++) {
        const char *key = f->pairs[i].key;
        char code[CODE_MAX];
        if (strncmp(key, "attribute", 9) != 0)
            continue;
        if (!Formdata_attribute_code(key, code, sizeof code)) {
            /* the key as sent, shortened on a whole character: the reason
             * goes back as JSON (tests/fuzz checks this) */
            char shown[61];
            Text_format(shown, sizeof shown, "%s", key);
            Text_format(why, cap, "%s is not of the form attribute[code]", shown);
            return -1;
        }
        const QItem *it = q ? Questionnaire_find(q, code) : NULL;
        if (!it || !QItem_is_question(it)) {
            snprintf(why, cap, "%s is not an attribute of this service;"
                     " see its service definition", key);
            return -1;
        }
        if (Formdata_count(f, key) > 1) {
            snprintf(why, cap, "%s is given more than once", key);
            return -1;
        }
    }
    return 0;
}

/* One question's submitted value, if any, into values and answers. */
static int take_value(const QItem *it, bool required, const char *in, json_t *values,
                      json_t *answers, char *why, size_t cap)
{
    const char *code = QItem_link_id(it);
    char trimmed[4096];
    snprintf(trimmed, sizeof trimmed, "%s", in ? in : "");
    Text_trim(trimmed);
    if (!*trimmed) {
        if (required)
            snprintf(why, cap, "attribute[%s] is required: %s", code,
                     public_text(it) ? public_text(it) : code);
        return required ? -1 : 0;
    }
    QValue v = QVALUE_INIT;
    const char *bad = in && strlen(in) >= sizeof trimmed ? "is too long"
                                                        : parse_value(it, trimmed, &v);
    if (bad) {
        snprintf(why, cap, "attribute[%s] %s", code, bad);
    } else {
        json_object_set_new(values, code, plain_value(&v, trimmed));
        json_array_append_new(answers, answer_item(it, &v));
    }
    QValue_clear(&v);
    return bad ? -1 : 0;
}

int Open311_check_attributes(const Questionnaire *q, const Formdata *f, json_t **values,
                             json_t **answers, char *why, size_t cap)
{
    *values = json_object();
    *answers = json_array();
    int rc = check_keys(q, f, why, cap);
    json_t *cond = q ? conditional_set(q) : NULL;
    for (size_t i = 0; rc == 0 && q && i < Questionnaire_item_count(q); i++) {
        const QItem *it = Questionnaire_item(q, i);
        if (!QItem_is_question(it) || !QItem_link_id(it))
            continue;
        char key[CODE_MAX + 16];
        snprintf(key, sizeof key, "attribute[%s]", QItem_link_id(it));
        bool required = QItem_required(it) && !json_object_get(cond, QItem_link_id(it));
        rc = take_value(it, required, Formdata_get(f, key), *values, *answers, why, cap);
    }
    json_decref(cond);
    if (rc < 0) {
        json_decref(*values);
        json_decref(*answers);
        *values = *answers = NULL;
    }
    return rc;
}

void Open311_error(Reply *r, int status, const char *description)
{
    Reply_json(r, status, json_pack("[{s:i, s:s}]", "code", status, "description", description));
}
