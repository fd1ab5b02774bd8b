/* view_search: one search box (readline) over a results list that pages
 * with next_cursor as the selection nears the end of what is loaded. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "client/api/lib.h"
#include "client/cases/cases.h"
#include "client/core/app.h"
#include "client/contact/contact.h"
#include "client/core/loop.h"
#include "client/core/prompt.h"
#include "client/core/term.h"
#include "client/core/view.h"
#include "common/jsonx.h"
#include "common/buf.h"
#include "common/text.h"

enum { TAG_SEARCH = 1, TAG_MORE };
enum { SEARCH_GAP = 2, LIST_TOP = 4, MAX_COLS = 16 };

typedef struct SearchState {
    Prompt *box;
    bool list_focus;
    /* The box still shows the search just sent, untouched: the next name
     * typed replaces it, and its results may take the focus. */
    bool sent;
    /* Every row loaded so far, each kept as its compact JSON text: a
     * parsed jansson object costs about 1.5 KB a row, the text a fifth of
     * that, and only the rows on screen are ever parsed again. */
    char **rows;
    size_t nrows, cap;
    char *next_cursor;      /* NULL when the server has no more */
    char *query;            /* the search the rows belong to */
    ListPos pos;
    ApiCall *search_call, *more_call;
    char note[320];         /* under the list: counts, "no match", errors */
    int widths[MAX_COLS];
    int ncols;
    int box_cursor_x;
} SearchState;

static Prompt *search_box;  /* kept for the whole run: its history lives on */

static void Search_clear_rows(SearchState *s)
{
    for (size_t i = 0; i < s->nrows; i++)
        free(s->rows[i]);
    s->nrows = 0;
}

static void Search_add_rows(SearchState *s, const json_t *items)
{
    size_t i;
    const json_t *item;
    json_array_foreach(items, i, item) {
        if (s->nrows == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 256;
            char **r = realloc(s->rows, cap * sizeof *r);
            if (!r)
                return;
            s->rows = r;
            s->cap = cap;
        }
        char *text = json_dumps(item, JSON_COMPACT);
        if (text)
            s->rows[s->nrows++] = text;
    }
}

/* The row parsed again, for drawing or opening; the caller decrefs. */
static json_t *Search_row(const SearchState *s, int index)
{
    if (index < 0 || (size_t)index >= s->nrows)
        return NULL;
    return json_loads(s->rows[index], 0, NULL);
}

static void Search_run(View *v);

/* arg: a search to run at once (a caller's number, the screen pop), or NULL. */
static void Search_open(View *v, void *arg)
{
    SearchState *s = v->st;
    if (!search_box)
        search_box = Prompt_new("search", app.cfg.state_dir, app.cfg.history_size);
    s->box = search_box;
    Prompt_set_text(s->box, "");
    Prompt_focus(s->box);
    snprintf(s->note, sizeof s->note, "Type a name, postcode, phone number, e-mail or reference, then press Enter.");
    if (arg && ((const char *)arg)[0]) {
        Prompt_set_text(s->box, arg);
        Search_run(v);
    }
}

static void Search_close(View *v)
{
    SearchState *s = v->st;
    Prompt_blur(s->box);
    Search_clear_rows(s);
    free(s->rows);
    free(s->next_cursor);
    free(s->query);
}

static const char *Search_title(View *v)
{
    (void)v;
    return "Customer search";
}

static Context Search_context(View *v)
{
    SearchState *s = v->st;
    return s->list_focus ? CTX_SEARCH : CTX_PROMPT;
}

static void Search_focus_list(SearchState *s, bool list)
{
    if (!list)
        s->sent = false;   /* the advisor goes to the box to edit the query */
    s->list_focus = list && s->nrows > 0;
    if (s->list_focus)
        Prompt_blur(s->box);
    else
        Prompt_focus(s->box);
}

static void Search_fetch(View *v, const char *query, const char *cursor, int tag)
{
    SearchState *s = v->st;
    ApiCall *call = ApiCustomers_search(View_to(v, tag, tag == TAG_SEARCH ? "Searching" : "Loading more results"),
                                        query, app.cfg.page_size > 0 ? app.cfg.page_size : 50, cursor);
    if (tag == TAG_SEARCH)
        s->search_call = call;
    else
        s->more_call = call;
}

static void Search_run(View *v)
{
    SearchState *s = v->st;
    char *line = Prompt_accept(s->box);
    if (!line)
        return;
    if (!line[0]) {
        snprintf(s->note, sizeof s->note, "Type a name, postcode, phone number, e-mail or reference first.");
        free(line);
        return;
    }
    /* A new search replaces whatever the last one was still doing. */
    Api_cancel(s->search_call);
    Api_cancel(s->more_call);
    s->search_call = s->more_call = NULL;
    free(s->query);
    s->query = line;
    s->sent = true;
    snprintf(s->note, sizeof s->note, "Searching\u2026");
    Search_fetch(v, line, NULL, TAG_SEARCH);
    /* A case reference opens the case itself (anonymous ones too); the
     * search behind it finds the customer it belongs to. */
    if (Cases_is_ref(line))
        Cases_open(line);
}

/* Fetch the next page before the advisor reaches the end, so moving
 * through a long list never stops at a gap. */
static void Search_maybe_more(View *v)
{
    SearchState *s = v->st;
    if (s->next_cursor && !s->more_call && !s->search_call &&
        Layout_list_near_end(&s->pos, s->pos.visible > 0 ? s->pos.visible : 10))
        Search_fetch(v, s->query, s->next_cursor, TAG_MORE);
}

/* The box no longer says what the rows were found for: the advisor typed
 * over them. The list then stands only for the last search, and Enter on
 * it searches again rather than opening a row that may not match. */
static bool Search_stale(const SearchState *s)
{
    const char *typed = Prompt_text(s->box);
    return s->query && s->nrows > 0 && typed && typed[0] && strcmp(typed, s->query) != 0;
}

static void Search_open_selected(SearchState *s)
{
    json_t *item = Search_row(s, s->pos.selected);
    const char *id = Jsonx_str(item, "id", NULL);
    if (id)
        View_open(VIEW_CUSTOMER, (void *)id);
    json_decref(item);
}

static bool Search_list_action(View *v, Action a)
{
    SearchState *s = v->st;
    if (View_list_action(&s->pos, a)) {
        Search_maybe_more(v);
        return true;
    }
    switch (a) {
    case ACT_ENTER:
        if (Search_stale(s))
            Search_run(v);
        else
            Search_open_selected(s);
        return true;
    case ACT_START_CONTACT: {
        json_t *item = Search_row(s, s->pos.selected);
        Contact_start_for(item);
        json_decref(item);
        return true;
    }
    case ACT_MORE_RESULTS:
        if (s->next_cursor && !s->more_call)
            Search_fetch(v, s->query, s->next_cursor, TAG_MORE);
        else if (!s->next_cursor)
            App_message("All results are loaded.");
        return true;
    default: return false;
    }
}

static bool Search_action(View *v, Action a)
{
    SearchState *s = v->st;
    switch (a) {
    case ACT_SEARCH:
        Search_focus_list(s, false);
        return true;
    case ACT_NEXT_FIELD:
    case ACT_PREVIOUS_FIELD:
        Search_focus_list(s, !s->list_focus);
        return true;
    case ACT_REFRESH:
        if (s->query)
            Search_fetch(v, s->query, NULL, TAG_SEARCH);
        return true;
    case ACT_ENTER:
        if (!s->list_focus) {
            Search_run(v);
            return true;
        }
        break;
    default:
        break;
    }
    return s->list_focus ? Search_list_action(v, a) : false;
}

static void Search_key(View *v, int key)
{
    SearchState *s = v->st;
    /* A name or reference typed over the list, or over the search just
     * sent, is the next search: the keymap never makes these keys commands
     * over the list (Context_types_over). Any other key edits the query. */
    if ((s->list_focus || s->sent) && Keymap_is_typed_key(key)) {
        Search_focus_list(s, false);
        Prompt_set_text(s->box, "");
    }
    s->sent = false;
    if (!s->list_focus)
        Prompt_key(s->box, key);
}

static void Search_set_cursor(SearchState *s, const json_t *json)
{
    free(s->next_cursor);
    const char *c = Jsonx_str(json, "next_cursor", NULL);
    s->next_cursor = c && c[0] ? strdup(c) : NULL;
}

static void Search_note_counts(SearchState *s)
{
    size_t n = s->nrows;
    if (n == 0)
        snprintf(s->note, sizeof s->note, "No customers match \u201c%s\u201d. Check the spelling, or try a postcode or phone number.", s->query);
    else
        snprintf(s->note, sizeof s->note, "%zu customer%s loaded%s. Enter opens the record.", n,
                 n == 1 ? "" : "s", s->next_cursor ? ", more follow as you move down" : "");
}

static void Search_on_response(View *v, int tag, const ApiResult *r)
{
    SearchState *s = v->st;
    if (tag == TAG_SEARCH)
        s->search_call = NULL;
    else
        s->more_call = NULL;
    if (r->status != 200 || !json_is_array(json_object_get(r->json, "items"))) {
        snprintf(s->note, sizeof s->note, "%s", r->status == -1 ? "Search cancelled." :
                 r->status == 200 ? "The server's answer was not understood." : r->message);
        return;
    }
    json_t *items = json_object_get(r->json, "items");
    if (tag == TAG_SEARCH) {
        Search_clear_rows(s);
        s->pos.top = s->pos.selected = 0;
    }
    Search_add_rows(s, items);
    s->pos.count = (int)s->nrows;
    Layout_list_clamp(&s->pos);
    Search_set_cursor(s, r->json);
    Search_note_counts(s);
    /* The list takes the focus only when nothing was typed since Enter:
     * the next name, typed ahead while this search ran, stays in the box. */
    if (tag == TAG_SEARCH && s->sent)
        Search_focus_list(s, true);
    else
        Search_maybe_more(v);
}

static void Search_draw_header(SearchState *s, const Rect *b)
{
    const Screen *sc = app.search_screen;
    ColumnSpec specs[MAX_COLS] = {{0, 0, 0}};
    size_t n = sc->ncolumns < MAX_COLS ? sc->ncolumns : MAX_COLS;
    for (size_t i = 0; i < n; i++)
        specs[i] = sc->columns[i].col;
    s->ncols = (int)n;
    Layout_columns(specs, n, b->w - 2, SEARCH_GAP, s->widths);
    attrset(Term_attr(STYLE_HEADING));
    int x = b->x + 2;
    for (size_t i = 0; i < n; i++) {
        if (!s->widths[i])
            continue;
        char cell[256];
        Layout_fit(sc->columns[i].label, s->widths[i], sc->columns[i].align, Term_ascii(), cell, sizeof cell);
        Term_text(b->y + LIST_TOP - 2, x, cell, s->widths[i]);
        x += s->widths[i] + SEARCH_GAP;
    }
    attrset(A_NORMAL);
    Term_hline(b->y + LIST_TOP - 1, b->x, b->w);
}

static void Search_draw_row(SearchState *s, int row, int y, const Rect *b)
{
    const Screen *sc = app.search_screen;
    json_t *item = Search_row(s, row);
    bool sel = row == s->pos.selected;
    int base = sel ? Term_attr(STYLE_SELECTED) : Term_attr(STYLE_NORMAL);
    attrset(base);
    Term_text_pad(y, b->x, sel ? ">" : " ", b->w);
    int x = b->x + 2;
    for (int i = 0; i < s->ncols; i++) {
        if (!s->widths[i])
            continue;
        const ScreenField *f = &sc->columns[i];
        char value[512], cell[512];
        Screen_format_field(sc, f, item, false, value, sizeof value);
        Layout_fit(value, s->widths[i], f->align, Term_ascii(), cell, sizeof cell);
        int attr = base | (f->emphasis == EMPH_STRONG ? A_BOLD : 0);
        if (f->emphasis == EMPH_ALERT && value[0])
            attr = sel ? base | (int)A_BOLD : Term_attr(STYLE_ALERT);
        attrset(attr);
        Term_text(y, x, cell, s->widths[i]);
        x += s->widths[i] + SEARCH_GAP;
    }
    attrset(A_NORMAL);
    json_decref(item);
}

/* The second pane on a wide terminal: every column of the selected row,
 * one per line, so nothing cut short in the list is lost. */
static void Search_draw_preview(SearchState *s, const Rect *r)
{
    const Screen *sc = app.search_screen;
    json_t *item = Search_row(s, s->pos.selected);
    if (!item)
        return;
    attrset(Term_attr(STYLE_HEADING));
    Term_text(r->y + LIST_TOP - 2, r->x + 1, "Selected", r->w - 1);
    attrset(A_NORMAL);
    for (size_t i = 0; i < sc->ncolumns && (int)i < r->h - LIST_TOP; i++) {
        const ScreenField *f = &sc->columns[i];
        char value[512], line[700];
        Screen_format_field(sc, f, item, false, value, sizeof value);
        snprintf(line, sizeof line, "%-10s %s", f->label, value);
        bool alert = f->emphasis == EMPH_ALERT && value[0];
        attrset(alert ? Term_attr(STYLE_ALERT) : Term_attr(STYLE_NORMAL));
        Term_text(r->y + LIST_TOP + (int)i, r->x + 1, line, r->w - 1);
    }
    attrset(A_NORMAL);
    json_decref(item);
}

static const Rect *Search_list_rect(const Layout *l)
{
    return l->split ? &l->left : &l->body;
}

/* Rows of results: on one pane, a row is kept for the selected line's
 * cut-short columns in full. */
static int Search_list_rows(const Layout *l)
{
    return Search_list_rect(l)->h - LIST_TOP - 1 - (l->split ? 0 : 1);
}

/* On a narrow terminal: what the selected row lost to its column widths
 * (the rest of an address, a dropped column), in full, on one line. */
static void Search_draw_selected_line(SearchState *s, const Rect *b, int y)
{
    const Screen *sc = app.search_screen;
    json_t *item = Search_row(s, s->pos.selected);
    if (!item)
        return;
    Buf line = BUF_INIT;
    for (int i = 0; i < s->ncols; i++) {
        const ScreenField *f = &sc->columns[i];
        char value[512];
        Screen_format_field(sc, f, item, false, value, sizeof value);
        if (value[0] && (!s->widths[i] || (int)Text_display_width(value) > s->widths[i]))
            Buf_printf(&line, "%s%s: %s", line.len ? " \u00b7 " : "  ", f->label, value);
    }
    attrset(Term_attr(STYLE_NORMAL));
    Term_text_pad(y, b->x, line.data ? line.data : "", b->w);
    Buf_free(&line);
    json_decref(item);
}

/* Under the list: its counts, or, when the box was typed over, whose
 * results these are, loud enough not to be taken for the new words'. */
static void Search_draw_note(const SearchState *s, const Rect *body)
{
    char stale[sizeof s->note];
    bool old = Search_stale(s);
    if (old)
        snprintf(stale, sizeof stale, "Results for \u201c%s\u201d \u2014 Enter searches for \u201c%s\u201d.",
                 s->query, Prompt_text(s->box));
    attrset(old ? Term_attr(STYLE_ALERT) : Term_attr(STYLE_DIM));
    Term_text_pad(body->y + body->h - 1, body->x, old ? stale : s->note, body->w);
    attrset(A_NORMAL);
}

static void Search_draw(View *v, const Layout *l)
{
    SearchState *s = v->st;
    const Rect *body = &l->body, *b = Search_list_rect(l);
    Term_text(body->y, body->x, "Find a customer:", 17);
    s->box_cursor_x = Prompt_draw(s->box, body->y, body->x + 18, body->w - 19);
    s->pos.visible = Search_list_rows(l);
    s->pos.count = (int)s->nrows;
    Layout_list_clamp(&s->pos);
    Search_draw_header(s, b);
    for (int i = 0; i < s->pos.visible && s->pos.top + i < s->pos.count; i++)
        Search_draw_row(s, s->pos.top + i, b->y + LIST_TOP + i, b);
    if (l->split) {
        mvvline(l->right.y + LIST_TOP - 2, l->right.x - 1, Term_ascii() ? '|' : ACS_VLINE,
                l->right.h - LIST_TOP + 1);
        Search_draw_preview(s, &l->right);
    } else if (s->pos.count > 0) {
        Search_draw_selected_line(s, b, b->y + LIST_TOP + s->pos.visible);
    }
    Search_draw_note(s, body);
}

static void Search_place_cursor(View *v, const Layout *l)
{
    SearchState *s = v->st;
    const Rect *b = Search_list_rect(l);
    if (s->list_focus) {
        move(b->y + LIST_TOP + s->pos.selected - s->pos.top, b->x);
    } else {
        move(b->y, s->box_cursor_x);
    }
}

static void Search_resize(View *v, const Layout *l)
{
    SearchState *s = v->st;
    s->pos.visible = Search_list_rows(l);
    Layout_list_clamp(&s->pos);
}

const ViewOps view_search_ops = {
    .name = "search",
    .state_size = sizeof(SearchState),
    .open = Search_open,
    .close = Search_close,
    .draw = Search_draw,
    .context = Search_context,
    .action = Search_action,
    .key = Search_key,
    .on_response = Search_on_response,
    .resize = Search_resize,
    .place_cursor = Search_place_cursor,
    .title = Search_title,
    .flags = VIEW_FLAG_HOME | VIEW_FLAG_READING | VIEW_FLAG_STARTS_TRIAGE,
};
