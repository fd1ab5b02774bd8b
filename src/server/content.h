/* content: loading the council's shipped content (config/ in the source
 * tree) into a database: wrap codes, teams and services (content.c),
 * knowledge base articles and scripts (content_files.c). The files are
 * parsed and checked here; the stores (store/wrapcodes.h, catalogue.h,
 * kb.h, scripts.h) write them. Problems are reported as file:line. */
#ifndef FD_CONTENT_H
#define FD_CONTENT_H
#include "common/diag.h"
#include "server/store/store.h"

/* Where content lives when no directory is given: $FRONTDOOR_CONTENT_DIR,
 * ./config in a source tree, then the installed share directory. */
const char *Content_default_dir(void);
/* Load everything under dir. Returns the number of errors (0 = all loaded).
 * The caller owns the transaction. */
int Content_load(Db *db, const char *dir, Diag *diag);
/* content_files.c: every *.json in dir, validated by the triage engine;
 * a script whose text differs from its newest stored version becomes a
 * new version. */
int Content_load_scripts(Db *db, const char *dir, Diag *diag);
/* content_files.c: every *.md article in dir ("key: value" header lines, a
 * blank line, then the body). */
int Content_load_kb(Db *db, const char *dir, Diag *diag);

#endif
