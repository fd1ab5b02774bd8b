/* view_outbox: what is waiting to be sent and what the server refused.
 *
 * A refused record is never dropped by the client: the advisor corrects
 * it and sends it again, or discards it after confirming. Customer
 * changes open their own form (or the conflict view for a 412); any other
 * kind is corrected here, field by field, on the record's own JSON. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/core/app.h"
#include "client/core/ask.h"
#include "client/core/field.h"
#include "client/outbox/outbox.h"
#include "client/core/term.h"
#include "client/core/view.h"
#include "common/jsonx.h"
#include "common/text.h"

enum { DETAIL_ROWS = 7 };

typedef struct OutboxView {
    ListPos pos;
    /* editing one entry's body, field by field */
    char editing[OUTBOX_ID_LEN];
    json_t *body;
    ListPos fpos;
    bool typing;
    Field field;
} OutboxView;

static const char *Ob_state_word(const OutboxEntry *e)
{
    switch (e->state) {
    case OUTBOX_SENDING: return "sending";
    case OUTBOX_ATTENTION: return "NEEDS ATTENTION";
    default: return e->attempts ? "waiting to retry" : "waiting";
    }
}

static void Ob_open(View *v, void *arg)
{
    (void)v; (void)arg;
    Outbox_retry_now();
}

static void Ob_close(View *v)
{
    OutboxView *s = v->st;
    json_decref(s->body);
}

static const char *Ob_title(View *v)
{
    OutboxView *s = v->st;
    return s->body ? "Outbox: correct a record" : "Outbox: records not yet on the server";
}

static Context Ob_context(View *v)
{
    OutboxView *s = v->st;
    return s->typing ? CTX_FORM : CTX_OUTBOX;
}

static const OutboxEntry *Ob_selected(OutboxView *s)
{
    return Outbox_entry((size_t)s->pos.selected);
}

/* ---- the generic editor ------------------------------------------------------ */

static const char *Ob_field_key(OutboxView *s, int i)
{
    int n = 0;
    const char *key;
    json_t *val;
    json_object_foreach(s->body, key, val) {
        if (n++ == i)
            return key;
    }
    return NULL;
}

static void Ob_edit(OutboxView *s, const OutboxEntry *e)
{
    snprintf(s->editing, sizeof s->editing, "%s", e->id);
    json_decref(s->body);
    s->body = e->body ? json_deep_copy(e->body) : json_object();
    s->fpos = (ListPos){(int)json_object_size(s->body), 0, 0, 0};
    s->typing = false;
}

static void Ob_edit_field(OutboxView *s)
{
    const char *key = Ob_field_key(s, s->fpos.selected);
    json_t *val = key ? json_object_get(s->body, key) : NULL;
    if (json_is_boolean(val)) {
        json_object_set_new(s->body, key, json_boolean(!json_is_true(val)));
        return;
    }
    if (val && !json_is_string(val) && !json_is_null(val)) {
        App_message("Only text and yes/no fields can be changed here.");
        return;
    }
    Field_init(&s->field, false);
    Field_set(&s->field, json_string_value(val) ? json_string_value(val) : "");
    s->typing = true;
}

static void Ob_resubmit_edit(OutboxView *s)
{
    if (Outbox_resubmit(s->editing, s->body, NULL) < 0) {
        App_error("That record can no longer be changed (it may have been sent).");
    } else {
        App_message("Sent again with your corrections.");
    }
    json_decref(s->body);
    s->body = NULL;
    s->editing[0] = '\0';
}

/* ---- actions ------------------------------------------------------------------ */

static void Ob_discard_answer(void *data, int key)
{
    char *id = data;
    if (key == 'y') {
        if (Outbox_discard(id) == 0)
            App_message("The record was discarded.");
        else
            App_error("The record could not be discarded: it is being sent.");
    }
    free(id);
}

static void Ob_discard(const OutboxEntry *e)
{
    char q[400];
    snprintf(q, sizeof q, "Discard \u201c%s\u201d? It will never reach the server. y/n", e->label);
    Ask(q, "yn", 0, Ob_discard_answer, strdup(e->id));
}

static void Ob_correct(OutboxView *s, const OutboxEntry *e)
{
    if (e->state != OUTBOX_ATTENTION) {
        App_message("This record has not been refused: it will be sent as it is.");
        return;
    }
    if (strcmp(e->kind, "customer.update") == 0 && e->last_status == 412)
        View_open(VIEW_CONFLICT, (void *)e->id);
    else if (strcmp(e->kind, "customer.create") == 0)
        View_open(VIEW_CUSTOMER_NEW, (void *)e->id);
    else
        Ob_edit(s, e);
}

static bool Ob_edit_action(OutboxView *s, Action a)
{
    if (s->typing) {
        if (a == ACT_ENTER || a == ACT_SUBMIT) {
            json_object_set_new(s->body, Ob_field_key(s, s->fpos.selected), json_string(s->field.text));
            s->typing = false;
        } else if (a == ACT_CANCEL) {
            s->typing = false;
        }
        return a != ACT_QUIT && a != ACT_VIEW_HELP;
    }
    switch (a) {
    case ACT_MOVE_UP: Layout_list_move(&s->fpos, -1); return true;
    case ACT_MOVE_DOWN: Layout_list_move(&s->fpos, 1); return true;
    case ACT_ENTER: case ACT_RESUBMIT: Ob_edit_field(s); return true;
    case ACT_SUBMIT: Ob_resubmit_edit(s); return true;
    case ACT_CANCEL: case ACT_BACK:
        json_decref(s->body);
        s->body = NULL;
        return true;
    default: return false;
    }
}

static bool Ob_action(View *v, Action a)
{
    OutboxView *s = v->st;
    if (s->body)
        return Ob_edit_action(s, a);
    const OutboxEntry *e = Ob_selected(s);
    switch (a) {
    case ACT_MOVE_UP: Layout_list_move(&s->pos, -1); return true;
    case ACT_MOVE_DOWN: Layout_list_move(&s->pos, 1); return true;
    case ACT_FIRST: Layout_list_goto(&s->pos, 0); return true;
    case ACT_LAST: Layout_list_goto(&s->pos, s->pos.count - 1); return true;
    case ACT_ENTER: case ACT_RESUBMIT: case ACT_SUBMIT:
        if (e)
            Ob_correct(s, e);
        return true;
    case ACT_DISCARD:
        if (e)
            Ob_discard(e);
        return true;
    case ACT_RETRY_NOW:
        Outbox_retry_now();
        App_message("Trying now.");
        return true;
    case ACT_BACK: case ACT_CANCEL:
        View_pop();
        return true;
    default:
        return false;
    }
}

static void Ob_key(View *v, int key)
{
    OutboxView *s = v->st;
    if (s->typing)
        Field_key(&s->field, key);
}

/* ---- drawing ------------------------------------------------------------------ */

static void Ob_draw_problem(const OutboxEntry *e, const Rect *b, int y, int rows)
{
    if (!e || e->state != OUTBOX_ATTENTION) {
        attrset(Term_attr(STYLE_DIM));
        Term_text(y, b->x + 2, e ? "Sent automatically when the server answers. r tries now." : "", b->w - 2);
        attrset(A_NORMAL);
        return;
    }
    char text[700], line[700];
    snprintf(text, sizeof text, "The server refused it (HTTP %ld): %s", e->last_status,
             Jsonx_str(e->problem, "detail", Jsonx_str(e->problem, "title", "")));
    /* Every word of the reason: it says who may do it instead. */
    size_t starts[4], lens[4];
    int n = Layout_wrap(text, b->w, starts, lens, 4);
    attrset(Term_attr(STYLE_ERROR));
    int used = 0;
    for (; used < n && used < 4 && used < rows - 2; used++) {
        snprintf(line, sizeof line, "%.*s", (int)lens[used], text + starts[used]);
        Term_text_pad(y++, b->x, line, b->w);
    }
    attrset(A_NORMAL);
    size_t i;
    json_t *err;
    json_array_foreach(json_object_get(e->problem, "errors"), i, err) {
        if ((int)i >= rows - 1 - used)
            break;
        snprintf(line, sizeof line, "  %s: %s", Jsonx_str(err, "field", "?"), Jsonx_str(err, "message", ""));
        Term_text_pad(y++, b->x, line, b->w);
    }
    Term_text_pad(y, b->x, "  e or Enter: correct and send again    d: discard (asks first)", b->w);
}

static void Ob_draw_list(OutboxView *s, const Rect *b)
{
    int rows = b->h - DETAIL_ROWS - 2;
    s->pos.count = (int)Outbox_count();
    s->pos.visible = rows;
    Layout_list_clamp(&s->pos);
    if (!s->pos.count)
        Term_text(b->y + 1, b->x + 2, "Nothing waiting: everything you recorded is on the server.", b->w - 2);
    for (int i = 0; i < rows && s->pos.top + i < s->pos.count; i++) {
        const OutboxEntry *e = Outbox_entry((size_t)(s->pos.top + i));
        bool sel = s->pos.top + i == s->pos.selected;
        char line[600];
        snprintf(line, sizeof line, "%s %-17s %-34s %s  tries %d", sel ? ">" : " ", Ob_state_word(e),
                 e->label, e->created_at, e->attempts);
        attrset(sel ? Term_attr(STYLE_SELECTED) : e->state == OUTBOX_ATTENTION ? Term_attr(STYLE_ALERT)
                                                                                : Term_attr(STYLE_NORMAL));
        Term_text_pad(b->y + 1 + i, b->x, line, b->w);
    }
    attrset(A_NORMAL);
    Term_hline(b->y + b->h - DETAIL_ROWS - 1, b->x, b->w);
    Ob_draw_problem(Ob_selected(s), b, b->y + b->h - DETAIL_ROWS, DETAIL_ROWS);
}

static void Ob_draw_edit(OutboxView *s, const Rect *b)
{
    const char *key;
    json_t *val;
    int i = 0;
    Term_text(b->y, b->x, "  Enter changes the selected field; F2 sends the record again; Esc leaves it as it was.", b->w);
    json_object_foreach(s->body, key, val) {
        if (i >= b->h - 3)
            break;
        char text[300] = "", line[600];
        if (json_is_string(val))
            snprintf(text, sizeof text, "%s", json_string_value(val));
        else if (json_is_boolean(val))
            snprintf(text, sizeof text, "%s", json_is_true(val) ? "yes" : "no");
        else
            snprintf(text, sizeof text, "(%s)", json_is_null(val) ? "empty" : "not editable here");
        bool sel = i == s->fpos.selected;
        snprintf(line, sizeof line, "%s %-20s %s", sel ? ">" : " ", key, text);
        attrset(sel ? Term_attr(STYLE_SELECTED) : Term_attr(STYLE_NORMAL));
        Term_text_pad(b->y + 2 + i, b->x, line, b->w);
        i++;
    }
    attrset(A_NORMAL);
    if (s->typing) {
        Term_text(b->y + b->h - 1, b->x, "New value:", 11);
        Field_draw(&s->field, b->y + b->h - 1, b->x + 12, b->w - 13);
    }
}

static void Ob_draw(View *v, const Layout *l)
{
    OutboxView *s = v->st;
    if (s->body)
        Ob_draw_edit(s, &l->body);
    else
        Ob_draw_list(s, &l->body);
}

static void Ob_place_cursor(View *v, const Layout *l)
{
    OutboxView *s = v->st;
    const Rect *b = &l->body;
    if (s->body && s->typing)
        move(b->y + b->h - 1, Field_draw(&s->field, b->y + b->h - 1, b->x + 12, b->w - 13));
    else if (s->body)
        move(b->y + 2 + s->fpos.selected, b->x);
    else
        move(b->y + 1 + s->pos.selected - s->pos.top, b->x);
}

const ViewOps view_outbox_ops = {
    .name = "outbox",
    .state_size = sizeof(OutboxView),
    .open = Ob_open,
    .close = Ob_close,
    .draw = Ob_draw,
    .context = Ob_context,
    .action = Ob_action,
    .key = Ob_key,
    .place_cursor = Ob_place_cursor,
    .title = Ob_title,
};
