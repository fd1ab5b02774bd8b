/* view: the stack of screens (login, search, customer, help, lock), each
 * a small ops table in the spirit of tig's view_ops and neomutt's dialog
 * stack. Only the top view takes keys; it draws in the body rectangle of
 * the current layout; API answers are routed back to the view that asked,
 * and a view's pending calls are cancelled when it closes. */
#ifndef FD_VIEW_H
#define FD_VIEW_H
#include <stdbool.h>
#include "client/core/actions.h"
#include "client/api/api.h"
#include "client/core/layout.h"

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
    bool hides_content;                     /* the lock: nothing below is drawn */
} ViewOps;

struct View {
    const ViewOps *ops;
    void *st;
    View *below;
};

View *View_push(const ViewOps *ops, void *arg);
/* Closes and frees the top view. */
void View_pop(void);
/* Closes every view. */
void View_pop_all(void);
View *View_top(void);
View *View_find(const ViewOps *ops);
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
