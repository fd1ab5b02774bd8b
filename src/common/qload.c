/* qload: the load context every check of a script reports through, and the
 * linkId index the checks resolve references with. It sits beneath the
 * loader's other parts (questionnaire, qitem, qextension, qoutcome,
 * enablewhen) so each of them can report and look up without calling back
 * up into the file that drives the load. */
#include "common/questionnaire_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common/text.h"

void QLoad_error(QLoad *ld, const QItem *it, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    Text_vformat(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ld->errors++;
    if (!it)
        Diag_add(ld->diag, ld->source, 0, "questionnaire: %s", msg);
    else if (it->link_id && *it->link_id)
        Diag_add(ld->diag, ld->source, 0, "item '%s': %s", it->link_id, msg);
    else
        Diag_add(ld->diag, ld->source, 0, "item at %s: %s", it->path, msg);
}

static int cmp_by_id(const void *a, const void *b, void *ctx)
{
    const Questionnaire *q = ctx;
    const char *x = q->items[*(const size_t *)a].link_id;
    const char *y = q->items[*(const size_t *)b].link_id;
    return strcmp(x ? x : "", y ? y : "");
}

void QLoad_index(QLoad *ld)
{
    Questionnaire *q = ld->q;
    for (size_t i = 0; i < q->count; i++)
        q->by_id[i] = i;
    qsort_r(q->by_id, q->count, sizeof *q->by_id, cmp_by_id, q);
    for (size_t i = 1; i < q->count; i++) {
        const QItem *a = &q->items[q->by_id[i - 1]], *b = &q->items[q->by_id[i]];
        if (a->link_id && b->link_id && *a->link_id && strcmp(a->link_id, b->link_id) == 0)
            QLoad_error(ld, b, "duplicate linkId (also used at %s)",
                        a->index < b->index ? a->path : b->path);
    }
}

const QItem *QLoad_find(const Questionnaire *q, const char *link_id)
{
    size_t lo = 0, hi = q->count;
    while (link_id && lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const QItem *it = &q->items[q->by_id[mid]];
        int c = strcmp(it->link_id ? it->link_id : "", link_id);
        if (c == 0)
            return it;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
