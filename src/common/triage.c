/* triage: the walk through a script. All state lives in per-item slots and
 * everything else (enablement, the current item, the outcome) is derived
 * from them by Triage_refresh after each change, so stepping back,
 * changing an answer and reopening a saved response cannot disagree. */
#include "common/triage_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/text.h"

enum { EN_UNKNOWN = 0, EN_YES = 2, EN_NO = 3 };

int Triage_fail(Triage *t, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Text_vformat(t->error, sizeof t->error, fmt, ap);
    va_end(ap);
    return status;
}

void Triage_slot_clear(Slot *s)
{
    QValue_clear(&s->value);
    free(s->shown);
    s->shown = NULL;
    s->option = QITEM_NONE;
    s->state = TRIAGE_PENDING;
}

Triage *Triage_new(const Questionnaire *q)
{
    Triage *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->q = q;
    t->action = -1;
    t->slots = calloc(q->count, sizeof *t->slots);
    t->enabled = calloc(q->count, 1);
    if (!t->slots || !t->enabled) {
        Triage_free(t);
        return NULL;
    }
    for (size_t i = 0; i < q->count; i++)
        t->slots[i].option = QITEM_NONE;
    Triage_refresh(t);
    return t;
}

void Triage_free(Triage *t)
{
    if (!t)
        return;
    for (size_t i = 0; t->slots && i < t->q->count; i++)
        Triage_slot_clear(&t->slots[i]);
    free(t->slots);
    free(t->enabled);
    free(t->confirmation);
    free(t);
}

const Questionnaire *Triage_questionnaire(const Triage *t) { return t->q; }
const char *Triage_error(const Triage *t) { return t->error; }

/* ---- enablement and the walk -------------------------------------------- */

static bool compute(Triage *t, size_t i);

/* A disabled question counts as unanswered (FHIR), whatever it holds. */
static const QValue *answer_of(void *ctx, size_t q)
{
    Triage *t = ctx;
    if (!compute(t, q))
        return NULL;
    return t->slots[q].value.kind != QV_NONE ? &t->slots[q].value : NULL;
}

/* Memoised; the loader refused cycles, so the recursion ends. */
static bool compute(Triage *t, size_t i)
{
    if (t->enabled[i] != EN_UNKNOWN)
        return t->enabled[i] == EN_YES;
    const QItem *it = &t->q->items[i];
    bool on = (it->parent == QITEM_NONE || compute(t, it->parent)) &&
              Enablewhen_holds(it, answer_of, t);
    t->enabled[i] = on ? EN_YES : EN_NO;
    return on;
}

/* Questions and display items the advisor deals with one at a time. */
static bool presented(const QItem *it)
{
    return it->type != QT_GROUP && !it->is_outcome && !QItem_is_note(it);
}

static void walk(Triage *t)
{
    t->current = QITEM_NONE;
    t->at_outcome = false;
    for (size_t i = 0; i < t->q->count; i++) {
        const QItem *it = &t->q->items[i];
        if (t->enabled[i] != EN_YES) {
            i = it->end - 1; /* children of a disabled item are disabled */
            continue;
        }
        if (it->is_outcome || (presented(it) && t->slots[i].state == TRIAGE_PENDING)) {
            t->current = i;
            t->at_outcome = it->is_outcome;
            return;
        }
    }
}

void Triage_refresh(Triage *t)
{
    memset(t->enabled, EN_UNKNOWN, t->q->count);
    for (size_t i = 0; i < t->q->count; i++)
        compute(t, i);
    /* Answers to items that are no longer enabled are dropped, not hidden:
     * if the item is enabled again it must be asked again. */
    for (size_t i = 0; i < t->q->count; i++)
        if (t->enabled[i] != EN_YES)
            Triage_slot_clear(&t->slots[i]);
    walk(t);
}

/* ---- questions about the state ------------------------------------------ */

const QItem *Triage_current(const Triage *t)
{
    return t->current == QITEM_NONE ? NULL : &t->q->items[t->current];
}

const QOutcome *Triage_outcome(const Triage *t)
{
    return t->at_outcome ? &t->q->items[t->current].outcome : NULL;
}

static bool locked(const Triage *t)
{
    return t->at_outcome && t->q->items[t->current].outcome.kind == OUTCOME_SAFEGUARDING;
}

bool Triage_outcome_requires_confirmation(const Triage *t)
{
    return locked(t) && !t->confirmation;
}

bool Triage_is_complete(const Triage *t)
{
    return t->current == QITEM_NONE || (t->at_outcome && !Triage_outcome_requires_confirmation(t));
}

const char *Triage_confirmation(const Triage *t) { return t->confirmation; }

bool Triage_item_enabled(const Triage *t, const QItem *it)
{
    return it && it->owner == t->q && t->enabled[it->index] == EN_YES;
}

bool Triage_is_enabled(const Triage *t, const char *link_id)
{
    return Triage_item_enabled(t, Questionnaire_find(t->q, link_id));
}

TriageItemState Triage_state(const Triage *t, const QItem *it)
{
    return t->slots[it->index].state;
}

const QValue *Triage_answer(const Triage *t, const QItem *it, size_t *option)
{
    const Slot *s = &t->slots[it->index];
    if (option)
        *option = s->state == TRIAGE_ANSWERED ? s->option : QITEM_NONE;
    return s->state == TRIAGE_ANSWERED ? &s->value : NULL;
}

const QValue *Triage_default(const Triage *t, size_t *option)
{
    if (option)
        *option = QITEM_NONE;
    if (t->current == QITEM_NONE || t->at_outcome)
        return NULL;
    const Slot *s = &t->slots[t->current];
    if (s->value.kind != QV_NONE) {
        if (option)
            *option = s->option;
        return &s->value;
    }
    return QItem_initial(&t->q->items[t->current], option);
}

size_t Triage_notes(const Triage *t, const QItem *question, const QItem **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < question->child_count; i++) {
        const QItem *c = QItem_child(question, i);
        if (QItem_is_note(c) && Triage_item_enabled(t, c)) {
            if (n < max)
                out[n] = c;
            n++;
        }
    }
    return n;
}

size_t Triage_breadcrumb(const Triage *t, TriageCrumb *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < t->q->count; i++) {
        const QItem *it = &t->q->items[i];
        const Slot *s = &t->slots[i];
        if (!QItem_is_question(it) || t->enabled[i] != EN_YES ||
            (s->state != TRIAGE_ANSWERED && s->state != TRIAGE_SKIPPED))
            continue;
        if (n < max)
            out[n] = (TriageCrumb){it, it->text ? it->text : it->link_id,
                                   s->shown ? s->shown : "", s->state == TRIAGE_SKIPPED};
        n++;
    }
    return n;
}

/* ---- moving on and back ------------------------------------------------- */

static const char locked_msg[] =
    "A safeguarding outcome has been reached; it cannot be undone. Follow the procedure "
    "and confirm the action taken.";

int Triage_check_question(Triage *t)
{
    if (locked(t))
        return Triage_fail(t, TRIAGE_LOCKED, "%s", locked_msg);
    if (t->current == QITEM_NONE || t->at_outcome)
        return Triage_fail(t, TRIAGE_WRONG_ITEM, "There is no question to answer");
    if (!QItem_is_question(&t->q->items[t->current]))
        return Triage_fail(t, TRIAGE_WRONG_ITEM, "This is information to read out; "
                           "acknowledge it to go on");
    return TRIAGE_OK;
}

int Triage_acknowledge(Triage *t)
{
    if (locked(t))
        return Triage_fail(t, TRIAGE_LOCKED, "%s", locked_msg);
    if (t->current == QITEM_NONE || t->at_outcome ||
        t->q->items[t->current].type != QT_DISPLAY)
        return Triage_fail(t, TRIAGE_WRONG_ITEM, "There is nothing to acknowledge; answer the "
                           "question");
    t->slots[t->current].state = TRIAGE_ACKNOWLEDGED;
    Triage_refresh(t);
    return TRIAGE_OK;
}

int Triage_skip(Triage *t)
{
    int rc = Triage_check_question(t);
    if (rc)
        return rc;
    if (t->q->items[t->current].required)
        return Triage_fail(t, TRIAGE_REQUIRED, "This question must be answered");
    Slot *s = &t->slots[t->current];
    Triage_slot_clear(s);
    s->state = TRIAGE_SKIPPED;
    Triage_refresh(t);
    return TRIAGE_OK;
}

int Triage_back(Triage *t)
{
    if (locked(t))
        return Triage_fail(t, TRIAGE_LOCKED, "%s", locked_msg);
    size_t from = t->current == QITEM_NONE ? t->q->count : t->current;
    for (size_t i = from; i-- > 0;) {
        if (t->enabled[i] == EN_YES && presented(&t->q->items[i]) &&
            t->slots[i].state != TRIAGE_PENDING) {
            t->slots[i].state = TRIAGE_PENDING; /* the value stays as the default */
            Triage_refresh(t);
            return TRIAGE_OK;
        }
    }
    return Triage_fail(t, TRIAGE_WRONG_ITEM, "This is the first question; there is nothing "
                       "to go back to");
}

int Triage_back_to(Triage *t, const char *link_id)
{
    const QItem *it = Questionnaire_find(t->q, link_id);
    if (!it || t->enabled[it->index] != EN_YES || !presented(it) ||
        t->slots[it->index].state == TRIAGE_PENDING)
        return Triage_fail(t, TRIAGE_WRONG_ITEM, "'%s' is not an earlier question",
                           link_id ? link_id : "");
    while (t->current != it->index) {
        int rc = Triage_back(t);
        if (rc)
            return rc;
    }
    return TRIAGE_OK;
}
