/* qextension: which FHIR extensions a triage script may carry. Ordinary
 * extensions may only add presentation or extraction hints (FHIR says a
 * system may ignore them), so unknown ones are ignored; the SDC extensions
 * that do carry logic are refused by name, and so is every
 * modifierExtension, which by definition changes meaning. */
#include "common/questionnaire_int.h"

#include <string.h>
#include <strings.h>

typedef struct Refusal {
    const char *name; /* last segment of the extension URL */
    const char *why;
} Refusal;

static const Refusal refused[] = {
    {"variable", "variables only feed FHIRPath expressions, which the engine does not evaluate"},
    {"cqf-library", "CQL libraries are logic the engine does not evaluate"},
    {"cqf-calculatedValue", "calculated values are logic the engine does not evaluate"},
    {"questionnaire-constraint", "validation rules written as expressions are not evaluated"},
    {"sdc-questionnaire-subQuestionnaire", "assemble modular questionnaires before loading"},
    {"regex", "answer patterns are not checked; describe the format in the question text"},
    {"minOccurs", "occurrence limits need repeating items, which are not supported"},
    {"maxOccurs", "occurrence limits need repeating items, which are not supported"},
};

static const char *url_name(const char *url)
{
    const char *slash = strrchr(url, '/');
    return slash ? slash + 1 : url;
}

/* The reason an extension is refused, or NULL when it may be ignored. */
static const char *refusal(const json_t *ext, const char *name)
{
    size_t n = strlen(name);
    /* enableWhenExpression, calculatedExpression, answerExpression,
     * initialExpression, candidateExpression, contextExpression, ... (and
     * cqf-expression) are all FHIRPath or CQL that decides what is asked
     * or answered. */
    if (n >= 10 && strcasecmp(name + n - 10, "Expression") == 0)
        return "it is a FHIRPath expression, which the engine does not evaluate; "
               "use enableWhen and answerOption instead";
    if (strcmp(name, "questionnaire-hidden") == 0)
        return json_is_true(json_object_get(ext, "valueBoolean"))
                   ? "hidden items are not supported: a triage shows the advisor every "
                     "item it records"
                   : NULL;
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        if (strcmp(name, refused[i].name) == 0)
            return refused[i].why;
    return NULL;
}

static void check_list(QLoad *ld, const QItem *it, const json_t *list, const char *where,
                       bool modifier)
{
    size_t i;
    json_t *ext;
    const char *on = where ? " on " : "", *w = where ? where : "";
    if (!list)
        return;
    if (!json_is_array(list)) {
        QLoad_error(ld, it, "%s%s%s must be an array", modifier ? "modifierExtension" :
                    "extension", on, w);
        return;
    }
    json_array_foreach(list, i, ext) {
        const char *url = json_string_value(json_object_get(ext, "url"));
        if (!url) {
            QLoad_error(ld, it, "extension without a url%s%s", on, w);
        } else if (modifier) {
            QLoad_error(ld, it, "modifierExtension '%s'%s%s is not supported: it changes the "
                        "meaning of the script in a way the engine does not know", url_name(url),
                        on, w);
        } else {
            const char *why = refusal(ext, url_name(url));
            if (why)
                QLoad_error(ld, it, "extension '%s'%s%s is not supported: %s", url_name(url),
                            on, w, why);
        }
    }
}

void Qext_check(QLoad *ld, const QItem *it, const json_t *elem, const char *where)
{
    if (!json_is_object(elem))
        return;
    check_list(ld, it, json_object_get(elem, "extension"), where, false);
    check_list(ld, it, json_object_get(elem, "modifierExtension"), where, true);
}

const json_t *Qext_find(const json_t *elem, const char *name)
{
    size_t i;
    json_t *ext;
    json_array_foreach(json_object_get(elem, "extension"), i, ext) {
        const char *url = json_string_value(json_object_get(ext, "url"));
        if (url && strcmp(url_name(url), name) == 0)
            return ext;
    }
    return NULL;
}
