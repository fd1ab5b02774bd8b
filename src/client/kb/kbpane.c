/* kbpane: the knowledge-base pane (search as you type, the articles
 * found, the article pager) and the KB view that shows it full screen.
 *
 * Typing restarts a short timer; the search goes out when the advisor
 * pauses, and a newer search cancels an older one, so a slow server never
 * holds up typing and an old answer never overwrites a newer one. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/core/app.h"
#include "client/contact/contact.h"
#include "client/kb/kbpane.h"
#include "client/core/loop.h"
#include "client/core/prompt.h"
#include "client/core/term.h"
#include "client/triage/view_reason.h"
#include "client/core/view.h"
#include "common/jsonx.h"

/* The `knowledge-base` action outside a triage: the KB view, the pane
 * full screen. */
static void KbPane_open_view(View *from);

enum { KB_DEBOUNCE_MS = 250, KB_LIMIT = 30, KB_HISTORY = 16 };
enum { PT_SEARCH, PT_ARTICLE };

struct KbPane {
    View *owner;
    int tag_base;
    bool offline;
    char service[64];
    Prompt *box;
    bool focused, list_focus, reading;
    json_t *items;
    ListPos pos;
    char query[256];            /* the search the list belongs to (or is for) */
    bool searched;
    unsigned timer;
    ApiCall *search_call, *article_call;
    char note[320];
    Article *article;
    char *history[KB_HISTORY];  /* articles to go back to */
    int nhistory;
};

static Prompt *kb_box;  /* one for the run: its history lives on */

KbPane *KbPane_new(View *owner, int tag_base, const char *service, bool offline)
{
    KbPane *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->owner = owner;
    p->tag_base = tag_base;
    p->offline = offline;
    snprintf(p->service, sizeof p->service, "%s", service ? service : "");
    if (!kb_box)
        kb_box = Prompt_new("kb", app.cfg.state_dir, app.cfg.history_size);
    p->box = kb_box;
    Prompt_set_text(p->box, "");
    p->article = Article_new();
    snprintf(p->note, sizeof p->note, "%s", offline ?
             "The knowledge base needs the server: not available when trying a script." :
             "Type to search the knowledge base; Enter goes to the list.");
    return p;
}

static void KbPane_clear_history(KbPane *p)
{
    for (int i = 0; i < p->nhistory; i++)
        free(p->history[i]);
    p->nhistory = 0;
}

void KbPane_free(KbPane *p)
{
    if (!p)
        return;
    if (p->timer)
        Loop_timer_cancel(p->timer);
    Api_cancel(p->search_call);
    Api_cancel(p->article_call);
    Prompt_blur(p->box);
    json_decref(p->items);
    Article_free(p->article);
    KbPane_clear_history(p);
    free(p);
}

static void KbPane_search(KbPane *p, const char *text)
{
    if (p->offline)
        return;
    if (!text[0] && !p->service[0])
        return;
    snprintf(p->query, sizeof p->query, "%s", text);
    p->searched = true;
    Api_cancel(p->search_call);
    p->search_call = ApiContent_kb_search(View_to(p->owner, p->tag_base + PT_SEARCH, "Searching the knowledge base"),
                                          text, p->service, KB_LIMIT);
}

static void KbPane_fire(void *data)
{
    KbPane *p = data;
    p->timer = 0;
    const char *text = Prompt_text(p->box);
    if (!p->searched || strcmp(text, p->query) != 0)
        KbPane_search(p, text);
}

static void KbPane_debounce(KbPane *p)
{
    if (p->timer)
        Loop_timer_cancel(p->timer);
    p->timer = Loop_timer_add(KB_DEBOUNCE_MS, KbPane_fire, p);
}

void KbPane_focus(KbPane *p, bool on)
{
    p->focused = on;
    if (on && !p->reading && !p->list_focus)
        Prompt_focus(p->box);
    else
        Prompt_blur(p->box);
    /* The service's own articles, before anything is typed. */
    if (on && !p->searched && p->service[0])
        KbPane_search(p, "");
}

static void KbPane_fetch_article(KbPane *p, const char *id)
{
    if (p->offline)
        return;
    Api_cancel(p->article_call);
    p->article_call = ApiContent_kb_article(View_to(p->owner, p->tag_base + PT_ARTICLE, "Opening the article"), id);
}

void KbPane_open_article(KbPane *p, const char *id)
{
    if (p->offline) {
        App_message("Article %s: the knowledge base needs the server.", id);
        return;
    }
    KbPane_clear_history(p);
    KbPane_fetch_article(p, id);
}

void KbPane_in_triage(KbPane *p)
{
    Article_offer_triage(p->article, false);
}

static const char *KbPane_article_service(const KbPane *p)
{
    return p->reading ? Article_first_service(p->article) : NULL;
}

Context KbPane_context(const KbPane *p)
{
    if (p->reading)
        return CTX_KB;
    return p->list_focus ? CTX_KB_LIST : CTX_PROMPT;
}

static void KbPane_list_focus(KbPane *p, bool list)
{
    p->list_focus = list && json_array_size(p->items) > 0;
    KbPane_focus(p, p->focused);
}

static void KbPane_follow(KbPane *p, const char *id)
{
    const char *cur = Article_id(p->article);
    if (cur && p->nhistory < KB_HISTORY)
        p->history[p->nhistory++] = strdup(cur);
    KbPane_fetch_article(p, id);
}

static bool KbPane_article_action(KbPane *p, Action a)
{
    const char *follow = NULL;
    switch (Article_action(p->article, a, &follow)) {
    case ARTICLE_FOLLOW: KbPane_follow(p, follow); return true;
    case ARTICLE_HANDLED: return true;
    case ARTICLE_UNHANDLED: break;
    }
    if (a != ACT_BACK)
        return false;
    if (p->nhistory > 0) {
        char *id = p->history[--p->nhistory];
        KbPane_fetch_article(p, id);
        free(id);
    } else {
        /* Back to the list it came from; with no list, the owner's turn. */
        p->reading = false;
        p->list_focus = json_array_size(p->items) > 0;
        KbPane_focus(p, p->focused);
        return p->list_focus;
    }
    return true;
}

static void KbPane_open_selected(KbPane *p)
{
    const char *id = Jsonx_str(json_array_get(p->items, (size_t)p->pos.selected), "id", NULL);
    if (id) {
        KbPane_clear_history(p);
        KbPane_fetch_article(p, id);
    }
}

static bool KbPane_list_action(KbPane *p, Action a)
{
    switch (a) {
    case ACT_MOVE_UP:
        if (p->pos.selected == 0)
            KbPane_list_focus(p, false);
        else
            Layout_list_move(&p->pos, -1);
        return true;
    case ACT_ENTER: KbPane_open_selected(p); return true;
    default: return View_list_action(&p->pos, a);
    }
}

/* The list on show is the answer to what is in the box: nothing typed
 * since, nothing on its way. */
static bool KbPane_results_current(const KbPane *p)
{
    return !p->timer && !p->search_call && p->searched && json_array_size(p->items) > 0 &&
           strcmp(Prompt_text(p->box), p->query) == 0;
}

static bool KbPane_box_action(KbPane *p, Action a)
{
    switch (a) {
    case ACT_ENTER:
        /* One Enter reads the article marked at the top of the results. */
        if (KbPane_results_current(p)) {
            KbPane_open_selected(p);
            return true;
        }
        if (p->timer)
            Loop_timer_cancel(p->timer);
        p->timer = 0;
        KbPane_fire(p);
        KbPane_list_focus(p, true);
        return true;
    case ACT_CANCEL:
        if (!Prompt_text(p->box)[0])
            return false;
        Prompt_set_text(p->box, "");
        KbPane_debounce(p);
        return true;
    default:
        return false;
    }
}

bool KbPane_action(KbPane *p, Action a)
{
    if (p->reading)
        return KbPane_article_action(p, a);
    return p->list_focus ? KbPane_list_action(p, a) : KbPane_box_action(p, a);
}

void KbPane_key(KbPane *p, int key)
{
    if (p->reading)
        return;
    if (p->list_focus && Keymap_is_typed_key(key)) {
        KbPane_list_focus(p, false);
        Prompt_set_text(p->box, "");
    }
    if (!p->list_focus && Prompt_focused(p->box)) {
        Prompt_key(p->box, key);
        KbPane_debounce(p);
    }
}

static void KbPane_results(KbPane *p, const ApiResult *r)
{
    p->search_call = NULL;
    json_t *items = json_object_get(r->json, "items");
    if (r->status != 200 || !json_is_array(items)) {
        snprintf(p->note, sizeof p->note, "%s", r->status == -1 ? "Search cancelled." : r->message);
        return;
    }
    json_decref(p->items);
    p->items = json_incref(items);
    p->pos.count = (int)json_array_size(items);
    p->pos.top = p->pos.selected = 0;
    Layout_list_clamp(&p->pos);
    size_t n = json_array_size(items);
    if (n == 0)
        snprintf(p->note, sizeof p->note, "No articles match \u201c%s\u201d.", p->query);
    else
        snprintf(p->note, sizeof p->note, "%zu article%s%s%s. Enter reads the one marked >.", n,
                 n == 1 ? "" : "s", p->query[0] ? " found" : " for this service", "");
}

bool KbPane_on_response(KbPane *p, int tag, const ApiResult *r)
{
    if (tag == p->tag_base + PT_SEARCH) {
        KbPane_results(p, r);
        return true;
    }
    if (tag != p->tag_base + PT_ARTICLE)
        return false;
    p->article_call = NULL;
    if (r->status != 200 || !json_is_object(r->json)) {
        App_error("%s", r->status == 404 ? "That article is no longer in the knowledge base." :
                  r->status == -1 ? "Cancelled." : r->message);
        return true;
    }
    Article_set(p->article, r->json);
    Contact_article_read(Article_id(p->article));   /* with no contact, nothing */
    p->reading = true;
    KbPane_focus(p, p->focused);
    return true;
}

/* A search snippet as plain words: the Markdown marks and line breaks of
 * the article body are dropped, a link keeps its text. */
static void KbPane_clean_snippet(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    bool space = true;
    for (const char *p = in; *p && n + 1 < cap; p++) {
        if (*p == '*' || *p == '#' || *p == '[' || *p == ']')
            continue;
        if (*p == '(' && p > in && p[-1] == ']') {
            const char *close = strchr(p, ')');
            if (close) {
                p = close;
                continue;
            }
        }
        bool blank = *p == '\n' || *p == '\r' || *p == '\t' || *p == ' ';
        if (blank && space)
            continue;
        out[n++] = blank ? ' ' : *p;
        space = blank;
    }
    out[n] = '\0';
}

static void KbPane_draw_list(KbPane *p, const Rect *r, int y0, int rows)
{
    p->pos.visible = rows;
    p->pos.count = (int)json_array_size(p->items);
    Layout_list_clamp(&p->pos);
    for (int i = 0; i < rows && p->pos.top + i < p->pos.count; i++) {
        int row = p->pos.top + i;
        const json_t *it = json_array_get(p->items, (size_t)row);
        bool sel = row == p->pos.selected && (p->list_focus || KbPane_results_current(p));
        char line[1024];
        snprintf(line, sizeof line, "%s %s", sel ? ">" : " ", Jsonx_str(it, "title", ""));
        attrset(sel ? Term_attr(STYLE_SELECTED) : Term_attr(STYLE_NORMAL) | (int)A_BOLD);
        Term_text_pad(y0 + 2 * i, r->x, line, r->w);
        char snippet[800];
        KbPane_clean_snippet(Jsonx_str(it, "snippet", ""), snippet, sizeof snippet);
        snprintf(line, sizeof line, "    %s", snippet);
        attrset(Term_attr(STYLE_DIM));
        Term_text_pad(y0 + 2 * i + 1, r->x, line, r->w);
    }
    attrset(A_NORMAL);
}

void KbPane_draw(KbPane *p, const Rect *r, bool focused)
{
    if (p->reading) {
        Article_draw(p->article, r, focused);
        return;
    }
    attrset(focused ? Term_attr(STYLE_HEADING) : Term_attr(STYLE_DIM));
    Term_text(r->y, r->x, "Knowledge base:", 16);
    attrset(A_NORMAL);
    Prompt_draw(p->box, r->y, r->x + 17, r->w - 18);
    Term_hline(r->y + 1, r->x, r->w);
    int rows = (r->h - 3) / 2;
    KbPane_draw_list(p, r, r->y + 2, rows > 0 ? rows : 0);
    attrset(Term_attr(STYLE_DIM));
    Term_text_pad(r->y + r->h - 1, r->x, p->note, r->w);
    attrset(A_NORMAL);
}

void KbPane_place_cursor(const KbPane *p, const Rect *r)
{
    if (p->reading) {
        Article_place_cursor(p->article, r);
    } else if (p->list_focus) {
        move(r->y + 2 + 2 * (p->pos.selected - p->pos.top), r->x);
    } else {
        move(r->y, Prompt_draw(p->box, r->y, r->x + 17, r->w - 18));
    }
}

/* ---- the KB view: the pane, full screen ----------------------------------- */

enum { KBV_TAGS = 10 };

typedef struct KbViewState {
    KbPane *pane;
    Prompt *was_focused;     /* the box below had the keyboard: give it back */
} KbViewState;

static void KbView_open(View *v, void *arg)
{
    KbViewState *s = v->st;
    (void)arg;
    s->was_focused = Prompt_current();
    s->pane = KbPane_new(v, KBV_TAGS, NULL, false);
    if (s->pane)
        KbPane_focus(s->pane, true);
}

static void KbView_close(View *v)
{
    KbViewState *s = v->st;
    KbPane_free(s->pane);
    if (s->was_focused)
        Prompt_focus(s->was_focused);
}

static const char *KbView_title(View *v)
{
    (void)v;
    return "Knowledge base";
}

static Context KbView_context(View *v)
{
    KbViewState *s = v->st;
    return s->pane ? KbPane_context(s->pane) : CTX_KB;
}

static bool KbView_action(View *v, Action a)
{
    KbViewState *s = v->st;
    if (!s->pane)
        return false;
    if (KbPane_action(s->pane, a))
        return true;
    if (a == ACT_BACK || a == ACT_KNOWLEDGE_BASE) {
        View_pop();
        return true;
    }
    if (a == ACT_TRIAGE && KbPane_article_service(s->pane)) {
        char svc[64];
        snprintf(svc, sizeof svc, "%s", KbPane_article_service(s->pane));
        View_pop();
        ViewReason_start(View_top(), svc);
        return true;
    }
    return false;
}

static void KbView_key(View *v, int key)
{
    KbViewState *s = v->st;
    if (s->pane)
        KbPane_key(s->pane, key);
}

static void KbView_on_response(View *v, int tag, const ApiResult *r)
{
    KbViewState *s = v->st;
    if (s->pane)
        KbPane_on_response(s->pane, tag, r);
}

static void KbView_draw(View *v, const Layout *l)
{
    KbViewState *s = v->st;
    if (s->pane)
        KbPane_draw(s->pane, &l->body, true);
}

static void KbView_place_cursor(View *v, const Layout *l)
{
    KbViewState *s = v->st;
    if (s->pane)
        KbPane_place_cursor(s->pane, &l->body);
}

const ViewOps view_kb_ops = {
    .name = "kb",
    .state_size = sizeof(KbViewState),
    .open = KbView_open,
    .close = KbView_close,
    .draw = KbView_draw,
    .context = KbView_context,
    .action = KbView_action,
    .key = KbView_key,
    .on_response = KbView_on_response,
    .place_cursor = KbView_place_cursor,
    .title = KbView_title,
    .flags = VIEW_FLAG_NO_KB,
};

bool KbPane_global_action(View *top, Action a)
{
    if (a != ACT_KNOWLEDGE_BASE)
        return false;
    if (top && !View_has(top, VIEW_FLAG_NO_KB))
        KbPane_open_view(top);
    return true;
}

static void KbPane_open_view(View *from)
{
    (void)from;
    if (!app.session.active)
        return;
    View_open(VIEW_KB, NULL);
}
