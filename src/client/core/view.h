/* view: the stack of screens (views.h lists them), each a small ops
 * table in the spirit of tig's view_ops and neomutt's dialog stack. Only
 * the top view takes keys; it draws in the body rectangle of the current
 * layout; API answers are routed back to the view that asked, and a
 * view's pending calls are cancelled when it closes. A view opens another
 * by its id, through the table main.c registers at start-up. */
#ifndef FD_VIEW_H
#define FD_VIEW_H
#include <stdbool.h>
#include "client/core/actions.h"
#include "client/api/api.h"
#include "client/core/layout.h"
#include "client/core/views.h"

typedef struct View View;

typedef struct ViewOps {
    const char *name;
    size_t state_size;                      /* zeroed state allocated per view */
    void (*open)(View *v, void *arg);
    void (*close)(View *v);
    void (*draw)(View *v, const Layout *l);
    /* Where keys are looked up now (the search view switches between
     * PROMPT and SEARCH as the focus moves). */
    Context (*context)(View *v);
    /* Returns true when the view did something with the action. */
    bool (*action)(View *v, Action a);
    /* A key no binding claimed: typing in a text-entry context. */
    void (*key)(View *v, int key);
    void (*on_response)(View *v, int tag, const ApiResult *r);
    void (*resize)(View *v, const Layout *l);
    /* Puts the hardware cursor on the focused field or row. */
    void (*place_cursor)(View *v, const Layout *l);
    const char *(*title)(View *v);
    /* The customer record the view shows (NULL while it loads), for the
     * code that starts work from whatever record is on screen. */
    const json_t *(*record)(const View *v);
    unsigned flags;                         /* ViewFlag bits */
} ViewOps;

struct View {
    const ViewOps *ops;
    void *st;
    View *below;
};

/* main.c, once: the ops table of every id in VIEW_INFO. */
void View_register(ViewId id, const ViewOps *ops);
/* Opens the view registered for id on top of the stack. */
View *View_open(ViewId id, void *arg);
/* Opens it unless one is in the stack already. */
void View_open_once(ViewId id, void *arg);
/* The view id on top: a fresh one, the old one (wherever it was in the
 * stack, under what was opened from it since) closed. For a view that
 * can be asked for from anywhere, such as my work. */
void View_raise(ViewId id, void *arg);
/* Closes and frees the top view. */
void View_pop(void);
/* Closes every view. */
void View_pop_all(void);
View *View_top(void);
/* The topmost view opened with id, or NULL. */
View *View_find_id(ViewId id);
/* True when v (may be NULL) is the view id / has every bit of flags. */
bool View_is(const View *v, ViewId id);
bool View_has(const View *v, unsigned flags);
bool View_top_has(unsigned flags);
/* The record v shows (View_ops.record), or NULL. */
const json_t *View_record(const View *v);
/* Hands v an action as if its key had been pressed; false when v (may
 * be NULL) did nothing with it. */
bool View_action(View *v, Action a);
int View_depth(void);
Context View_context(View *v);
/* The context of a view that is a form the whole time: its ops table
 * names this instead of a function of its own. */
Context View_form_context(View *v);
/* The keys every list view shares: up, down, page up and down, first,
 * last move the selection. False for any other action. */
bool View_list_action(ListPos *pos, Action a);

/* Where an API call's answer goes to v->ops->on_response with tag; label
 * is the status line's words while it is pending (api/lib.h). */
ApiTo View_to(View *v, int tag, const char *label);

#endif
