/* ask: see ask.h. A view on the stack, so keys reach nothing else
 * while the question is open. */
#include <curses.h>
#include <string.h>

#include "client/core/app.h"
#include "client/core/ask.h"
#include "client/core/term.h"
#include "client/core/view.h"
#include "common/text.h"

typedef struct AskState {
    char question[400];
    char keys[32];
    int default_key;
    AskFn fn;
    void *data;
} AskState;

static AskState pending;

static void AskV_open(View *v, void *arg)
{
    (void)arg;
    AskState *s = v->st;
    *s = pending;
}

static const char *AskV_title(View *v)
{
    return v->below && v->below->ops->title ? v->below->ops->title(v->below) : "";
}

/* The question in a box in the middle of the body, wrapped to fit, and
 * its first words on the message line, where the cursor waits. */
static void AskV_draw(View *v, const Layout *l)
{
    AskState *s = v->st;
    if (v->below && v->below->ops->draw)
        v->below->ops->draw(v->below, l);
    const Rect *b = &l->body;
    int w = b->w - 8 < 70 ? b->w - 8 : 70;
    size_t starts[8], lens[8];
    int n = Layout_wrap(s->question, w, starts, lens, 8);
    n = n > 8 ? 8 : n;
    int y = b->y + (b->h - n - 2) / 2, x = b->x + (b->w - w - 4) / 2;
    attrset(Term_attr(STYLE_SELECTED));
    for (int i = -1; i <= n; i++) {
        char line[400];
        if (i < 0 || i == n)
            snprintf(line, sizeof line, "%s", "");
        else
            snprintf(line, sizeof line, "%.*s", (int)lens[i], s->question + starts[i]);
        Term_text_pad(y + i + 1, x, "", w + 4);
        Term_text(y + i + 1, x + 2, line, w);
    }
    attrset(A_NORMAL);
    /* Written straight into the message line (not App_message, which
     * would mark the screen dirty from inside a draw). */
    snprintf(app.message, sizeof app.message, "%s", s->question);
    app.message_is_error = false;
}

static void AskV_answer(int key)
{
    View *v = View_top();
    AskState s = *(AskState *)v->st;
    app.message[0] = '\0';
    View_pop();
    if (s.fn)
        s.fn(s.data, key);
}

static bool AskV_action(View *v, Action a)
{
    AskState *s = v->st;
    if (a == ACT_CANCEL || a == ACT_BACK) {
        AskV_answer(0);
        return true;
    }
    if (a == ACT_ENTER) {
        if (s->default_key)
            AskV_answer(s->default_key);
        return true;
    }
    /* Quit and the rest wait until the question is answered. */
    return a != ACT_VIEW_HELP && a != ACT_REDRAW;
}

static void AskV_key(View *v, int key)
{
    AskState *s = v->st;
    if (key > 0 && key < 0x80 && strchr(s->keys, key))
        AskV_answer(key);
    else if (key > 0 && key < 0x80 && strchr(s->keys, key ^ 0x20) && ((key | 0x20) >= 'a' && (key | 0x20) <= 'z'))
        AskV_answer(key ^ 0x20);
}

static void AskV_place_cursor(View *v, const Layout *l)
{
    AskState *s = v->st;
    int w = (int)Text_display_width(s->question);
    move(l->message_line.y, w < l->message_line.w ? w : l->message_line.w - 1);
}

const ViewOps view_ask_ops = {
    .name = "ask",
    .state_size = sizeof(AskState),
    .open = AskV_open,
    .draw = AskV_draw,
    .context = View_form_context,
    .action = AskV_action,
    .key = AskV_key,
    .place_cursor = AskV_place_cursor,
    .title = AskV_title,
};

void Ask(const char *question, const char *keys, int default_key, AskFn fn, void *data)
{
    snprintf(pending.question, sizeof pending.question, "%s", question);
    snprintf(pending.keys, sizeof pending.keys, "%s", keys);
    pending.default_key = default_key;
    pending.fn = fn;
    pending.data = data;
    View_open(VIEW_ASK, NULL);
}
