/* script_content: `frontdoor script check --content DIR`, what a script
 * names that the engine cannot know: wrap codes (wrapcodes.csv), services
 * (services.csv) and their teams (teams.csv), and knowledge base articles
 * (kb/ID.md), plus the content's own rules for outcomes (a record-making
 * outcome names the service whose team gets it; a safeguarding outcome a
 * safeguarding wrap code; resolve and signpost an article) and for shipped
 * scripts (the id is the file name, a service uses it). The CSV and
 * article checks themselves stay in config/check-content.py. */
#ifndef FD_SCRIPT_CONTENT_H
#define FD_SCRIPT_CONTENT_H
#include "common/diag.h"
#include "common/questionnaire.h"

typedef struct ScriptContent ScriptContent;

/* NULL (the reason in diag) when DIR is not a content directory. */
ScriptContent *ScriptContent_load(const char *dir, Diag *diag);
void ScriptContent_free(ScriptContent *c);
/* Problems go to diag as "path: ..."; returns how many. */
int ScriptContent_check(const ScriptContent *c, const Questionnaire *q, const char *path, Diag *diag);

#endif
