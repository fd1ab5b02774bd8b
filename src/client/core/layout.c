#include "client/core/layout.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "common/text.h"

void Layout_compute(Layout *l, int rows, int cols, bool allow_split)
{
    memset(l, 0, sizeof *l);
    l->rows = rows;
    l->cols = cols;
    if (rows < LAYOUT_MIN_ROWS || cols < LAYOUT_MIN_COLS) {
        l->too_small = true;
        snprintf(l->message, sizeof l->message,
                 "Terminal too small (%dx%d). Frontdoor needs at least %dx%d: "
                 "make the window larger.", cols, rows, LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
        return;
    }
    l->title = (Rect){0, 0, 1, cols};
    l->body = (Rect){1, 0, rows - 3, cols};
    l->status = (Rect){rows - 2, 0, 1, cols};
    l->message_line = (Rect){rows - 1, 0, 1, cols};
    l->left = l->body;
    if (allow_split && cols >= LAYOUT_SPLIT_COLS) {
        int lw = (cols - 1) / 2;
        l->split = true;
        l->left.w = lw;
        l->right = (Rect){l->body.y, lw + 1, l->body.h, cols - lw - 1};
    }
}

static int need_width(const ColumnSpec *c)
{
    return c->width > 0 ? c->width : c->min;
}

int Layout_columns(const ColumnSpec *specs, size_t n, int total, int gap, int *widths)
{
    size_t k = n;
    long need = 0;
    for (;;) {
        need = k ? (long)gap * (long)(k - 1) : 0;
        for (size_t i = 0; i < k; i++)
            need += need_width(&specs[i]);
        if (need <= total || k <= 1)
            break;
        k--;
    }
    long spare = total > need ? total - need : 0, weights = 0;
    for (size_t i = 0; i < n; i++) {
        widths[i] = i < k ? need_width(&specs[i]) : 0;
        if (i < k && specs[i].width <= 0)
            weights += specs[i].weight;
    }
    if (k == 1 && need > total)
        widths[0] = total > 0 ? total : 0;
    long given = 0, last = -1;
    for (size_t i = 0; i < k && weights > 0; i++) {
        if (specs[i].width > 0 || specs[i].weight <= 0)
            continue;
        long extra = spare * specs[i].weight / weights;
        widths[i] += (int)extra;
        given += extra;
        last = (long)i;
    }
    /* Rounding leftovers go to the last flexible column, so the row is
     * exactly as wide as the terminal and nothing is left ragged. */
    if (last >= 0)
        widths[last] += (int)(spare - given);
    return (int)k;
}

/* One code point's display width; control characters are shown as '?'
 * (width 1) so text from the server can never move the cursor. */
static int cp_width(unsigned cp)
{
    if (cp < 32 || (cp >= 0x7f && cp < 0xa0))
        return 1;
    int w = wcwidth((wchar_t)cp);
    return w < 0 ? 1 : w;
}

static size_t put_bytes(char *out, size_t cap, size_t len, const char *s, size_t n)
{
    if (len + n >= cap)
        return len;
    memcpy(out + len, s, n);
    out[len + n] = '\0';
    return len + n;
}

static size_t put_spaces(char *out, size_t cap, size_t len, int n)
{
    while (n-- > 0)
        len = put_bytes(out, cap, len, " ", 1);
    return len;
}

/* How many bytes of s fit in limit columns, and their width. */
static size_t fit_prefix(const char *s, int limit, int *used)
{
    size_t i = 0, n;
    unsigned cp;
    *used = 0;
    while ((n = Text_utf8_next(s + i, &cp)) > 0) {
        int w = cp_width(cp);
        if (*used + w > limit)
            break;
        *used += w;
        i += n;
    }
    return i;
}

static size_t put_safe(char *out, size_t cap, size_t len, const char *s, size_t bytes)
{
    size_t i = 0, n;
    unsigned cp;
    while (i < bytes && (n = Text_utf8_next(s + i, &cp)) > 0) {
        bool control = cp < 32 || (cp >= 0x7f && cp < 0xa0) || cp == 0xFFFD;
        len = control ? put_bytes(out, cap, len, "?", 1) : put_bytes(out, cap, len, s + i, n);
        i += n;
    }
    return len;
}

size_t Layout_fit(const char *s, int width, Align align, bool ascii, char *out, size_t cap)
{
    if (cap == 0)
        return 0;
    out[0] = '\0';
    if (width <= 0)
        return 0;
    int used, full;
    fit_prefix(s, 1 << 30, &full);
    bool cut = full > width;
    size_t bytes = fit_prefix(s, cut ? width - 1 : width, &used);
    int room = width - used - (cut ? 1 : 0);
    int before = align == ALIGN_RIGHT ? room : align == ALIGN_CENTER ? room / 2 : 0;
    size_t len = put_spaces(out, cap, 0, before);
    len = put_safe(out, cap, len, s, bytes);
    if (cut)
        len = ascii ? put_bytes(out, cap, len, "~", 1) : put_bytes(out, cap, len, "\u2026", 3);
    return put_spaces(out, cap, len, room - before);
}

void Layout_list_clamp(ListPos *p)
{
    if (p->visible < 1)
        p->visible = 1;
    if (p->count <= 0) {
        p->count = 0;
        p->top = p->selected = 0;
        return;
    }
    if (p->selected < 0)
        p->selected = 0;
    if (p->selected >= p->count)
        p->selected = p->count - 1;
    int max_top = p->count > p->visible ? p->count - p->visible : 0;
    if (p->top > max_top)
        p->top = max_top;
    if (p->top < 0)
        p->top = 0;
    if (p->selected < p->top)
        p->top = p->selected;
    if (p->selected >= p->top + p->visible)
        p->top = p->selected - p->visible + 1;
}

static int add_clamped(int a, long long b)
{
    long long r = (long long)a + b;
    return r > 1 << 30 ? 1 << 30 : r < -(1 << 30) ? -(1 << 30) : (int)r;
}

void Layout_list_move(ListPos *p, int delta)
{
    p->selected = add_clamped(p->selected, delta);
    Layout_list_clamp(p);
}

void Layout_list_page(ListPos *p, int pages)
{
    int visible = p->visible < 1 ? 1 : p->visible;
    long long step = (long long)pages * visible;
    p->top = add_clamped(p->top, step);
    p->selected = add_clamped(p->selected, step);
    Layout_list_clamp(p);
}

void Layout_list_goto(ListPos *p, int index)
{
    p->selected = index;
    Layout_list_clamp(p);
}

bool Layout_list_near_end(const ListPos *p, int margin)
{
    return p->count > 0 && p->selected >= p->count - 1 - margin;
}

static int emit_line(size_t *starts, size_t *lens, int max, int nlines, size_t start, size_t end)
{
    if (nlines < max) {
        starts[nlines] = start;
        lens[nlines] = end - start;
    }
    return nlines + 1;
}

int Layout_wrap(const char *text, int width, size_t *starts, size_t *lens, int max)
{
    if (width < 1)
        width = 1;
    int nlines = 0;
    size_t pos = 0;
    for (;;) {
        size_t start = pos, i = pos, last_space = 0, n;
        bool have_space = false;
        int w = 0;
        unsigned cp;
        while (text[i] && text[i] != '\n' && (n = Text_utf8_next(text + i, &cp)) > 0) {
            int cw = cp_width(cp);
            if (cp == ' ') {   /* before the width check: a space may end a full line */
                last_space = i;
                have_space = true;
            }
            if (w + cw > width)
                break;
            w += cw;
            i += n;
        }
        if (!text[i] || text[i] == '\n') {
            nlines = emit_line(starts, lens, max, nlines, start, i);
            if (!text[i])
                return nlines;
            pos = i + 1;
            continue;
        }
        if (have_space && last_space > start) {
            nlines = emit_line(starts, lens, max, nlines, start, last_space);
            pos = last_space + 1;
        } else {
            /* One word wider than the line (or one wide character wider
             * than a 1-column line): split it, always making progress. */
            if (i == start)
                i += Text_utf8_next(text + i, &cp);
            nlines = emit_line(starts, lens, max, nlines, start, i);
            pos = i;
        }
        while (text[pos] == ' ')
            pos++;
        if (!text[pos])
            return nlines;
    }
}

int Layout_scroll_clamp(int top, int content, int visible)
{
    int max_top = content > visible ? content - visible : 0;
    return top < 0 ? 0 : top > max_top ? max_top : top;
}

int Layout_tabs_first(const int *widths, int n, int selected, int first, int total)
{
    if (selected < 0 || selected >= n)
        return 0;
    if (first > selected || first < 0)
        first = selected;
    for (;;) {
        int used = 0;
        for (int i = first; i <= selected; i++)
            used += widths[i];
        if (used <= total || first == selected)
            return first;
        first++;
    }
}

/* The last item boundary ("  ", "; ", " | ", ", ") at or before byte
 * limit, else the last space: where a hint can be cut without cutting a
 * key from its words. */
static size_t hint_boundary(const char *s, size_t limit)
{
    static const char *const seps[] = {"  ", "; ", " | ", ", "};
    size_t best = 0;
    size_t word = 0;
    for (size_t i = 1; i <= limit && s[i]; i++) {
        for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++)
            if (strncmp(s + i, seps[k], strlen(seps[k])) == 0)
                best = i;
        if (s[i] == ' ')
            word = i;
    }
    return best ? best : word;   /* no item boundary: at least a whole word */
}

size_t Layout_hint(const char *s, int width, bool ascii, char *out, size_t cap)
{
    int full;
    fit_prefix(s, 1 << 30, &full);
    if (full <= width || cap == 0)
        return Layout_fit(s, width, ALIGN_LEFT, ascii, out, cap);
    const char *more = ascii ? " ..." : " \u2026";
    int used;
    size_t bytes = fit_prefix(s, width - (ascii ? 4 : 2), &used);
    size_t cut = hint_boundary(s, bytes);
    if (cut == 0)   /* one long item: cut it, as Layout_fit does */
        return Layout_fit(s, width, ALIGN_LEFT, ascii, out, cap);
    size_t len = put_safe(out, cap, 0, s, cut);
    len = put_bytes(out, cap, len, more, strlen(more));
    fit_prefix(out, 1 << 30, &used);
    return put_spaces(out, cap, len, width - used);
}

size_t Layout_qa(const char *question, const char *sep, const char *answer, int width, bool ascii,
                 char *out, size_t cap)
{
    char a[600], q[1200];
    int sw = (int)Text_display_width(sep);
    int room = width - sw, aw = (int)Text_display_width(answer);
    if (aw > room / 2)
        aw = room / 2;
    Layout_fit(answer, aw, ALIGN_LEFT, ascii, a, sizeof a);
    int qw = (int)Text_display_width(question);
    Layout_fit(question, qw < room - aw ? qw : room - aw, ALIGN_LEFT, ascii, q, sizeof q);
    return (size_t)snprintf(out, cap, "%s%s%s", q, sep, a);
}
