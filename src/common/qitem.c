/* qitem: checks one Questionnaire item against the supported subset and
 * converts its options, default and limits; plus the QItem accessors. */
#include "common/questionnaire_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {
    [QT_GROUP] = "group", [QT_DISPLAY] = "display", [QT_BOOLEAN] = "boolean",
    [QT_CHOICE] = "choice", [QT_STRING] = "string", [QT_TEXT] = "text",
    [QT_INTEGER] = "integer", [QT_DECIMAL] = "decimal", [QT_DATE] = "date",
    [QT_DATETIME] = "dateTime", [QT_TIME] = "time",
};

/* FHIR R4 types outside the subset, and why. */
static const char *const unsupported_types[][2] = {
    {"open-choice", "answers outside the list cannot drive the script; use choice with an "
                    "'Other' option and a string question enabled by it"},
    {"attachment", "advisors cannot attach files during a call"},
    {"reference", "references to other resources are not supported"},
    {"quantity", "quantities with units are not supported; use decimal and name the unit"},
    {"url", "use a string question"},
};

static const char *const item_fields[] = {
    "id", "extension", "modifierExtension", "linkId", "definition", "code", "prefix",
    "text", "type", "enableWhen", "enableBehavior", "required", "repeats", "readOnly",
    "maxLength", "answerValueSet", "answerOption", "initial", "item", NULL,
};

QValueKind Qitem_answer_kind(const QItem *it)
{
    switch (it->type) {
    case QT_BOOLEAN: return QV_BOOLEAN;
    case QT_CHOICE: return it->option_count ? it->options[0].kind : QV_NONE;
    case QT_STRING: case QT_TEXT: return QV_STRING;
    case QT_INTEGER: return QV_INTEGER;
    case QT_DECIMAL: return QV_DECIMAL;
    case QT_DATE: return QV_DATE;
    case QT_DATETIME: return QV_DATETIME;
    case QT_TIME: return QV_TIME;
    default: return QV_NONE;
    }
}

static void check_fields(QLoad *ld, QItem *it)
{
    const char *key;
    json_t *val;
    json_object_foreach((json_t *)it->json, key, val) {
        bool found = false;
        for (size_t i = 0; item_fields[i] && !found; i++)
            found = strcmp(item_fields[i], key) == 0;
        if (key[0] == '_')
            Qext_check(ld, it, val, key);
        else if (!found)
            QLoad_error(ld, it, "unknown property '%s' (not part of a FHIR R4 Questionnaire "
                        "item)", key);
    }
    if (json_object_get(it->json, "answerValueSet"))
        QLoad_error(ld, it, "answerValueSet is not supported: list the answers as answerOption");
    if (json_is_true(json_object_get(it->json, "repeats")))
        QLoad_error(ld, it, "repeats is not supported: a triage asks each question once");
    if (json_is_true(json_object_get(it->json, "readOnly")))
        QLoad_error(ld, it, "readOnly is not supported: every question in a triage is the "
                    "advisor's to answer");
    Qext_check(ld, it, it->json, NULL);
}

static void load_type(QLoad *ld, QItem *it)
{
    const char *t = json_string_value(json_object_get(it->json, "type"));
    if (!t) {
        QLoad_error(ld, it, "missing type");
        return;
    }
    for (int i = QT_GROUP; i <= QT_TIME; i++) {
        if (strcmp(t, type_names[i]) == 0) {
            it->type = (QItemType)i;
            return;
        }
    }
    for (size_t i = 0; i < sizeof unsupported_types / sizeof unsupported_types[0]; i++) {
        if (strcmp(t, unsupported_types[i][0]) == 0) {
            QLoad_error(ld, it, "type '%s' is not supported: %s", t, unsupported_types[i][1]);
            return;
        }
    }
    QLoad_error(ld, it, "type '%s' is not a FHIR R4 item type", t);
}

static const char *opt_string(QLoad *ld, QItem *it, const char *key)
{
    const json_t *v = json_object_get(it->json, key);
    if (v && !json_is_string(v))
        QLoad_error(ld, it, "%s must be a string", key);
    return json_string_value(v);
}

static void load_basics(QLoad *ld, QItem *it)
{
    it->initial_option = QITEM_NONE;
    it->link_id = json_string_value(json_object_get(it->json, "linkId"));
    if (!it->link_id || !*it->link_id)
        QLoad_error(ld, it, "missing linkId");
    else if (strlen(it->link_id) > 255)
        QLoad_error(ld, it, "linkId longer than 255 characters");
    it->text = opt_string(ld, it, "text");
    it->prefix = opt_string(ld, it, "prefix");
    const json_t *req = json_object_get(it->json, "required");
    if (req && !json_is_boolean(req))
        QLoad_error(ld, it, "required must be true or false");
    it->required = json_is_true(req);
}

/* FHIR: groups hold items, display items hold none, and display items
 * cannot be required. */
static void check_shape(QLoad *ld, QItem *it)
{
    if (it->type == QT_GROUP && it->child_count == 0)
        QLoad_error(ld, it, "a group must contain items");
    if (it->type == QT_DISPLAY && it->child_count)
        QLoad_error(ld, it, "a display item cannot contain items");
    if (it->type == QT_DISPLAY && it->required)
        QLoad_error(ld, it, "a display item cannot be required");
    if (it->type == QT_GROUP && it->required)
        QLoad_error(ld, it, "required on a group is not supported; mark its questions required");
}

static void load_option(QLoad *ld, QItem *it, size_t i, const json_t *opt)
{
    char where[48];
    const char *what = "";
    snprintf(where, sizeof where, "answerOption[%zu]", i);
    Qext_check(ld, it, opt, where);
    int rc = QValue_from_fhir(&it->options[i], opt, "value", &what);
    QValueKind k = it->options[i].kind;
    if (rc == 0)
        QLoad_error(ld, it, "%s has no value", where);
    else if (rc == -2)
        QLoad_error(ld, it, "%s: %s is malformed", where, what);
    else if (rc < 0 || (k != QV_CODING && k != QV_STRING && k != QV_INTEGER))
        QLoad_error(ld, it, "%s: '%s' is not supported (use valueCoding, valueString or "
                    "valueInteger)", where, what);
    else if (k != it->options[0].kind)
        QLoad_error(ld, it, "%s: all options must have the same value type", where);
    if (rc > 0 && k == QV_INTEGER) {
        /* Integer options have no text of their own; label them once here. */
        char num[24];
        snprintf(num, sizeof num, "%lld", it->options[i].integer);
        it->options[i].display = strdup(num);
    }
    for (size_t j = 0; rc > 0 && j < i; j++)
        if (it->options[j].kind == k && QValue_equal(&it->options[j], &it->options[i]))
            QLoad_error(ld, it, "%s repeats answerOption[%zu]", where, j);
    if (json_is_true(json_object_get(opt, "initialSelected"))) {
        if (it->initial_option != QITEM_NONE)
            QLoad_error(ld, it, "more than one answerOption has initialSelected");
        it->initial_option = i;
    }
}

static void load_options(QLoad *ld, QItem *it)
{
    const json_t *opts = json_object_get(it->json, "answerOption");
    if (opts && it->type != QT_CHOICE) {
        QLoad_error(ld, it, "answerOption is only supported on choice items");
        return;
    }
    if (it->type != QT_CHOICE)
        return;
    if (!json_is_array(opts) || json_array_size(opts) == 0) {
        QLoad_error(ld, it, "a choice item needs answerOption (answerValueSet is not "
                    "supported)");
        return;
    }
    it->option_count = json_array_size(opts);
    it->options = calloc(it->option_count, sizeof *it->options);
    for (size_t i = 0; i < it->option_count; i++)
        load_option(ld, it, i, json_array_get(opts, i));
    if (it->initial_option != QITEM_NONE)
        QValue_copy(&it->initial, &it->options[it->initial_option]);
}

/* Reads value[x] of an element that must match the item's answer type. */
static bool load_typed(QLoad *ld, QItem *it, const json_t *elem, const char *where, QValue *out)
{
    const char *what = "value";
    QValueKind want = Qitem_answer_kind(it);
    int rc = QValue_from_fhir(out, elem, "value", &what);
    bool numeric = want == QV_DECIMAL && out->kind == QV_INTEGER;
    if (rc > 0 && (out->kind == want || numeric))
        return true;
    QLoad_error(ld, it, "%s: %s %s; %s items need value%s", where, what,
                rc == 0 ? "missing" : rc == -2 ? "is malformed" : "does not fit",
                QItem_type_name(it->type), QValue_kind_suffix(want));
    QValue_clear(out);
    return false;
}

static void load_initial(QLoad *ld, QItem *it)
{
    const json_t *init = json_object_get(it->json, "initial");
    if (!init)
        return;
    if (!QItem_is_question(it) || !json_is_array(init) || json_array_size(init) != 1) {
        QLoad_error(ld, it, "initial must hold exactly one value, on a question");
        return;
    }
    if (it->initial.kind != QV_NONE)
        QLoad_error(ld, it, "initial and initialSelected cannot both be given");
    else if (load_typed(ld, it, json_array_get(init, 0), "initial", &it->initial) &&
             it->type == QT_CHOICE) {
        for (size_t i = 0; i < it->option_count; i++)
            if (QValue_equal(&it->options[i], &it->initial))
                it->initial_option = i;
        if (it->initial_option == QITEM_NONE)
            QLoad_error(ld, it, "initial is not one of the answerOption values");
    }
}

static void load_length(QLoad *ld, QItem *it)
{
    const json_t *max = json_object_get(it->json, "maxLength");
    const json_t *min = json_object_get(Qext_find(it->json, "minLength"), "valueInteger");
    bool text = it->type == QT_STRING || it->type == QT_TEXT;
    if ((max || min) && !text)
        QLoad_error(ld, it, "maxLength and minLength apply to string and text items only");
    else if ((max && (!json_is_integer(max) || json_integer_value(max) < 1)) ||
             (min && (!json_is_integer(min) || json_integer_value(min) < 0)))
        QLoad_error(ld, it, "maxLength and minLength must be whole numbers above zero");
    else {
        it->max_length = max ? (size_t)json_integer_value(max) : 0;
        it->min_length = min ? (size_t)json_integer_value(min) : 0;
        if (it->max_length && it->min_length > it->max_length)
            QLoad_error(ld, it, "minLength is above maxLength");
    }
}

static void load_limits(QLoad *ld, QItem *it)
{
    const json_t *min = Qext_find(it->json, "minValue");
    const json_t *max = Qext_find(it->json, "maxValue");
    int cmp;
    if ((min || max) && !QValue_kind_ordered(Qitem_answer_kind(it))) {
        QLoad_error(ld, it, "minValue and maxValue apply to number, date and time items only");
        return;
    }
    if (min)
        load_typed(ld, it, min, "minValue", &it->min_value);
    if (max)
        load_typed(ld, it, max, "maxValue", &it->max_value);
    if (it->min_value.kind && it->max_value.kind &&
        QValue_order(&it->min_value, &it->max_value, &cmp) && cmp > 0)
        QLoad_error(ld, it, "minValue is above maxValue");
}

void Qitem_load(QLoad *ld, QItem *it)
{
    int before = ld->errors;
    load_basics(ld, it);
    check_fields(ld, it);
    load_type(ld, it);
    if (ld->errors == before) {
        check_shape(ld, it);
        load_options(ld, it);
        load_initial(ld, it);
        load_length(ld, it);
        load_limits(ld, it);
        Qoutcome_load(ld, it);
    }
    it->bad = ld->errors != before;
}

/* ---- accessors ---------------------------------------------------------- */

const char *QItem_type_name(QItemType type) { return type_names[type]; }
size_t QItem_index(const QItem *it) { return it->index; }
const char *QItem_link_id(const QItem *it) { return it->link_id; }
const char *QItem_text(const QItem *it) { return it->text; }
const char *QItem_prefix(const QItem *it) { return it->prefix; }
QItemType QItem_type(const QItem *it) { return it->type; }
bool QItem_required(const QItem *it) { return it->required; }
size_t QItem_child_count(const QItem *it) { return it->child_count; }
size_t QItem_option_count(const QItem *it) { return it->option_count; }
size_t QItem_max_length(const QItem *it) { return it->max_length; }
size_t QItem_min_length(const QItem *it) { return it->min_length; }
const QOutcome *QItem_outcome(const QItem *it) { return it->is_outcome ? &it->outcome : NULL; }

bool QItem_is_question(const QItem *it)
{
    return it->type != QT_GROUP && it->type != QT_DISPLAY;
}

const QItem *QItem_parent(const QItem *it)
{
    return it->parent == QITEM_NONE ? NULL : &it->owner->items[it->parent];
}

const QItem *QItem_child(const QItem *it, size_t i)
{
    return i < it->child_count ? &it->owner->items[it->children[i]] : NULL;
}

bool QItem_is_note(const QItem *it)
{
    const QItem *p = QItem_parent(it);
    return it->type == QT_DISPLAY && !it->is_outcome && p && QItem_is_question(p);
}

const QValue *QItem_option(const QItem *it, size_t i)
{
    return i < it->option_count ? &it->options[i] : NULL;
}

const char *QItem_option_label(const QItem *it, size_t i)
{
    const QValue *v = QItem_option(it, i);
    if (!v)
        return NULL;
    return v->display ? v->display : v->str;
}

const QValue *QItem_initial(const QItem *it, size_t *option)
{
    if (option)
        *option = it->initial_option;
    return it->initial.kind == QV_NONE ? NULL : &it->initial;
}

const QValue *QItem_min_value(const QItem *it)
{
    return it->min_value.kind == QV_NONE ? NULL : &it->min_value;
}

const QValue *QItem_max_value(const QItem *it)
{
    return it->max_value.kind == QV_NONE ? NULL : &it->max_value;
}
