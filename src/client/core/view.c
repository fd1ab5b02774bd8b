#include "client/core/view.h"

#include <stdlib.h>

#include "client/core/loop.h"

static View *top;
static const ViewOps *registered[VIEW_COUNT];

static View *View_push(const ViewOps *ops, void *arg);
static View *View_find(const ViewOps *ops);

void View_register(ViewId id, const ViewOps *ops)
{
    registered[id] = ops;
}

View *View_open(ViewId id, void *arg)
{
    return registered[id] ? View_push(registered[id], arg) : NULL;
}

void View_open_once(ViewId id, void *arg)
{
    if (!View_find_id(id))
        View_open(id, arg);
}

static View *View_push(const ViewOps *ops, void *arg)
{
    View *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->ops = ops;
    v->st = ops->state_size ? calloc(1, ops->state_size) : NULL;
    if (ops->state_size && !v->st) {
        free(v);
        return NULL;
    }
    v->below = top;
    top = v;
    if (ops->open)
        ops->open(v, arg);
    Loop_dirty();
    return v;
}

/* Takes v out of the stack, wherever it is, and frees it. */
static void View_unlink(View *v)
{
    View **at = &top;
    while (*at && *at != v)
        at = &(*at)->below;
    if (!*at)
        return;
    *at = v->below;
    /* Answers for a closed view have nobody to go to. */
    Api_cancel_owner(v);
    if (v->ops->close)
        v->ops->close(v);
    free(v->st);
    free(v);
    Loop_dirty();
}

void View_pop(void)
{
    if (top)
        View_unlink(top);
}

void View_raise(ViewId id, void *arg)
{
    View *v = View_find_id(id);
    if (v && v == top)
        return;
    if (v)
        View_unlink(v);
    View_open(id, arg);
}

void View_pop_all(void)
{
    while (top)
        View_pop();
}

View *View_top(void)
{
    return top;
}

static View *View_find(const ViewOps *ops)
{
    for (View *v = top; v; v = v->below)
        if (v->ops == ops)
            return v;
    return NULL;
}

View *View_find_id(ViewId id)
{
    return registered[id] ? View_find(registered[id]) : NULL;
}

bool View_is(const View *v, ViewId id)
{
    return v && registered[id] && v->ops == registered[id];
}

bool View_has(const View *v, unsigned flags)
{
    return v && (v->ops->flags & flags) == flags;
}

bool View_top_has(unsigned flags)
{
    return View_has(top, flags);
}

const json_t *View_record(const View *v)
{
    return v && v->ops->record ? v->ops->record(v) : NULL;
}

bool View_action(View *v, Action a)
{
    return v && v->ops->action && v->ops->action(v, a);
}

int View_depth(void)
{
    int n = 0;
    for (View *v = top; v; v = v->below)
        n++;
    return n;
}

Context View_form_context(View *v)
{
    (void)v;
    return CTX_FORM;
}

Context View_context(View *v)
{
    return v && v->ops->context ? v->ops->context(v) : CTX_GLOBAL;
}

bool View_list_action(ListPos *pos, Action a)
{
    switch (a) {
    case ACT_MOVE_UP: Layout_list_move(pos, -1); return true;
    case ACT_MOVE_DOWN: Layout_list_move(pos, 1); return true;
    case ACT_PAGE_UP: Layout_list_page(pos, -1); return true;
    case ACT_PAGE_DOWN: Layout_list_page(pos, 1); return true;
    case ACT_FIRST: Layout_list_goto(pos, 0); return true;
    case ACT_LAST: Layout_list_goto(pos, pos->count - 1); return true;
    default: return false;
    }
}

static void View_on_api(void *owner, int tag, const ApiResult *r)
{
    View *v = owner;
    if (v->ops->on_response)
        v->ops->on_response(v, tag, r);
    Loop_dirty();
}

ApiTo View_to(View *v, int tag, const char *label)
{
    return (ApiTo){.done = View_on_api, .owner = v, .tag = tag, .label = label};
}
