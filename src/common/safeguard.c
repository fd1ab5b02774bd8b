/* safeguard: the action taken at a safeguarding outcome. It is chosen from
 * a short list rather than typed, because the duty team's queue acts on it:
 * "the duty team did not answer" means nobody has the concern yet, so the
 * server puts that case at the head of the queue. The words recorded are
 * the list label (plus what the advisor typed), so a response read by a
 * person tells the same story as the code. */
#include "common/triage_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/text.h"

static const struct {
    const char *code, *label;
} actions[SAFEGUARD_ACTION_COUNT] = {
    [SAFEGUARD_TRANSFERRED] = {"transferred", "Transferred to the duty team"},
    [SAFEGUARD_NO_ANSWER] = {"duty_no_answer", "Duty team did not answer, referral raised"},
    [SAFEGUARD_CALLED_999] = {"called_999", "999 called"},
    [SAFEGUARD_OTHER] = {"other", "Other"},
};

const char *Safeguard_action_code(SafeguardAction a)
{
    return (unsigned)a < SAFEGUARD_ACTION_COUNT ? actions[a].code : NULL;
}

const char *Safeguard_action_label(SafeguardAction a)
{
    return (unsigned)a < SAFEGUARD_ACTION_COUNT ? actions[a].label : NULL;
}

int Safeguard_action_by_code(const char *code)
{
    for (int i = 0; code && i < SAFEGUARD_ACTION_COUNT; i++)
        if (strcmp(actions[i].code, code) == 0)
            return i;
    return -1;
}

static bool blank(const char *s)
{
    while (s && (*s == ' ' || *s == '\t' || *s == '\n'))
        s++;
    return !s || !*s;
}

int Triage_confirm_action(Triage *t, SafeguardAction a, const char *words)
{
    if (!t->at_outcome || Triage_outcome(t)->kind != OUTCOME_SAFEGUARDING)
        return Triage_fail(t, TRIAGE_WRONG_ITEM, "Only a safeguarding outcome needs confirming");
    if ((unsigned)a >= SAFEGUARD_ACTION_COUNT)
        return Triage_fail(t, TRIAGE_INVALID, "Choose the action taken from the list");
    if (a == SAFEGUARD_OTHER && blank(words))
        return Triage_fail(t, TRIAGE_INVALID, "Describe the action taken before confirming");
    if (words && !Text_utf8_valid(words, strlen(words)))
        return Triage_fail(t, TRIAGE_INVALID, "The text is not valid UTF-8; type it again");
    /* The confirmation is a record of what was done; it is not rewritten. */
    if (t->confirmation)
        return Triage_fail(t, TRIAGE_WRONG_ITEM, "The action taken has already been confirmed");
    Buf b = BUF_INIT;
    if (a == SAFEGUARD_OTHER)
        Buf_printf(&b, "%s", words);
    else
        Buf_printf(&b, "%s%s%s", actions[a].label, blank(words) ? "" : ": ", blank(words) ? "" : words);
    t->confirmation = Buf_steal(&b);
    if (!t->confirmation)
        return Triage_fail(t, TRIAGE_NOMEM, "Out of memory");
    t->action = (int)a;
    return TRIAGE_OK;
}

int Triage_confirm(Triage *t, const char *action_taken)
{
    return Triage_confirm_action(t, SAFEGUARD_OTHER, action_taken);
}

int Triage_confirmation_action(const Triage *t)
{
    return t->confirmation ? t->action : -1;
}
