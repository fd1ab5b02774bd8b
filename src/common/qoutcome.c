/* qoutcome: a display item whose codes use urn:frontdoor:outcome is where a
 * triage ends. Every outcome must say what happens next, or the advisor
 * reaches the end of a script with nothing to do; the rules are checked at
 * load time and documented in frontdoor-scripts(5). */
#include "common/questionnaire_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {
    [OUTCOME_NONE] = "none", [OUTCOME_RESOLVE] = "resolve", [OUTCOME_SIGNPOST] = "signpost",
    [OUTCOME_CASE] = "case", [OUTCOME_TRANSFER] = "transfer", [OUTCOME_CALLBACK] = "callback",
    [OUTCOME_SAFEGUARDING] = "safeguarding",
};

const char *Outcome_kind_name(OutcomeKind kind)
{
    return kind_names[kind];
}

OutcomeKind Outcome_kind_by_name(const char *name)
{
    for (int k = OUTCOME_RESOLVE; k <= OUTCOME_SAFEGUARDING && name; k++)
        if (strcmp(name, kind_names[k]) == 0)
            return (OutcomeKind)k;
    return OUTCOME_NONE;
}

typedef struct Codes {
    const char *outcome, *service, *wrap, *within;
    int n_outcome, n_service, n_wrap, n_within, n_ours;
} Codes;

/* Sorts one coding into the Codes tally; kb ids go straight to the item. */
static void tally(QLoad *ld, QItem *it, const json_t *coding, Codes *c)
{
    const char *sys = json_string_value(json_object_get(coding, "system"));
    const char *code = json_string_value(json_object_get(coding, "code"));
    if (!sys || strncmp(sys, "urn:frontdoor:", 14) != 0)
        return;
    c->n_ours++;
    if (!code || !*code) {
        QLoad_error(ld, it, "a %s coding has no code", sys);
    } else if (strcmp(sys, FD_OUTCOME_SYSTEM) == 0) {
        c->outcome = code;
        c->n_outcome++;
    } else if (strcmp(sys, FD_SERVICE_SYSTEM) == 0) {
        c->service = code;
        c->n_service++;
    } else if (strcmp(sys, FD_WRAP_SYSTEM) == 0) {
        c->wrap = code;
        c->n_wrap++;
    } else if (strcmp(sys, FD_CALLBACK_WITHIN_SYSTEM) == 0) {
        c->within = code;
        c->n_within++;
    } else if (strcmp(sys, FD_KB_SYSTEM) == 0) {
        it->kb[it->outcome.kb_count++] = code;
    } else {
        QLoad_error(ld, it, "unknown code system '%s'", sys);
    }
}

static bool has_web_address(const char *s)
{
    return s && (strstr(s, "http://") || strstr(s, "https://"));
}

/* The next-step rule of each kind; NULL when the outcome satisfies it. */
static const char *missing_step(const QOutcome *o)
{
    bool text = o->text && *o->text;
    switch (o->kind) {
    case OUTCOME_RESOLVE:
        return text || o->kb_count ? NULL : "give the information as text or a urn:frontdoor:kb "
                                            "article";
    case OUTCOME_SIGNPOST:
        return text && (o->kb_count || o->service || has_web_address(o->text))
                   ? NULL
                   : "give the text to read out, and a urn:frontdoor:kb article, a "
                     "urn:frontdoor:service code or a web address in the text";
    case OUTCOME_CASE:
        return o->service ? NULL : "add a urn:frontdoor:service code (the service to raise "
                                   "the case for)";
    case OUTCOME_TRANSFER:
        return text ? NULL : "say in the text where to transfer the call";
    case OUTCOME_CALLBACK:
        return text ? NULL : "say in the text what the customer is told about the call-back";
    case OUTCOME_SAFEGUARDING:
        return text ? NULL : "give the safeguarding procedure to follow as the text";
    default:
        return NULL;
    }
}

/* "2wd" (working days) or "4h" (hours): the promise a call-back outcome
 * reads to the customer, so the call-back is booked due when they were
 * told. */
static void check_within(QLoad *ld, QItem *it, const Codes *c)
{
    QOutcome *o = &it->outcome;
    char unit[4] = "";
    int n = 0, used = 0;
    if (!c->n_within)
        return;
    if (c->n_within > 1 || o->kind != OUTCOME_CALLBACK) {
        QLoad_error(ld, it, "urn:frontdoor:callback-within: one only, on a callback outcome");
        return;
    }
    if (sscanf(c->within, "%d%3[a-z]%n", &n, unit, &used) != 2 || c->within[used] != '\0' ||
        n < 1 || n > 60 || (strcmp(unit, "wd") != 0 && strcmp(unit, "h") != 0)) {
        QLoad_error(ld, it, "urn:frontdoor:callback-within '%s' is not like 2wd (working days) "
                    "or 4h (hours), 1 to 60", c->within);
        return;
    }
    if (strcmp(unit, "wd") == 0)
        o->within_working_days = n;
    else
        o->within_hours = n;
}

static void check_outcome(QLoad *ld, QItem *it, const Codes *c)
{
    QOutcome *o = &it->outcome;
    if (it->type != QT_DISPLAY) {
        QLoad_error(ld, it, "urn:frontdoor: codes are only allowed on display items");
        return;
    }
    if (c->n_outcome != 1) {
        QLoad_error(ld, it, c->n_outcome ? "has more than one urn:frontdoor:outcome code"
                                         : "has urn:frontdoor: codes but no "
                                           "urn:frontdoor:outcome code");
        return;
    }
    o->kind = Outcome_kind_by_name(c->outcome);
    if (o->kind == OUTCOME_NONE) {
        QLoad_error(ld, it, "outcome '%s' is not one of resolve, signpost, case, transfer, "
                    "callback, safeguarding", c->outcome);
        return;
    }
    if (c->n_service > 1 || c->n_wrap > 1)
        QLoad_error(ld, it, "an outcome has at most one service and one wrap code");
    const char *why = c->n_wrap ? missing_step(o)
                                : "add a urn:frontdoor:wrap code (the wrap code to suggest)";
    if (why)
        QLoad_error(ld, it, "outcome '%s' has no next step: %s", c->outcome, why);
    check_within(ld, it, c);
    it->is_outcome = true;
}

void Qoutcome_load(QLoad *ld, QItem *it)
{
    const json_t *codes = json_object_get(it->json, "code");
    size_t i;
    json_t *coding;
    Codes c = {0};
    if (!codes)
        return;
    if (!json_is_array(codes)) {
        QLoad_error(ld, it, "code must be an array of codings");
        return;
    }
    it->kb = calloc(json_array_size(codes) + 1, sizeof *it->kb);
    it->outcome.kb = it->kb;
    json_array_foreach(codes, i, coding)
        tally(ld, it, coding, &c);
    if (c.n_ours == 0)
        return;
    it->outcome.link_id = it->link_id;
    it->outcome.text = it->text;
    it->outcome.service = c.service;
    it->outcome.wrap = c.wrap;
    check_outcome(ld, it, &c);
}
