/* view_history: every contact with one customer, newest first, paged
 * from GET customers/{id}/contacts as the selection nears the
 * end of what is loaded. The selected contact's note shows underneath. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/core/screen.h"
#include "client/core/term.h"
#include "client/core/view.h"
#include "common/jsonx.h"

enum { TAG_PAGE = 1, PAGE = 20, NOTE_ROWS = 3 };

typedef struct HistoryState {
    char id[32];
    json_t *rows;
    char *next_cursor;
    bool loading, started;
    ListPos pos;
    char note[300];
} HistoryState;

static void History_fetch(View *v)
{
    HistoryState *s = v->st;
    s->loading = true;
    ApiCustomers_contacts(View_to(v, TAG_PAGE, "Loading contact history"), s->id, PAGE, s->next_cursor);
}

static void History_open(View *v, void *arg)
{
    HistoryState *s = v->st;
    snprintf(s->id, sizeof s->id, "%s", (const char *)arg);
    s->rows = json_array();
    History_fetch(v);
}

static void History_close(View *v)
{
    HistoryState *s = v->st;
    json_decref(s->rows);
    free(s->next_cursor);
}

static const char *History_title(View *v)
{
    (void)v;
    return "Contact history";
}

static Context History_context(View *v)
{
    (void)v;
    return CTX_OUTBOX;
}

static void History_on_response(View *v, int tag, const ApiResult *r)
{
    HistoryState *s = v->st;
    (void)tag;
    s->loading = false;
    s->started = true;
    if (r->status != 200) {
        snprintf(s->note, sizeof s->note, "%s", r->message);
        return;
    }
    json_array_extend(s->rows, json_object_get(r->json, "items"));
    free(s->next_cursor);
    const char *c = Jsonx_str(r->json, "next_cursor", NULL);
    s->next_cursor = c && c[0] ? strdup(c) : NULL;
}

static void History_more(View *v)
{
    HistoryState *s = v->st;
    if (s->next_cursor && !s->loading && Layout_list_near_end(&s->pos, s->pos.visible > 0 ? s->pos.visible : 10))
        History_fetch(v);
}

static bool History_action(View *v, Action a)
{
    HistoryState *s = v->st;
    if (a == ACT_BACK || a == ACT_CANCEL) {
        View_pop();
        return true;
    }
    if (!View_list_action(&s->pos, a))
        return false;
    History_more(v);
    return true;
}

static void History_row(const json_t *c, char *out, size_t cap)
{
    char when[64];
    Screen_format_value(json_object_get(c, "started_at"), FMT_DATETIME, false, when, sizeof when);
    snprintf(out, cap, "%-17s %-12s %-36.36s %-15s %s%s", when, Jsonx_str(c, "channel", ""),
             Jsonx_str(c, "wrap_label", Jsonx_str(c, "wrap_code", "")), Jsonx_str(c, "outcome", ""),
             Jsonx_str(c, "advisor", ""), Jsonx_bool(c, "avoidable", false) ? "  [avoidable]" : "");
}

static void History_draw(View *v, const Layout *l)
{
    HistoryState *s = v->st;
    const Rect *b = &l->body;
    attrset(Term_attr(STYLE_HEADING));
    Term_text_pad(b->y, b->x, "  When              Channel      Wrap code                            Outcome         Advisor", b->w);
    attrset(A_NORMAL);
    s->pos.count = (int)json_array_size(s->rows);
    s->pos.visible = b->h - NOTE_ROWS - 2;
    Layout_list_clamp(&s->pos);
    for (int i = 0; i < s->pos.visible && s->pos.top + i < s->pos.count; i++) {
        char line[600], row[560];
        History_row(json_array_get(s->rows, (size_t)(s->pos.top + i)), row, sizeof row);
        bool sel = s->pos.top + i == s->pos.selected;
        snprintf(line, sizeof line, "%s %s", sel ? ">" : " ", row);
        attrset(sel ? Term_attr(STYLE_SELECTED) : Term_attr(STYLE_NORMAL));
        Term_text_pad(b->y + 1 + i, b->x, line, b->w);
    }
    attrset(A_NORMAL);
    if (s->started && !s->pos.count)
        Term_text(b->y + 2, b->x + 2, "No contacts recorded with this customer.", b->w - 2);
    Term_hline(b->y + b->h - NOTE_ROWS - 1, b->x, b->w);
    const json_t *c = json_array_get(s->rows, (size_t)s->pos.selected);
    char note[600];
    snprintf(note, sizeof note, "Note: %s", c ? Jsonx_str(c, "note", "(none)") : "");
    Term_text_pad(b->y + b->h - NOTE_ROWS, b->x, s->note[0] ? s->note : note, b->w);
}

static void History_place_cursor(View *v, const Layout *l)
{
    HistoryState *s = v->st;
    move(l->body.y + 1 + s->pos.selected - s->pos.top, l->body.x);
}

const ViewOps view_history_ops = {
    .name = "history",
    .state_size = sizeof(HistoryState),
    .open = History_open,
    .close = History_close,
    .draw = History_draw,
    .context = History_context,
    .action = History_action,
    .on_response = History_on_response,
    .place_cursor = History_place_cursor,
    .title = History_title,
};
