/* triage_state: the triage view's state (TriageState) and what its
 * files share about it: the answer box, the response as it stands and
 * where it goes (the live contact; script try keeps the last to print). */
#include "client/triage/triage_state.h"

#include <stdio.h>
#include <time.h>

#include "client/contact/contact.h"
#include "client/core/app.h"
#include "common/timefmt.h"

static Prompt *answer_box;
static json_t *last_response;   /* script try: printed on exit */

Prompt *TriageState_answer_box(void)
{
    /* Answers are about people: their history is never written to disk
     * (a state directory under /dev/null cannot be created). */
    if (!answer_box)
        answer_box = Prompt_new("triage", "/dev/null", 50);
    return answer_box;
}

bool TriageState_contact(const TriageState *s, const json_t *response, const QOutcome *o)
{
    /* The live contact keeps the response, the script version it used and
     * the wrap code to preselect; with no contact these are ignored. */
    if (s->offline || !Contact_busy())
        return false;
    char version[16];
    snprintf(version, sizeof version, "%d", s->version);
    if (o && o->wrap)
        Contact_suggest_wrap(o->wrap);
    Contact_set_triage(response, s->script_id, version);
    if (o && o->kind == OUTCOME_SAFEGUARDING && s->script_json)
        Contact_keep_script(s->script_json);
    return true;
}

json_t *TriageState_take_response(void)
{
    json_t *r = last_response;
    last_response = NULL;
    return r;
}

bool TriageState_needs_confirmation(const TriageState *s)
{
    return s->t && Triage_outcome_requires_confirmation(s->t) && !Triage_confirmation(s->t);
}

void TriageState_keep_response(json_t *response)
{
    json_decref(last_response);
    last_response = response;
}

json_t *TriageState_response(const TriageState *s)
{
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    return s->t ? Triage_response(s->t, now) : NULL;
}

bool TriageState_beside(const TriageState *s)
{
    return s->kb && !s->beside_off && app.layout.cols >= LAYOUT_SPLIT_COLS;
}

void TriageState_keep_first_response(const TriageState *s)
{
    if (!last_response)
        last_response = TriageState_response(s);
}
