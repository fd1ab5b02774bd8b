/* questionnaire_int: the loaded form of a script, shared by the loader
 * (questionnaire.c, qload.c, qitem.c, qextension.c, qoutcome.c, enablewhen.c) and
 * the triage engine. Not for use outside the engine. */
#ifndef FD_QUESTIONNAIRE_INT_H
#define FD_QUESTIONNAIRE_INT_H
#include <stdint.h>

#include "common/questionnaire.h"

#define QITEM_NONE SIZE_MAX
#define QITEM_MAX_DEPTH 20
#define QITEM_MAX_COUNT 5000

typedef enum EwOp { EW_EXISTS, EW_EQ, EW_NE, EW_LT, EW_GT, EW_LE, EW_GE } EwOp;

typedef struct EnableWhen {
    const char *question_id; /* as written */
    size_t question;         /* item index once resolved */
    EwOp op;
    QValue answer;
} EnableWhen;

struct QItem {
    const Questionnaire *owner;
    const json_t *json;      /* the item inside owner->root */
    char path[96];           /* "item[0].item[2]", to name items lacking a linkId */
    size_t index;
    size_t parent;           /* QITEM_NONE at top level */
    size_t end;              /* one past the last descendant */
    size_t *children;
    size_t child_count;
    const char *link_id, *text, *prefix; /* point into json */
    QItemType type;
    bool bad;                /* failed its own checks; others skip it */
    bool required;
    QValue *options;
    size_t option_count;
    QValue initial;          /* kind QV_NONE when absent */
    size_t initial_option;   /* QITEM_NONE unless a choice default */
    size_t max_length, min_length;
    QValue min_value, max_value;
    EnableWhen *ew;
    size_t ew_count;
    bool ew_any;             /* enableBehavior "any" */
    bool is_outcome;
    QOutcome outcome;        /* strings point into json */
    const char **kb;
};

struct Questionnaire {
    json_t *root;            /* a private deep copy */
    QItem *items;
    size_t count;
    size_t *roots;
    size_t root_count;
    size_t *by_id;           /* item indices sorted by linkId */
    bool has_outcomes;
};

/* Load context: every check reports through it and carries on, so an
 * author sees every problem in one pass. */
typedef struct QLoad {
    Questionnaire *q;
    const char *source;
    Diag *diag;
    int errors;
} QLoad;

/* Reports against an item (named by linkId, else by path) or, with it NULL,
 * against the questionnaire itself. */
void QLoad_error(QLoad *ld, const QItem *it, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Sorts the linkId index (neighbours in it reveal duplicates, reported). */
void QLoad_index(QLoad *ld);
/* The item with this linkId, by the index; NULL when none. */
const QItem *QLoad_find(const Questionnaire *q, const char *link_id);

/* Checks the extension and modifierExtension arrays of one element (the
 * resource, an item, an option, an enableWhen, a primitive's "_x"). */
void Qext_check(QLoad *ld, const QItem *it, const json_t *elem, const char *where);
/* Finds a supported extension by its last URL segment ("minValue"). */
const json_t *Qext_find(const json_t *elem, const char *name);

/* The value kind a question's answers have (for choices, the options'). */
QValueKind Qitem_answer_kind(const QItem *it);
/* Per-item property checks and conversion (not enableWhen). */
void Qitem_load(QLoad *ld, QItem *it);
/* Outcome codes of a display item; rules in frontdoor-scripts(5). */
void Qoutcome_load(QLoad *ld, QItem *it);
/* Resolves and type-checks every enableWhen, then looks for cycles. */
void Enablewhen_load(QLoad *ld);
void Enablewhen_free(QItem *it);

/* Evaluates an item's own enableWhen list (not its ancestors'); answer_of
 * gives a question's effective answer, NULL when unanswered or disabled. */
typedef const QValue *(*AnswerOf)(void *ctx, size_t question);
bool Enablewhen_holds(const QItem *it, AnswerOf answer_of, void *ctx);

#endif
