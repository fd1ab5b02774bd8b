/* view_help: every action that means something on the screen below, with
 * the keys the current keymap binds to it, generated from the action
 * table so it can never disagree with the keymap. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "client/core/app.h"
#include "client/core/term.h"
#include "client/core/views.h"
#include "client/core/view.h"
#include "common/buf.h"

typedef struct HelpState {
    Context ctx;             /* the context of the view below */
    char **lines;
    bool *heading;
    size_t n, cap;
    int top;
    char title[96];
} HelpState;

static void Help_add(HelpState *s, const char *text, bool heading)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        char **l = realloc(s->lines, cap * sizeof *l);
        if (!l)
            return;
        s->lines = l;
        bool *h = realloc(s->heading, cap * sizeof *h);
        if (!h)
            return;
        s->heading = h;
        s->cap = cap;
    }
    s->heading[s->n] = heading;
    s->lines[s->n++] = strdup(text);
}

static void Help_keys(Context ctx, Action a, char *out, size_t cap)
{
    int keys[8];
    size_t n = Keymap_keys_for(app.km, ctx, a, keys, 8);
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && used < cap; i++) {
        char name[32];
        Keymap_key_name(keys[i], name, sizeof name);
        int w = snprintf(out + used, cap - used, "%s%s", i ? ", " : "", name);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

static void Help_section(HelpState *s, Context ctx, bool globals)
{
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
        bool global = Action_contexts((Action)a) & CB_GLOBAL;
        if (global != globals || !Action_applies((Action)a, ctx))
            continue;
        char keys[160];
        Help_keys(ctx, (Action)a, keys, sizeof keys);
        Buf line = BUF_INIT;
        Buf_printf(&line, "  %-18s %-22s %s", keys[0] ? keys : "(not bound)",
                   Action_name((Action)a), Action_description((Action)a));
        Help_add(s, line.data, false);
        Buf_free(&line);
    }
}

static void Help_open(View *v, void *arg)
{
    HelpState *s = v->st;
    View *below = arg;
    s->ctx = View_context(below);
    snprintf(s->title, sizeof s->title, "Help: keys for %s", below->ops->title ? below->ops->title(below) : "");
    char head[160];
    snprintf(head, sizeof head, "On this screen (%s keys)", Context_name(s->ctx));
    Help_add(s, head, true);
    Help_section(s, s->ctx, false);
    Help_add(s, "", false);
    Help_add(s, "Everywhere", true);
    Help_section(s, s->ctx, true);
    Help_add(s, "", false);
    Help_add(s, "Keymaps: frontdoor-keymap(5). The search box also takes the usual Emacs editing keys.", false);
}

static void Help_close(View *v)
{
    HelpState *s = v->st;
    for (size_t i = 0; i < s->n; i++)
        free(s->lines[i]);
    free(s->lines);
    free(s->heading);
}

static const char *Help_title(View *v)
{
    HelpState *s = v->st;
    return s->title;
}

static Context Help_context(View *v)
{
    (void)v;
    return CTX_HELP;
}

static void Help_draw(View *v, const Layout *l)
{
    HelpState *s = v->st;
    const Rect *b = &l->body;
    s->top = Layout_scroll_clamp(s->top, (int)s->n, b->h);
    for (int i = 0; i < b->h && s->top + i < (int)s->n; i++) {
        attrset(s->heading[s->top + i] ? Term_attr(STYLE_HEADING) : Term_attr(STYLE_NORMAL));
        Term_text(b->y + i, b->x, s->lines[s->top + i], b->w);
    }
    attrset(A_NORMAL);
}

static bool Help_action(View *v, Action a)
{
    HelpState *s = v->st;
    int page = app.layout.body.h > 1 ? app.layout.body.h - 1 : 1;
    switch (a) {
    case ACT_SCROLL_UP: case ACT_MOVE_UP: s->top--; break;
    case ACT_SCROLL_DOWN: case ACT_MOVE_DOWN: s->top++; break;
    case ACT_PAGE_UP: s->top -= page; break;
    case ACT_PAGE_DOWN: s->top += page; break;
    case ACT_FIRST: s->top = 0; break;
    case ACT_LAST: s->top = (int)s->n; break;
    case ACT_ENTER: case ACT_VIEW_HELP: case ACT_CANCEL: View_pop(); return true;
    default: return false;
    }
    s->top = Layout_scroll_clamp(s->top, (int)s->n, app.layout.body.h);
    return true;
}

static void Help_place_cursor(View *v, const Layout *l)
{
    (void)v;
    move(l->body.y, l->body.x);
}

const ViewOps view_help_ops = {
    .name = "help",
    .state_size = sizeof(HelpState),
    .open = Help_open,
    .close = Help_close,
    .draw = Help_draw,
    .context = Help_context,
    .action = Help_action,
    .place_cursor = Help_place_cursor,
    .title = Help_title,
    .flags = VIEW_FLAG_NO_HELP | VIEW_FLAG_BACK_POPS | VIEW_FLAG_COVERS,
};
