/* view_mywork: what waits for me, one list: calls waiting (the server's,
 * GET /me/work calls, with the number once read by the screen pop), unread messages, cases handed to me, my
 * other open cases, call-backs for me or due in my teams. Enter opens
 * the item: a case its case view, a message its words (marked read), a
 * call-back as the queue does, a waiting call its screen pop. It reads
 * GET /me/work again when an event changes my work, never by a timer. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/cases/cases.h"
#include "client/core/app.h"
#include "client/core/term.h"
#include "client/core/view.h"
#include "client/mywork/mywork.h"
#include "client/screenpop/screenpop.h"
#include "common/jsonx.h"

enum { TAG_WORK = 1, TAG_MESSAGE, TAG_READ };

typedef struct MyWorkState {
    json_t *rows;       /* [{kind, id, what, detail, item}] in the order shown */
    ListPos pos;
    char note[400];
    ApiCall *call;
} MyWorkState;

static View *mywork_view;   /* the open view, for the live events */

static void MyWork_add(json_t *rows, const char *kind, const char *id, const char *what,
                       const char *detail, const json_t *item)
{
    json_array_append_new(rows, json_pack("{s:s, s:s, s:s, s:s, s:O?}", "kind", kind, "id", id, "what",
                                          what, "detail", detail, "item", (json_t *)item));
}

static void MyWork_add_cases(json_t *rows, const json_t *part, const json_t *skip, const char *what)
{
    size_t i, j;
    json_t *it, *other;
    json_array_foreach(json_object_get(part, "items"), i, it) {
        const char *ref = Jsonx_str(it, "ref", "");
        bool dup = false;
        json_array_foreach(json_object_get(skip, "items"), j, other)
            dup = dup || strcmp(ref, Jsonx_str(other, "ref", "")) == 0;
        if (dup)
            continue;
        char d[600];
        snprintf(d, sizeof d, "%s %s%s%s", ref, Jsonx_str(it, "summary", ""),
                 Jsonx_str(it, "assigned_by", NULL) ? " \u2014 from " : "", Jsonx_str(it, "assigned_by", ""));
        MyWork_add(rows, "case", ref, what, d, it);
    }
}

static void MyWork_add_calls(json_t *rows)
{
    for (size_t i = 0; i < ScreenPop_waiting_count(); i++) {
        const json_t *c = ScreenPop_waiting(i);
        const char *svc = Jsonx_str(json_object_get(c, "service"), "name", "");
        long w = (long)Jsonx_int(c, "queued_seconds", 0);
        char num[40], d[200];
        ScreenPop_number(c, num, sizeof num);
        if (ScreenPop_number_known(c))
            snprintf(d, sizeof d, "%s %s", num, svc);
        else   /* from GET /me/work: the number is read (audited) on Enter */
            snprintf(d, sizeof d, "%s%swaited %ld:%02ld, number on Enter", svc, svc[0] ? ", " : "", w / 60,
                     w % 60);
        MyWork_add(rows, "call", Jsonx_str(c, "id", ""), "Call waiting", d, c);
    }
}

static json_t *MyWork_rows(const json_t *work)
{
    json_t *rows = json_array(), *it;
    size_t i;
    MyWork_add_calls(rows);
    json_array_foreach(json_object_get(json_object_get(work, "messages"), "items"), i, it) {
        char d[400], when[64];
        json_t *from = json_object_get(it, "from");
        Cases_local_time(Jsonx_str(it, "created_at", ""), when, sizeof when);
        snprintf(d, sizeof d, "from %s, %s", Jsonx_str(from, "display_name", Jsonx_str(from, "username", "")),
                 when);
        MyWork_add(rows, "message", Jsonx_str(it, "id", ""), "Message", d, it);
    }
    MyWork_add_cases(rows, json_object_get(work, "handovers"), NULL, "Handed to you");
    MyWork_add_cases(rows, json_object_get(work, "cases"), json_object_get(work, "handovers"), "Case");
    json_array_foreach(json_object_get(json_object_get(work, "callbacks"), "items"), i, it) {
        char d[600], when[64];
        Cases_local_time(Jsonx_str(it, "due_at", ""), when, sizeof when);
        snprintf(d, sizeof d, "due %s: %s", when, Jsonx_str(it, "reason", ""));
        MyWork_add(rows, "callback", Jsonx_str(it, "id", ""), "Call-back", d, it);
    }
    return rows;
}

static void MyWork_fetch(View *v)
{
    MyWorkState *s = v->st;
    Api_cancel(s->call);
    s->call = ApiMe_work(View_to(v, TAG_WORK, "Reading my work"), false);
}

/* A live event changed my work: read it again while the view is open. */
static void MyWork_view_changed(void)
{
    if (mywork_view)
        MyWork_fetch(mywork_view);
}

static void MyWork_open(View *v, void *arg)
{
    MyWorkState *s = v->st;
    (void)arg;
    mywork_view = v;
    MyWork_on_change(MyWork_view_changed);
    snprintf(s->note, sizeof s->note, "Reading what waits for you\u2026");
    MyWork_fetch(v);
}

static void MyWork_close(View *v)
{
    MyWorkState *s = v->st;
    json_decref(s->rows);
    mywork_view = NULL;
    MyWork_on_change(NULL);
}

static void MyWork_work_in(View *v, const ApiResult *r)
{
    MyWorkState *s = v->st;
    s->call = NULL;
    if (r->status != 200 || !json_is_object(r->json)) {
        snprintf(s->note, sizeof s->note, "%s", r->message);
        return;
    }
    json_decref(s->rows);
    MyWork_take(r->json);   /* the counts and the waiting calls, from this one read */
    s->rows = MyWork_rows(r->json);
    s->pos.count = (int)json_array_size(s->rows);
    Layout_list_clamp(&s->pos);
    snprintf(s->note, sizeof s->note, "%s", s->pos.count ? "" : "Nothing waits for you.");
}

static void MyWork_on_response(View *v, int tag, const ApiResult *r)
{
    if (tag == TAG_WORK) {
        MyWork_work_in(v, r);
    } else if (tag == TAG_MESSAGE && r->status == 200) {
        MyWork_say_message(r->json);
        ApiMe_message_read(View_to(v, TAG_READ, "Marking the message read"), Jsonx_str(r->json, "id", ""));
    } else if (tag == TAG_READ && r->status == 204) {
        MyWork_fetch(v);
    } else if (r->status != 200 && r->status != 204) {
        App_error("%s", r->message);
    }
}

static void MyWork_enter(View *v)
{
    MyWorkState *s = v->st;
    json_t *row = json_array_get(s->rows, (size_t)s->pos.selected);
    const char *kind = Jsonx_str(row, "kind", ""), *id = Jsonx_str(row, "id", "");
    if (!row)
        return;
    if (strcmp(kind, "case") == 0)
        Cases_open(id);
    else if (strcmp(kind, "message") == 0)
        ApiMe_message(View_to(v, TAG_MESSAGE, "Reading the message"), id);
    else if (strcmp(kind, "callback") == 0)
        View_open(VIEW_CALLBACK_DONE, json_object_get(row, "item"));
    else if (strcmp(kind, "call") == 0)
        ScreenPop_pop_waiting(id);
}

static bool MyWork_view_action(View *v, Action a)
{
    MyWorkState *s = v->st;
    if (View_list_action(&s->pos, a))
        return true;
    switch (a) {
    case ACT_ENTER: MyWork_enter(v); return true;
    case ACT_REFRESH: MyWork_fetch(v); return true;
    case ACT_BACK: View_pop(); return true;
    default: return false;
    }
}

static void MyWork_draw(View *v, const Layout *l)
{
    MyWorkState *s = v->st;
    const Rect *b = &l->body;
    char line[1200];
    MyWork_text(line, sizeof line);
    attrset(Term_attr(STYLE_HEADING));
    Term_text_pad(b->y, b->x, line[0] ? line : "My work", b->w);
    attrset(A_NORMAL);
    int y = b->y + 2;
    s->pos.visible = b->h - 4;
    Layout_list_clamp(&s->pos);
    for (int i = 0; i < s->pos.visible && s->pos.top + i < s->pos.count; i++) {
        int idx = s->pos.top + i;
        json_t *row = json_array_get(s->rows, (size_t)idx);
        snprintf(line, sizeof line, " %-14s %s", Jsonx_str(row, "what", ""), Jsonx_str(row, "detail", ""));
        attrset(idx == s->pos.selected ? Term_attr(STYLE_SELECTED) : (int)A_NORMAL);
        Term_text_pad(y + i, b->x, line, b->w);
        attrset(A_NORMAL);
    }
    attrset(Term_attr(STYLE_DIM));
    Term_hint_pad(b->y + b->h - 1, b->x, s->note[0] ? s->note : "Enter opens the selected item; q goes back.",
                  b->w);
    attrset(A_NORMAL);
}

static const char *MyWork_title(View *v)
{
    (void)v;
    return "My work";
}

static Context MyWork_context(View *v)
{
    (void)v;
    return CTX_MYWORK;
}

const ViewOps view_mywork_ops = {
    .name = "my-work",
    .state_size = sizeof(MyWorkState),
    .open = MyWork_open,
    .close = MyWork_close,
    .draw = MyWork_draw,
    .context = MyWork_context,
    .action = MyWork_view_action,
    .on_response = MyWork_on_response,
    .title = MyWork_title,
    .flags = VIEW_FLAG_READING | VIEW_FLAG_BACK_POPS,
};
