/* scriptwalk: every path an advisor can take through a script, walked by
 * the triage engine itself (so one engine judges scripts: what the check
 * accepts is what the advisor's screen does).
 *
 * At each question the walk tries the answers that can matter: both
 * yes/no, every choice, and for other questions each value an enableWhen
 * compares them with (and its neighbours, for < and >), plus a skip for
 * optional ones. A path that ends without an outcome is an error (the
 * advisor would finish a call with nothing said about what happens next),
 * and so is an outcome no path reaches. Pure: no I/O. */
#ifndef FD_SCRIPTWALK_H
#define FD_SCRIPTWALK_H
#include <stdbool.h>
#include <stddef.h>

#include "common/diag.h"
#include "common/questionnaire.h"

#define SCRIPTWALK_MAX_PATHS 100000

typedef struct ScriptWalk {
    size_t paths;      /* complete paths walked */
    size_t dead_ends;  /* of those, how many ended without an outcome */
    size_t unreached;  /* outcomes no path reaches */
    bool truncated;    /* more than SCRIPTWALK_MAX_PATHS: not every path was walked */
} ScriptWalk;

/* Walks q; each problem goes to diag as "source: ...". Returns the number
 * of errors (0: every path ends in an outcome and every outcome is reached). */
int Scriptwalk_check(const Questionnaire *q, const char *source, Diag *diag, ScriptWalk *out);

#endif
