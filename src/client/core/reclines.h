/* reclines: the lines of a record screen (a customer, a case) built once
 * per width, with warning banners pinned above the part that scrolls.
 * One module so both screens scroll, pin and draw their warnings alike. */
#ifndef FD_RECLINES_H
#define FD_RECLINES_H

#include <stdbool.h>
#include <stddef.h>

#include "client/core/actions.h"
#include "client/core/layout.h"
#include "client/core/term.h"

/* Four pinned lines: at 80x24 a vulnerable, no-e-mail repeat caller whose
 * identity is not yet checked still sees every warning without scrolling. */
enum { RECLINES_MAX_BANNERS = 4 };

typedef struct ReclinesLine {
    char *text;
    bool heading;          /* drawn in the heading style, ruled to the edge */
    TermStyle style;
    bool bold;
} ReclinesLine;

typedef struct Reclines {
    ReclinesLine *lines;
    size_t nlines, cap;
    char **banners;        /* "!! ..." warnings, owned */
    size_t nbanners;
    int top;
    int width;             /* the width the lines were built for */
} Reclines;

void Reclines_free(Reclines *r);
void Reclines_add(Reclines *r, const char *text, bool heading, TermStyle style, bool bold);
/* Room for n banners more; false when there is none. */
bool Reclines_banners_alloc(Reclines *r, size_t n);
int Reclines_banner_rows(const Reclines *r);
/* The pinned banners from the top of b; more is the line for those left
 * out. Returns the row below the last one drawn. */
int Reclines_draw_banners(const Reclines *r, const Rect *b, const char *more);
void Reclines_draw(Reclines *r, int y0, int visible, const Rect *b);
/* A scrolling action moves the lines; false for any other action. */
bool Reclines_scroll(Reclines *r, Action a, int visible);

#endif
