/* reclines: see reclines.h. The lines are plain strings built ahead of
 * drawing, so a resize rebuilds them once rather than on every frame. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/core/reclines.h"

void Reclines_free(Reclines *r)
{
    for (size_t i = 0; i < r->nlines; i++)
        free(r->lines[i].text);
    free(r->lines);
    r->lines = NULL;
    r->nlines = r->cap = 0;
    for (size_t i = 0; i < r->nbanners; i++)
        free(r->banners[i]);
    free(r->banners);
    r->banners = NULL;
    r->nbanners = 0;
}

void Reclines_add(Reclines *r, const char *text, bool heading, TermStyle style, bool bold)
{
    if (r->nlines == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 128;
        ReclinesLine *n = realloc(r->lines, cap * sizeof *n);
        if (!n)
            return;   /* out of memory: the screen is short, not wrong */
        r->lines = n;
        r->cap = cap;
    }
    r->lines[r->nlines++] = (ReclinesLine){strdup(text), heading, style, bold};
}

bool Reclines_banners_alloc(Reclines *r, size_t n)
{
    r->banners = calloc(n ? n : 1, sizeof *r->banners);
    return r->banners != NULL;
}

int Reclines_banner_rows(const Reclines *r)
{
    int n = (int)r->nbanners;
    return n > RECLINES_MAX_BANNERS ? RECLINES_MAX_BANNERS + 1 : n;
}

int Reclines_draw_banners(const Reclines *r, const Rect *b, const char *more)
{
    int y = b->y;
    attrset(Term_attr(STYLE_ALERT));
    for (size_t i = 0; i < r->nbanners && i < RECLINES_MAX_BANNERS; i++)   /* cut with "…", at a word */
        Term_hint_pad(y++, b->x, r->banners[i], b->w);
    if (r->nbanners > RECLINES_MAX_BANNERS)
        Term_text_pad(y++, b->x, more, b->w);
    attrset(A_NORMAL);
    return y;
}

void Reclines_draw(Reclines *r, int y0, int visible, const Rect *b)
{
    r->top = Layout_scroll_clamp(r->top, (int)r->nlines, visible);
    for (int i = 0; i < visible && r->top + i < (int)r->nlines; i++) {
        const ReclinesLine *ln = &r->lines[r->top + i];
        int y = y0 + i;
        if (ln->heading) {
            attrset(Term_attr(STYLE_HEADING));
            int used = Term_text(y, b->x, ln->text, b->w);
            attrset(A_NORMAL);
            Term_hline(y, b->x + used + 1, b->w - used - 1);
            continue;
        }
        attrset(Term_attr(ln->style) | (ln->bold ? A_BOLD : 0));
        Term_text(y, b->x, ln->text, b->w);
        attrset(A_NORMAL);
    }
}

bool Reclines_scroll(Reclines *r, Action a, int visible)
{
    int page = visible > 1 ? visible - 1 : 1;   /* one line of overlap */
    switch (a) {
    case ACT_SCROLL_UP: case ACT_MOVE_UP: r->top--; break;
    case ACT_SCROLL_DOWN: case ACT_MOVE_DOWN: r->top++; break;
    case ACT_PAGE_UP: r->top -= page; break;
    case ACT_PAGE_DOWN: r->top += page; break;
    case ACT_FIRST: r->top = 0; break;
    case ACT_LAST: r->top = (int)r->nlines; break;
    default: return false;
    }
    r->top = Layout_scroll_clamp(r->top, (int)r->nlines, visible);
    return true;
}
