/* The questionnaire loader (config/scripts/NAME.json, PUT /scripts/{id})
 * and, for a script that loads, a walk through it: answers chosen by a
 * generator seeded from the input, so the same input takes the same path,
 * with skips and steps back, then the saved response read back in. */
#include <stdio.h>
#include <stdlib.h>

#include "common/triage.h"
#include "fuzzfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_STEPS 200

static const char *const inputs[] = {
    "yes", "no", "", "0", "-1", "42", "99999999999999999999", "3.14", "1e308", "x",
    "01/02/2026", "2026-02-29", "31/13/2025", "2026-11-23T14:05", "23:59", "24:00", "Zoë 漢😀",
};

static unsigned next(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 8;
}

static void answer(Triage *t, const QItem *it, unsigned *seed)
{
    unsigned r = next(seed);
    const Questionnaire *q = Triage_questionnaire(t);
    switch (r % 10) {
    case 0: Triage_skip(t); return;
    case 1: Triage_back(t); return;
    case 2: Triage_acknowledge(t); return;
    case 3:
        if (Questionnaire_item_count(q))
            Triage_back_to(t, QItem_link_id(Questionnaire_item(
                                  q, (r >> 4) % Questionnaire_item_count(q))));
        return;
    default: break;
    }
    switch (QItem_type(it)) {
    case QT_BOOLEAN: Triage_answer_boolean(t, r & 16); break;
    case QT_CHOICE: Triage_answer_option(t, (r >> 4) % (QItem_option_count(it) + 1)); break;
    case QT_INTEGER: Triage_answer_integer(t, (long long)(int)(r >> 4) - 1000); break;
    case QT_DECIMAL: Triage_answer_decimal(t, (double)(r >> 4) / 7.0); break;
    default:
        Triage_answer_input(t, inputs[(r >> 4) % (sizeof inputs / sizeof inputs[0])], 60);
        break;
    }
}

static void walk(const Questionnaire *q, unsigned seed)
{
    Triage *t = Triage_new(q);
    if (!t)
        return;
    for (int step = 0; step < MAX_STEPS && !Triage_is_complete(t); step++) {
        const QItem *it = Triage_current(t);
        if (!it)
            break;
        size_t opt;
        Triage_default(t, &opt);
        if (Triage_outcome_requires_confirmation(t))
            Triage_confirm(t, "Called the duty officer");
        else
            answer(t, it, &seed);
    }
    TriageCrumb crumbs[32];
    Triage_breadcrumb(t, crumbs, 32);
    json_t *qr = Triage_response(t, "2026-11-23T14:05:00Z");
    Diag d = DIAG_INIT;
    Triage *again = qr ? Triage_from_response(q, qr, "fuzz", &d) : NULL;
    Triage_free(again);
    Diag_free(&d);
    json_decref(qr);
    Triage_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Diag d = DIAG_INIT;
    Questionnaire *q = Questionnaire_parse((const char *)data, size, "fuzz", &d);
    if (q) {
        unsigned seed = 2166136261u;
        for (size_t i = 0; i < size; i++)
            seed = (seed ^ data[i]) * 16777619u;
        walk(q, seed);
        Questionnaire_free(q);
    }
    Fuzzfile_check_diag(&d, data, size);
    Diag_free(&d);
    return 0;
}
