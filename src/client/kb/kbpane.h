/* kbpane: the knowledge base as a pane any view can hold: a search box
 * that searches as you type (debounced with a loop timer, never blocking),
 * the articles found, and an article pager that follows kb: links.
 *
 * The triage view holds one beside the questions (or over them on a narrow
 * terminal); the KB view holds one full screen. API answers come back to
 * the owning view, which hands tags from tag_base on to KbPane_on_response.
 * kbpane.c holds the pane and the KB view (view_kb_ops). */
#ifndef FD_KBPANE_H
#define FD_KBPANE_H
#include <jansson.h>
#include <stdbool.h>

#include "client/core/actions.h"
#include "client/api/api.h"
#include "client/core/layout.h"
#include "client/core/view.h"
#include "client/kb/article.h"

typedef struct KbPane KbPane;

enum { KBPANE_TAGS = 3 };   /* tags tag_base .. tag_base + KBPANE_TAGS - 1 */

/* service (may be NULL) lists that service's articles before anything is
 * typed. offline: no server (script try): the pane says so. */
KbPane *KbPane_new(View *owner, int tag_base, const char *service, bool offline);
void KbPane_free(KbPane *p);
void KbPane_draw(KbPane *p, const Rect *r, bool focused);
Context KbPane_context(const KbPane *p);
/* False when the pane did nothing with it: the owner's turn (e.g. back
 * from the list closes the pane). */
bool KbPane_action(KbPane *p, Action a);
void KbPane_key(KbPane *p, int key);
/* False when tag is not the pane's. */
bool KbPane_on_response(KbPane *p, int tag, const ApiResult *r);
void KbPane_place_cursor(const KbPane *p, const Rect *r);
/* Gives the pane the keyboard (its box, when it is searching) or takes it. */
void KbPane_focus(KbPane *p, bool on);
void KbPane_open_article(KbPane *p, const char *id);
/* Inside a triage articles do not offer to start another one. */
void KbPane_in_triage(KbPane *p);
/* That action as a global one (Frame_add_actions). */
bool KbPane_global_action(View *top, Action a);

#endif
