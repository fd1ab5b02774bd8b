/* questionnaire: loads a FHIR R4 Questionnaire into a flat, document-ordered
 * item array and runs every check; see questionnaire.h. A script that uses
 * anything outside the subset is refused whole: a triage that silently
 * skipped a rule it could not evaluate would ask the wrong questions. */
#include "common/questionnaire_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/jsonx.h"

#define JSON_MAX_DEPTH 64

/* R4 Questionnaire elements. implicitRules is a FHIR modifier (it can change
 * meaning), so it is refused like a modifierExtension. */
static const char *const root_fields[] = {
    "resourceType", "id", "meta", "language", "text", "contained", "extension",
    "url", "identifier", "version", "name", "title", "derivedFrom", "status",
    "experimental", "subjectType", "date", "publisher", "contact", "description",
    "useContext", "jurisdiction", "purpose", "copyright", "approvalDate",
    "lastReviewDate", "effectivePeriod", "code", "item", "modifierExtension", NULL,
};

static bool known(const char *const *list, const char *key)
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(list[i], key) == 0)
            return true;
    return false;
}

/* Returns false when there is nothing to go on to (not a Questionnaire, or
 * no items); other problems are reported and the items are checked too. */
static bool check_root(QLoad *ld, const json_t *root)
{
    const char *key;
    json_t *val;
    const char *rt = Jsonx_str(root, "resourceType", NULL);
    if (!rt || strcmp(rt, "Questionnaire") != 0) {
        QLoad_error(ld, NULL, "resourceType is '%s', expected 'Questionnaire'", rt ? rt : "");
        return false;
    }
    json_object_foreach((json_t *)root, key, val) {
        if (key[0] == '_')
            Qext_check(ld, NULL, val, key);
        else if (!known(root_fields, key))
            QLoad_error(ld, NULL, "'%s' is not supported (not a FHIR R4 Questionnaire element "
                        "the engine understands)", key);
    }
    Qext_check(ld, NULL, root, NULL);
    const json_t *items = json_object_get(root, "item");
    if (json_is_array(items) && json_array_size(items) > 0)
        return true;
    QLoad_error(ld, NULL, "has no items (item must be a non-empty array)");
    return false;
}

/* Counts items so the array is allocated once and QItem pointers stay put. */
static size_t count_items(QLoad *ld, const json_t *items, int depth, bool *ok)
{
    size_t n = 0, i;
    json_t *it;
    if (!items)
        return 0;
    if (!json_is_array(items) || depth > QITEM_MAX_DEPTH) {
        *ok = false;
        return 0;
    }
    json_array_foreach(items, i, it) {
        if (!json_is_object(it)) {
            *ok = false;
            return 0;
        }
        n += 1 + count_items(ld, json_object_get(it, "item"), depth + 1, ok);
    }
    return n;
}

static size_t flatten(Questionnaire *q, const json_t *items, size_t parent, const char *path,
                      size_t *next, size_t **kids, size_t *kid_count)
{
    size_t n = json_array_size(items);
    *kids = n ? calloc(n, sizeof **kids) : NULL;
    *kid_count = n;
    for (size_t i = 0; i < n; i++) {
        QItem *it = &q->items[*next];
        it->owner = q;
        it->index = (*next)++;
        it->parent = parent;
        it->json = json_array_get(items, i);
        snprintf(it->path, sizeof it->path, "%s%sitem[%zu]", path, *path ? "." : "", i);
        if (*kids)
            (*kids)[i] = it->index;
        const json_t *sub = json_object_get(it->json, "item");
        if (sub)
            flatten(q, sub, it->index, it->path, next, &it->children, &it->child_count);
        it->end = *next;
    }
    return n;
}

static bool build_items(QLoad *ld, const json_t *items)
{
    Questionnaire *q = ld->q;
    bool ok = true;
    q->count = count_items(ld, items, 1, &ok);
    if (!ok || q->count > QITEM_MAX_COUNT) {
        QLoad_error(ld, NULL, "items must be objects, nested at most %d deep, at most %d in all",
                    QITEM_MAX_DEPTH, QITEM_MAX_COUNT);
        return false;
    }
    q->items = calloc(q->count, sizeof *q->items);
    q->by_id = malloc(q->count * sizeof *q->by_id);
    if (!q->items || !q->by_id) {
        QLoad_error(ld, NULL, "out of memory");
        return false;
    }
    size_t next = 0;
    flatten(q, items, QITEM_NONE, "", &next, &q->roots, &q->root_count);
    for (size_t i = 0; i < q->count; i++)
        Qitem_load(ld, &q->items[i]);
    QLoad_index(ld);
    return true;
}

Questionnaire *Questionnaire_from_json(const json_t *root, const char *source_name, Diag *diag)
{
    Questionnaire *q = calloc(1, sizeof *q);
    QLoad ld = {q, source_name ? source_name : "questionnaire", diag, 0};
    if (!json_is_object(root)) {
        QLoad_error(&ld, NULL, "is not a JSON object");
        free(q);
        return NULL;
    }
    q->root = json_deep_copy(root);
    if (check_root(&ld, q->root) && build_items(&ld, json_object_get(q->root, "item"))) {
        for (size_t i = 0; i < q->count; i++)
            q->has_outcomes |= q->items[i].is_outcome;
        Enablewhen_load(&ld);
    }
    if (ld.errors) {
        Questionnaire_free(q);
        return NULL;
    }
    return q;
}

Questionnaire *Questionnaire_parse(const char *json, size_t len, const char *source_name,
                                   Diag *diag)
{
    const char *src = source_name ? source_name : "questionnaire";
    if (Jsonx_depth(json, len, JSON_MAX_DEPTH + 1) > JSON_MAX_DEPTH) {
        Diag_add(diag, src, 0, "JSON nested more than %d deep", JSON_MAX_DEPTH);
        return NULL;
    }
    json_error_t err;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        Diag_add(diag, src, err.line > 0 ? err.line : 0, "not valid JSON: %s", err.text);
        return NULL;
    }
    Questionnaire *q = Questionnaire_from_json(root, src, diag);
    json_decref(root);
    return q;
}

static void item_free(QItem *it)
{
    free(it->children);
    for (size_t i = 0; i < it->option_count; i++)
        QValue_clear(&it->options[i]);
    free(it->options);
    QValue_clear(&it->initial);
    QValue_clear(&it->min_value);
    QValue_clear(&it->max_value);
    Enablewhen_free(it);
    free(it->kb);
}

void Questionnaire_free(Questionnaire *q)
{
    if (!q)
        return;
    for (size_t i = 0; q->items && i < q->count; i++)
        item_free(&q->items[i]);
    free(q->items);
    free(q->roots);
    free(q->by_id);
    json_decref(q->root);
    free(q);
}

const char *Questionnaire_id(const Questionnaire *q) { return Jsonx_str(q->root, "id", NULL); }
const char *Questionnaire_url(const Questionnaire *q) { return Jsonx_str(q->root, "url", NULL); }
const char *Questionnaire_version(const Questionnaire *q)
{
    return Jsonx_str(q->root, "version", NULL);
}
const char *Questionnaire_name(const Questionnaire *q) { return Jsonx_str(q->root, "name", NULL); }
const char *Questionnaire_title(const Questionnaire *q)
{
    return Jsonx_str(q->root, "title", NULL);
}
const char *Questionnaire_status(const Questionnaire *q)
{
    return Jsonx_str(q->root, "status", NULL);
}
const json_t *Questionnaire_json(const Questionnaire *q) { return q->root; }
size_t Questionnaire_item_count(const Questionnaire *q) { return q->count; }
size_t Questionnaire_root_count(const Questionnaire *q) { return q->root_count; }
bool Questionnaire_has_outcomes(const Questionnaire *q) { return q->has_outcomes; }

const QItem *Questionnaire_item(const Questionnaire *q, size_t index)
{
    return index < q->count ? &q->items[index] : NULL;
}

const QItem *Questionnaire_find(const Questionnaire *q, const char *link_id)
{
    return QLoad_find(q, link_id);
}
