/* layout: the arithmetic of the client's screen, with no curses calls, so
 * every size from 80x24 to 250x80 can be unit tested.
 *
 * Widths are terminal columns (UTF-8 display width), never bytes. */
#ifndef FD_LAYOUT_H
#define FD_LAYOUT_H
#include <stdbool.h>
#include <stddef.h>

#define LAYOUT_MIN_COLS 80
#define LAYOUT_MIN_ROWS 24
#define LAYOUT_SPLIT_COLS 120   /* two panes from this width */

typedef struct Rect { int y, x, h, w; } Rect;

/* Top to bottom: title bar (1 row), body, status line, message/prompt line.
 * When split, body is divided into left and right panes with a one-column
 * divider between them; otherwise left == body and right is empty. */
typedef struct Layout {
    int rows, cols;
    bool too_small;
    char message[160];      /* what to show instead when too_small */
    Rect title, body, status, message_line;
    bool split;
    Rect left, right;
} Layout;

void Layout_compute(Layout *l, int rows, int cols, bool allow_split);

/* A list column: width > 0 is fixed; otherwise at least min and a share
 * of the spare room in proportion to weight. */
typedef enum Align { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTER } Align;
typedef struct ColumnSpec { int width, min, weight; } ColumnSpec;

/* Fits n columns, gap columns apart, into total. When they cannot all fit,
 * columns are dropped from the right (width 0) until the rest do. Returns
 * the number of columns shown; widths[] gets each width. */
int Layout_columns(const ColumnSpec *specs, size_t n, int total, int gap, int *widths);

/* A help, status or warning line in width columns: whole when it fits,
 * otherwise cut at the last item boundary ("  ", "; ", " | ", ", ") that
 * fits, else at a space, with " …" (the F1 help or the record has the
 * rest), padded to width. Cuts inside a word only when one word is wider
 * than the line. */
size_t Layout_hint(const char *s, int width, bool ascii, char *out, size_t cap);

/* A question and its answer on one line of width columns, question, sep,
 * answer: the question gives way first (cut with "…"), the answer keeps up
 * to half the line, since the answer is what was said. */
size_t Layout_qa(const char *question, const char *sep, const char *answer, int width, bool ascii,
                 char *out, size_t cap);

/* s cut to width display columns (with "…", or "~" when ascii, where cut)
 * and padded with spaces per align to exactly width. Returns bytes
 * written (always NUL-terminated when cap > 0). */
size_t Layout_fit(const char *s, int width, Align align, bool ascii, char *out, size_t cap);

/* A list's scroll state: count rows, visible of them on screen from top,
 * selected highlighted. All functions keep 0 <= selected < count (or 0
 * when empty) and the selection on screen. */
typedef struct ListPos { int count, visible, top, selected; } ListPos;
void Layout_list_clamp(ListPos *p);
void Layout_list_move(ListPos *p, int delta);
/* pages > 0 down, < 0 up: the view scrolls by whole screens and the
 * selection moves with it, as in less and tig. */
void Layout_list_page(ListPos *p, int pages);
void Layout_list_goto(ListPos *p, int index);
/* True when the selection is within margin rows of the last loaded row:
 * time to fetch the next page of results. */
bool Layout_list_near_end(const ListPos *p, int margin);

/* Word wrap for the record view: up to max lines of at most width columns,
 * breaking at spaces, splitting a word longer than a line. starts[i] and
 * lens[i] are byte ranges into text. Returns the number of lines needed
 * (which may exceed max; only max are stored). Empty text is one line. */
int Layout_wrap(const char *text, int width, size_t *starts, size_t *lens, int max);
/* The top line of a scrolled view of content lines, visible at a time. */
int Layout_scroll_clamp(int top, int content, int visible);
/* A row of n tabs of widths[] in total columns: the first tab to draw so
 * that the selected one is whole on screen, starting from first (the
 * previous answer, so the row does not jump while the selection moves
 * within it). */
int Layout_tabs_first(const int *widths, int n, int selected, int first, int total);

#endif
