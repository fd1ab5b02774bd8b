/* triage_answer: answering the current question. Each entry point checks
 * that the answer fits the question's type and limits before anything
 * changes, and says in plain words what to type when it does not. */
#include "common/triage_int.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/text.h"

static const char *what_to_give(QItemType type)
{
    switch (type) {
    case QT_BOOLEAN: return "a yes or no answer";
    case QT_CHOICE: return "one of the options";
    case QT_STRING: case QT_TEXT: return "a text answer";
    case QT_INTEGER: return "a whole number";
    case QT_DECIMAL: return "a number";
    case QT_DATE: return "a date";
    case QT_DATETIME: return "a date and time";
    case QT_TIME: return "a time";
    default: return "no answer";
    }
}

int Triage_store(Triage *t, size_t i, QValue *v, size_t option)
{
    const QItem *it = &t->q->items[i];
    Slot *s = &t->slots[i];
    char *shown = option != QITEM_NONE ? strdup(QItem_option_label(it, option))
                                       : QValue_display(v);
    if (!shown) {
        QValue_clear(v);
        return Triage_fail(t, TRIAGE_NOMEM, "Out of memory");
    }
    Triage_slot_clear(s);
    s->value = *v;
    *v = (QValue)QVALUE_INIT;
    s->option = option;
    s->shown = shown;
    s->state = TRIAGE_ANSWERED;
    return TRIAGE_OK;
}

static int check_range(Triage *t, const QItem *it, const QValue *v)
{
    int cmp;
    const QValue *lim = NULL;
    const char *how = NULL;
    if (it->min_value.kind && QValue_order(v, &it->min_value, &cmp) && cmp < 0)
        lim = &it->min_value, how = "at least";
    else if (it->max_value.kind && QValue_order(v, &it->max_value, &cmp) && cmp > 0)
        lim = &it->max_value, how = "at most";
    if (!lim)
        return TRIAGE_OK;
    char *shown = QValue_display(lim);
    int rc = Triage_fail(t, TRIAGE_INVALID, "Enter %s %s", how, shown ? shown : "the limit");
    free(shown);
    return rc;
}

static int check_text(Triage *t, const QItem *it, const char *s)
{
    size_t chars = 0;
    unsigned cp;
    const char *p = s;
    if (!Text_utf8_valid(s, strlen(s)))
        return Triage_fail(t, TRIAGE_INVALID, "The text is not valid UTF-8; type it again");
    while (isspace((unsigned char)*p)) p++;
    if (!*p)
        return Triage_fail(t, TRIAGE_INVALID, "Type an answer%s", it->required ? "" :
                           ", or skip the question");
    for (size_t n; (n = Text_utf8_next(p, &cp)) > 0; p += n)
        chars++;
    if (it->max_length && chars > it->max_length)
        return Triage_fail(t, TRIAGE_INVALID, "Keep the answer to %zu characters or fewer",
                           it->max_length);
    if (chars < it->min_length)
        return Triage_fail(t, TRIAGE_INVALID, "Enter at least %zu characters", it->min_length);
    return TRIAGE_OK;
}

/* The common tail: type check, limits, store, move on. Takes v's contents
 * whatever happens. */
static int accept(Triage *t, QItemType want, QValue *v, size_t option)
{
    int rc = Triage_check_question(t);
    const QItem *it = rc ? NULL : &t->q->items[t->current];
    if (!rc && it->type != want && !(want == QT_STRING && it->type == QT_TEXT))
        rc = Triage_fail(t, TRIAGE_WRONG_ITEM, "This question needs %s",
                         what_to_give(it->type));
    if (!rc && v->kind == QV_STRING && want != QT_CHOICE)
        rc = check_text(t, it, v->str);
    if (!rc)
        rc = check_range(t, it, v);
    if (!rc)
        rc = Triage_store(t, t->current, v, option);
    QValue_clear(v);
    if (!rc)
        Triage_refresh(t);
    return rc;
}

int Triage_answer_boolean(Triage *t, bool yes)
{
    QValue v = {.kind = QV_BOOLEAN, .boolean = yes};
    return accept(t, QT_BOOLEAN, &v, QITEM_NONE);
}

int Triage_answer_option(Triage *t, size_t index)
{
    QValue v = QVALUE_INIT;
    const QItem *it = Triage_current(t);
    if (it && it->type == QT_CHOICE && !t->at_outcome) {
        if (index >= it->option_count)
            return Triage_fail(t, TRIAGE_INVALID, "Choose an option from 1 to %zu",
                               it->option_count);
        if (QValue_copy(&v, &it->options[index]) < 0)
            return Triage_fail(t, TRIAGE_NOMEM, "Out of memory");
    }
    return accept(t, QT_CHOICE, &v, index);
}

int Triage_answer_string(Triage *t, const char *s)
{
    QValue v = {.kind = QV_STRING, .str = strdup(s ? s : "")};
    if (!v.str)
        return Triage_fail(t, TRIAGE_NOMEM, "Out of memory");
    return accept(t, QT_STRING, &v, QITEM_NONE);
}

int Triage_answer_integer(Triage *t, long long n)
{
    QValue v = {.kind = QV_INTEGER, .integer = n};
    const QItem *it = Triage_current(t);
    if (it && it->type == QT_INTEGER && (n < INT_MIN || n > INT_MAX))
        return Triage_fail(t, TRIAGE_INVALID, "That number is too large");
    return accept(t, QT_INTEGER, &v, QITEM_NONE);
}

int Triage_answer_decimal(Triage *t, double d)
{
    QValue v = {.kind = QV_DECIMAL, .decimal = d};
    const QItem *it = Triage_current(t);
    if (it && it->type == QT_DECIMAL && !isfinite(d))
        return Triage_fail(t, TRIAGE_INVALID, "Enter a number, e.g. 12.5");
    return accept(t, QT_DECIMAL, &v, QITEM_NONE);
}

/* Parses text input for a question of the given type; a wrong-type call is
 * reported by accept, before the input is judged. */
typedef const char *(*Parser)(QValue *v, const char *in);

static int parsed(Triage *t, QItemType want, Parser parse, const char *in)
{
    QValue v = QVALUE_INIT;
    const QItem *it = Triage_current(t);
    if (it && it->type == want && !t->at_outcome) {
        const char *msg = parse(&v, in ? in : "");
        if (msg)
            return Triage_fail(t, TRIAGE_INVALID, "%s", msg);
    }
    return accept(t, want, &v, QITEM_NONE);
}

int Triage_answer_date(Triage *t, const char *in)
{
    return parsed(t, QT_DATE, QValue_parse_date, in);
}

int Triage_answer_time(Triage *t, const char *in)
{
    return parsed(t, QT_TIME, QValue_parse_time, in);
}

int Triage_answer_datetime(Triage *t, const char *in, int utc_offset_min)
{
    QValue v = QVALUE_INIT;
    const QItem *it = Triage_current(t);
    if (it && it->type == QT_DATETIME && !t->at_outcome) {
        const char *msg = QValue_parse_datetime(&v, in ? in : "", utc_offset_min);
        if (msg)
            return Triage_fail(t, TRIAGE_INVALID, "%s", msg);
    }
    return accept(t, QT_DATETIME, &v, QITEM_NONE);
}

/* An option by its label or, failing that, its 1-based number (labels
 * first, so that whole-number options can be typed as shown). */
static int choose(Triage *t, const QItem *it, const char *in)
{
    char buf[256];
    while (isspace((unsigned char)*in)) in++;
    size_t n = strlen(in);
    while (n && isspace((unsigned char)in[n - 1])) n--;
    if (n && n < sizeof buf) {
        memcpy(buf, in, n);
        buf[n] = '\0';
        for (size_t i = 0; i < it->option_count; i++)
            if (strcasecmp(buf, QItem_option_label(it, i)) == 0)
                return Triage_answer_option(t, i);
        long k = n < 9 && strspn(buf, "0123456789") == n ? strtol(buf, NULL, 10) : 0;
        if (k >= 1 && (size_t)k <= it->option_count)
            return Triage_answer_option(t, (size_t)k - 1);
    }
    return Triage_fail(t, TRIAGE_INVALID, "Choose an option from 1 to %zu", it->option_count);
}

int Triage_answer_input(Triage *t, const char *in, int utc_offset_min)
{
    int rc = Triage_check_question(t);
    if (rc)
        return rc;
    const QItem *it = &t->q->items[t->current];
    QValue v = QVALUE_INIT;
    const char *msg = NULL;
    in = in ? in : "";
    switch (it->type) {
    case QT_CHOICE: return choose(t, it, in);
    case QT_STRING: case QT_TEXT: return Triage_answer_string(t, in);
    case QT_DATE: return Triage_answer_date(t, in);
    case QT_TIME: return Triage_answer_time(t, in);
    case QT_DATETIME: return Triage_answer_datetime(t, in, utc_offset_min);
    case QT_BOOLEAN: msg = QValue_parse_boolean(&v, in); break;
    case QT_INTEGER: msg = QValue_parse_integer(&v, in); break;
    default: msg = QValue_parse_decimal(&v, in); break;
    }
    if (msg)
        return Triage_fail(t, TRIAGE_INVALID, "%s", msg);
    return accept(t, it->type, &v, QITEM_NONE);
}
