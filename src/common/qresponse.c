/* qresponse: the FHIR QuestionnaireResponse a triage produces, and the way
 * back from a saved one (reopening a contact or case). The item tree
 * mirrors the Questionnaire: children of a question sit under its answer,
 * as FHIR requires. What the script decided (the outcome) and what the
 * advisor confirmed at a safeguarding outcome travel as urn:frontdoor:
 * extensions, so the response alone tells the whole story. */
#include "common/triage_int.h"

#include <stdlib.h>
#include <string.h>

#include "common/jsonx.h"

#define EXT_OUTCOME "urn:frontdoor:outcome"
#define EXT_OUTCOME_ITEM "urn:frontdoor:outcome-item"
#define EXT_CONFIRMATION "urn:frontdoor:safeguarding-confirmation"
#define EXT_ACTION "urn:frontdoor:safeguarding-action"

static json_t *build_list(const Triage *t, const size_t *kids, size_t n);

static json_t *build_one(const Triage *t, size_t i)
{
    const QItem *it = &t->q->items[i];
    const Slot *s = &t->slots[i];
    if (!Triage_item_enabled(t, it) || it->type == QT_DISPLAY)
        return NULL;
    json_t *sub = build_list(t, it->children, it->child_count);
    bool answered = s->state == TRIAGE_ANSWERED;
    if (!answered && !sub)
        return NULL;
    json_t *node = json_object();
    json_object_set_new(node, "linkId", json_string(it->link_id));
    if (it->text)
        json_object_set_new(node, "text", json_string(it->text));
    if (answered) {
        json_t *ans = json_object();
        QValue_to_fhir(&s->value, ans);
        if (sub)
            json_object_set_new(ans, "item", sub);
        json_object_set_new(node, "answer", json_pack("[o]", ans));
    } else {
        json_object_set_new(node, "item", sub);
    }
    return node;
}

/* NULL rather than an empty array, so empty groups vanish. */
static json_t *build_list(const Triage *t, const size_t *kids, size_t n)
{
    json_t *list = NULL;
    for (size_t k = 0; k < n; k++) {
        json_t *node = build_one(t, kids[k]);
        if (!node)
            continue;
        if (!list)
            list = json_array();
        json_array_append_new(list, node);
    }
    return list;
}

static json_t *extensions(const Triage *t)
{
    const QOutcome *o = Triage_outcome(t);
    if (!o)
        return NULL;
    json_t *ext = json_array();
    json_array_append_new(ext, json_pack("{s:s, s:{s:s, s:s}}", "url", EXT_OUTCOME,
                                         "valueCoding", "system", FD_OUTCOME_SYSTEM, "code",
                                         Outcome_kind_name(o->kind)));
    json_array_append_new(ext, json_pack("{s:s, s:s}", "url", EXT_OUTCOME_ITEM,
                                         "valueString", o->link_id));
    if (t->confirmation)
        json_array_append_new(ext, json_pack("{s:s, s:s}", "url", EXT_CONFIRMATION,
                                             "valueString", t->confirmation));
    if (t->confirmation && t->action >= 0)
        json_array_append_new(ext, json_pack("{s:s, s:s}", "url", EXT_ACTION, "valueCode",
                                             Safeguard_action_code(t->action)));
    return ext;
}

json_t *Triage_response(const Triage *t, const char *now_rfc3339)
{
    const char *url = Questionnaire_url(t->q), *ver = Questionnaire_version(t->q);
    const char *id = Questionnaire_id(t->q);
    json_t *qr = json_pack("{s:s}", "resourceType", "QuestionnaireResponse");
    if (url && ver)
        json_object_set_new(qr, "questionnaire", json_sprintf("%s|%s", url, ver));
    else if (url)
        json_object_set_new(qr, "questionnaire", json_string(url));
    else if (id)
        json_object_set_new(qr, "questionnaire", json_sprintf("Questionnaire/%s", id));
    json_object_set_new(qr, "status",
                        json_string(Triage_is_complete(t) ? "completed" : "in-progress"));
    if (now_rfc3339)
        json_object_set_new(qr, "authored", json_string(now_rfc3339));
    json_t *ext = extensions(t);
    if (ext)
        json_object_set_new(qr, "extension", ext);
    json_t *items = build_list(t, t->q->roots, t->q->root_count);
    json_object_set_new(qr, "item", items ? items : json_array());
    return qr;
}

/* ---- reopening ---------------------------------------------------------- */

typedef struct Restore {
    Triage *t;
    const char *source;
    Diag *diag;
    int errors;
    bool *given; /* per item: an answer came from the response */
} Restore;

static void restore_list(Restore *r, const json_t *items);

static void restore_answer(Restore *r, const QItem *it, const json_t *answer)
{
    QValue v = QVALUE_INIT;
    const char *what = "value";
    size_t option = QITEM_NONE;
    int rc = QValue_from_fhir(&v, answer, "value", &what);
    QValueKind want = Qitem_answer_kind(it);
    if (rc > 0 && want == QV_DECIMAL && v.kind == QV_INTEGER)
        v = (QValue){.kind = QV_DECIMAL, .decimal = (double)v.integer};
    for (size_t k = 0; rc > 0 && it->type == QT_CHOICE && k < it->option_count; k++)
        if (QValue_equal(&it->options[k], &v))
            option = k;
    if (rc <= 0 || v.kind != want || (it->type == QT_CHOICE && option == QITEM_NONE)) {
        Diag_add(r->diag, r->source, 0, "item '%s': the answer does not fit this %s question",
                 it->link_id, QItem_type_name(it->type));
        r->errors++;
        QValue_clear(&v);
        return;
    }
    if (option != QITEM_NONE) {
        QValue_clear(&v); /* keep the script's own coding, display included */
        QValue_copy(&v, &it->options[option]);
    }
    Triage_store(r->t, it->index, &v, option);
    r->given[it->index] = true;
    restore_list(r, json_object_get(answer, "item"));
}

static void restore_item(Restore *r, const json_t *node)
{
    const char *id = json_string_value(json_object_get(node, "linkId"));
    const QItem *it = id ? Questionnaire_find(r->t->q, id) : NULL;
    const json_t *answers = json_object_get(node, "answer");
    if (!it || r->given[it->index] || json_array_size(answers) > 1 ||
        (json_array_size(answers) && !QItem_is_question(it))) {
        Diag_add(r->diag, r->source, 0, "item '%s': %s", id ? id : "(no linkId)",
                 !it ? "not in this questionnaire"
                 : r->given[it->index] ? "answered twice"
                                       : "has answers this item cannot have");
        r->errors++;
        return;
    }
    if (json_array_size(answers))
        restore_answer(r, it, json_array_get(answers, 0));
    restore_list(r, json_object_get(node, "item"));
}

static void restore_list(Restore *r, const json_t *items)
{
    size_t i;
    json_t *node;
    json_array_foreach(items, i, node)
        restore_item(r, node);
}

static bool same_questionnaire(const Questionnaire *q, const char *canonical)
{
    const char *url = Questionnaire_url(q), *ver = Questionnaire_version(q);
    if (!canonical || !url)
        return true;
    const char *bar = strchr(canonical, '|');
    size_t ulen = bar ? (size_t)(bar - canonical) : strlen(canonical);
    if (strlen(url) != ulen || strncmp(url, canonical, ulen) != 0)
        return false;
    return !bar || !ver || strcmp(bar + 1, ver) == 0;
}

static const json_t *ext_value(const json_t *qr, const char *url, const char *value)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(qr, "extension"), i, e)
        if (strcmp(Jsonx_str(e, "url", ""), url) == 0)
            return json_object_get(e, value);
    return NULL;
}

static const char *ext_string(const json_t *qr, const char *url)
{
    return json_string_value(ext_value(qr, url, "valueString"));
}

OutcomeKind Triage_response_outcome(const json_t *qr)
{
    const json_t *coding = ext_value(qr, EXT_OUTCOME, "valueCoding");
    return Outcome_kind_by_name(Jsonx_str(coding, "code", ""));
}

const char *Triage_response_action(const json_t *qr)
{
    return json_string_value(ext_value(qr, EXT_ACTION, "valueCode"));
}

/* Items before the last answer were dealt with when the response was
 * saved: display items were read out, optional questions passed over. */
static void mark_dealt_with(Triage *t, const bool *given)
{
    size_t last = 0;
    for (size_t i = 0; i < t->q->count; i++)
        if (given[i])
            last = i + 1;
    for (size_t i = 0; i < last; i++) {
        const QItem *it = &t->q->items[i];
        Slot *s = &t->slots[i];
        if (!Triage_item_enabled(t, it) || s->state != TRIAGE_PENDING || it->is_outcome ||
            it->type == QT_GROUP || QItem_is_note(it))
            continue;
        if (it->type == QT_DISPLAY)
            s->state = TRIAGE_ACKNOWLEDGED;
        else if (!it->required)
            s->state = TRIAGE_SKIPPED;
    }
    Triage_refresh(t);
}

static void check_restored(Restore *r, const json_t *qr)
{
    Triage *t = r->t;
    const char *confirmed = ext_string(qr, EXT_CONFIRMATION);
    for (size_t i = 0; i < t->q->count; i++) {
        if (r->given[i] && t->slots[i].state != TRIAGE_ANSWERED) {
            Diag_add(r->diag, r->source, 0, "item '%s': answered, but the other answers do "
                     "not enable it", t->q->items[i].link_id);
            r->errors++;
        }
    }
    if (confirmed && !Triage_outcome_requires_confirmation(t)) {
        Diag_add(r->diag, r->source, 0, "a safeguarding confirmation is recorded, but the "
                 "answers do not reach a safeguarding outcome");
        r->errors++;
    } else if (confirmed && Triage_confirm(t, confirmed) != TRIAGE_OK) {
        Diag_add(r->diag, r->source, 0, "the safeguarding confirmation is blank");
        r->errors++;
    } else if (confirmed) {
        /* The words already carry the list label; only the code is restored. */
        int a = Safeguard_action_by_code(Triage_response_action(qr));
        t->action = a >= 0 ? a : SAFEGUARD_OTHER;
    }
}

Triage *Triage_from_response(const Questionnaire *q, const json_t *qr, const char *source_name,
                             Diag *diag)
{
    const char *src = source_name ? source_name : "response";
    const char *rt = json_string_value(json_object_get(qr, "resourceType"));
    const char *canonical = json_string_value(json_object_get(qr, "questionnaire"));
    if (!rt || strcmp(rt, "QuestionnaireResponse") != 0) {
        Diag_add(diag, src, 0, "not a QuestionnaireResponse");
        return NULL;
    }
    if (!same_questionnaire(q, canonical)) {
        Diag_add(diag, src, 0, "the response is for '%s', not this questionnaire", canonical);
        return NULL;
    }
    Triage *t = Triage_new(q);
    Restore r = {t, src, diag, 0, calloc(q->count ? q->count : 1, sizeof(bool))};
    if (!t || !r.given) {
        free(r.given);
        Triage_free(t);
        return NULL;
    }
    restore_list(&r, json_object_get(qr, "item"));
    Triage_refresh(t);
    mark_dealt_with(t, r.given);
    check_restored(&r, qr);
    free(r.given);
    if (r.errors) {
        Triage_free(t);
        return NULL;
    }
    return t;
}
