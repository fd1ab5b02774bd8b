/* enablewhen: conditions that decide which items a triage asks. Loading
 * resolves each condition's question, checks that the operator and answer
 * type fit it, and refuses cycles (an item that, directly or through other
 * items or its own children, decides whether it is itself enabled), so
 * evaluation always terminates and means one thing. */
#include "common/questionnaire_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"

static const char *const op_names[] = {
    [EW_EXISTS] = "exists", [EW_EQ] = "=", [EW_NE] = "!=", [EW_LT] = "<",
    [EW_GT] = ">", [EW_LE] = "<=", [EW_GE] = ">=",
};

static const char *const ew_fields[] = {
    "id", "extension", "modifierExtension", "question", "operator", NULL,
};

static bool ew_field_ok(const char *key)
{
    if (strncmp(key, "answer", 6) == 0)
        return true;
    for (size_t i = 0; ew_fields[i]; i++)
        if (strcmp(key, ew_fields[i]) == 0)
            return true;
    return false;
}

static const char *kind_word(QValueKind k)
{
    static const char *const words[] = {
        [QV_NONE] = "no", [QV_BOOLEAN] = "boolean", [QV_INTEGER] = "integer",
        [QV_DECIMAL] = "decimal", [QV_STRING] = "text", [QV_DATE] = "date",
        [QV_DATETIME] = "dateTime", [QV_TIME] = "time", [QV_CODING] = "coded",
    };
    return words[k];
}

/* The operator and answer must make sense for the question they test. */
static void check_fit(QLoad *ld, QItem *it, size_t i, const EnableWhen *ew, const QItem *q)
{
    QValueKind want = Qitem_answer_kind(q), got = ew->answer.kind;
    bool numeric = (want == QV_INTEGER || want == QV_DECIMAL) &&
                   (got == QV_INTEGER || got == QV_DECIMAL);
    if (ew->op == EW_EXISTS) {
        if (got != QV_BOOLEAN)
            QLoad_error(ld, it, "enableWhen[%zu]: operator 'exists' takes answerBoolean", i);
        return;
    }
    if (got != want && !numeric) {
        QLoad_error(ld, it, "enableWhen[%zu]: answer%s does not fit '%s' (a %s question); use "
                    "answer%s", i, QValue_kind_suffix(got), q->link_id,
                    QItem_type_name(q->type), QValue_kind_suffix(want));
        return;
    }
    if (ew->op >= EW_LT && !QValue_kind_ordered(want)) {
        QLoad_error(ld, it, "enableWhen[%zu]: operator '%s' cannot be used with %s answers", i,
                    op_names[ew->op], kind_word(want));
        return;
    }
    if (q->type != QT_CHOICE)
        return;
    for (size_t k = 0; k < q->option_count; k++)
        if (QValue_equal(&q->options[k], &ew->answer))
            return;
    QLoad_error(ld, it, "enableWhen[%zu]: '%s' is not one of the answer options of '%s'", i,
                got == QV_INTEGER ? "(number)" : ew->answer.str, q->link_id);
}

static void resolve_question(QLoad *ld, QItem *it, size_t i, EnableWhen *ew)
{
    const QItem *q = ew->question_id ? QLoad_find(ld->q, ew->question_id) : NULL;
    ew->question = QITEM_NONE;
    if (!ew->question_id) {
        QLoad_error(ld, it, "enableWhen[%zu] has no question", i);
    } else if (!q) {
        QLoad_error(ld, it, "enableWhen[%zu] refers to '%s', which is not in this "
                    "questionnaire", i, ew->question_id);
    } else if (!QItem_is_question(q)) {
        QLoad_error(ld, it, "enableWhen[%zu] refers to '%s', a %s item, which has no answer",
                    i, ew->question_id, QItem_type_name(q->type));
    } else {
        ew->question = q->index;
        if (!q->bad && ew->answer.kind != QV_NONE)
            check_fit(ld, it, i, ew, q);
    }
}

static void load_one(QLoad *ld, QItem *it, size_t i, const json_t *j)
{
    EnableWhen *ew = &it->ew[i];
    char where[48];
    const char *key, *what = "answer";
    json_t *val;
    snprintf(where, sizeof where, "enableWhen[%zu]", i);
    json_object_foreach((json_t *)j, key, val)
        if (!ew_field_ok(key))
            QLoad_error(ld, it, "%s: unknown property '%s'", where, key);
    Qext_check(ld, it, j, where);
    ew->question_id = json_string_value(json_object_get(j, "question"));
    const char *op = json_string_value(json_object_get(j, "operator"));
    ew->op = (EwOp)-1;
    for (int k = EW_EXISTS; op && k <= EW_GE; k++)
        if (strcmp(op, op_names[k]) == 0)
            ew->op = (EwOp)k;
    if ((int)ew->op < 0)
        QLoad_error(ld, it, "%s: operator '%s' is not one of exists, =, !=, <, >, <=, >=",
                    where, op ? op : "");
    int rc = QValue_from_fhir(&ew->answer, j, "answer", &what);
    if (rc <= 0)
        QLoad_error(ld, it, "%s: %s", where, rc == 0 ? "missing answer[x]"
                    : rc == -2 ? "answer is malformed (dates YYYY-MM-DD, times HH:MM:SS)"
                               : "this answer type is not supported");
    if ((int)ew->op >= 0)
        resolve_question(ld, it, i, ew);
}

static void load_item(QLoad *ld, QItem *it)
{
    const json_t *list = json_object_get(it->json, "enableWhen");
    const json_t *beh = json_object_get(it->json, "enableBehavior");
    const char *b = json_string_value(beh);
    if (list && (!json_is_array(list) || json_array_size(list) == 0)) {
        QLoad_error(ld, it, "enableWhen must be a non-empty array");
        return;
    }
    it->ew_count = json_array_size(list);
    it->ew = it->ew_count ? calloc(it->ew_count, sizeof *it->ew) : NULL;
    for (size_t i = 0; i < it->ew_count; i++)
        load_one(ld, it, i, json_array_get(list, i));
    if (beh && (!b || (strcmp(b, "all") != 0 && strcmp(b, "any") != 0)))
        QLoad_error(ld, it, "enableBehavior must be 'all' or 'any'");
    else if (!beh && it->ew_count > 1)
        QLoad_error(ld, it, "enableBehavior (all or any) is required when there is more than "
                    "one enableWhen");
    it->ew_any = b && strcmp(b, "any") == 0;
}

/* ---- cycles ------------------------------------------------------------- */

typedef struct Dfs {
    QLoad *ld;
    unsigned char *colour; /* 0 unseen, 1 on the path, 2 done */
    size_t *path;
    size_t depth;
} Dfs;

static bool enabled_by(const QItem *a, size_t b)
{
    for (size_t i = 0; i < a->ew_count; i++)
        if (a->ew[i].question == b)
            return true;
    return false;
}

/* "'g' is enabled by 'q', 'q' is inside 'g'" for path[from..] back to path[from]. */
static void report_cycle(Dfs *d, size_t from)
{
    const QItem *items = d->ld->q->items;
    Buf b = BUF_INIT;
    for (size_t k = from; k < d->depth; k++) {
        const QItem *a = &items[d->path[k]];
        size_t next = k + 1 < d->depth ? d->path[k + 1] : d->path[from];
        Buf_printf(&b, "%s'%s' %s '%s'", k > from ? ", " : "", a->link_id,
                   enabled_by(a, next) ? "is enabled by" : "is inside", items[next].link_id);
    }
    QLoad_error(d->ld, &items[d->path[from]], "enableWhen cycle: %s", b.data ? b.data : "");
    Buf_free(&b);
}

static void visit(Dfs *d, size_t v);

static void follow(Dfs *d, size_t w)
{
    if (d->colour[w] == 1) {
        for (size_t k = 0; k < d->depth; k++)
            if (d->path[k] == w)
                report_cycle(d, k);
    } else if (d->colour[w] == 0) {
        visit(d, w);
    }
}

static void visit(Dfs *d, size_t v)
{
    const QItem *it = &d->ld->q->items[v];
    d->colour[v] = 1;
    d->path[d->depth++] = v;
    for (size_t i = 0; i < it->ew_count; i++)
        if (it->ew[i].question != QITEM_NONE)
            follow(d, it->ew[i].question);
    /* A disabled parent disables its children, so each item depends on it. */
    if (it->parent != QITEM_NONE)
        follow(d, it->parent);
    d->depth--;
    d->colour[v] = 2;
}

static void find_cycles(QLoad *ld)
{
    size_t n = ld->q->count;
    Dfs d = {ld, calloc(n, 1), calloc(n, sizeof(size_t)), 0};
    for (size_t v = 0; v < n; v++)
        if (d.colour[v] == 0)
            visit(&d, v);
    free(d.colour);
    free(d.path);
}

void Enablewhen_load(QLoad *ld)
{
    for (size_t i = 0; i < ld->q->count; i++)
        load_item(ld, &ld->q->items[i]);
    find_cycles(ld);
}

void Enablewhen_free(QItem *it)
{
    for (size_t i = 0; i < it->ew_count; i++)
        QValue_clear(&it->ew[i].answer);
    free(it->ew);
    it->ew = NULL;
    it->ew_count = 0;
}

/* ---- evaluation --------------------------------------------------------- */

/* An unanswered (or disabled) question satisfies only 'exists false' and
 * '!=' ("no answer equals ...", as FHIR R5 words it). */
static bool test(const EnableWhen *ew, const QValue *a)
{
    int cmp = 0;
    if (ew->op == EW_EXISTS)
        return (a != NULL) == ew->answer.boolean;
    if (!a)
        return ew->op == EW_NE;
    if (ew->op == EW_EQ || ew->op == EW_NE)
        return QValue_equal(a, &ew->answer) == (ew->op == EW_EQ);
    if (!QValue_order(a, &ew->answer, &cmp))
        return false;
    switch (ew->op) {
    case EW_LT: return cmp < 0;
    case EW_GT: return cmp > 0;
    case EW_LE: return cmp <= 0;
    default: return cmp >= 0;
    }
}

bool Enablewhen_holds(const QItem *it, AnswerOf answer_of, void *ctx)
{
    if (it->ew_count == 0)
        return true;
    for (size_t i = 0; i < it->ew_count; i++) {
        bool r = test(&it->ew[i], answer_of(ctx, it->ew[i].question));
        if (r == it->ew_any)
            return r; /* any: first true decides; all: first false decides */
    }
    return !it->ew_any;
}
