#include "server/safeguarding.h"

#include <string.h>

#include "common/triage.h"
#include "server/store/safeguarding.h"

bool Safeguarding_response(const json_t *triage_response)
{
    return json_is_object(triage_response) &&
           Triage_response_outcome(triage_response) == OUTCOME_SAFEGUARDING;
}

static bool Safeguarding_refuse(Reply *r, const char *title, const char *why)
{
    Reply_problem_fields(r, 422, PROBLEM_VALIDATION, title, why,
                         json_pack("[{s:s, s:s}]", "field", "wrap_code", "message", why));
    return false;
}

/* Both ways round: a safeguarding outcome needs a safeguarding code, and
 * a triage that ended otherwise may not record one (it would say
 * safeguarding with no urgent duty case raised). A contact with no triage
 * (a call-back completed, say) is the advisor's word alone. */
bool Safeguarding_contact_ok(Db *db, const json_t *triage_response, const char *wrap_code, Reply *r)
{
    if (!wrap_code || !json_is_object(triage_response))
        return true;
    bool outcome = Safeguarding_response(triage_response), code = Safeguarding_is_code(db, wrap_code);
    if (outcome && !code)
        return Safeguarding_refuse(r, "A safeguarding contact needs a safeguarding wrap code",
                                   "The triage ended in a safeguarding outcome: choose a wrap code "
                                   "from Safeguarding.");
    if (!outcome && code)
        return Safeguarding_refuse(r, "A safeguarding wrap code needs a safeguarding outcome",
                                   "Safeguarding is recorded through the triage's safeguarding "
                                   "outcome, which raises the urgent duty case: choose another code.");
    return true;
}

int Safeguarding_case_created(Db *db, long long case_id, const json_t *triage_response)
{
    const char *action = Triage_response_action(triage_response);
    if (!Safeguarding_response(triage_response) || !action || strcmp(action, Safeguard_action_code(SAFEGUARD_NO_ANSWER)) != 0)
        return 0;
    return Safeguarding_put_first(db, case_id);
}
