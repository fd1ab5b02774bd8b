/* term: the terminal as it really is.
 *
 * Curses set-up (locale, keypad, no echo, non-blocking keys), colour only
 * when the terminal has it and NO_COLOR is unset, ASCII line drawing when
 * asked or when the locale is not UTF-8, live resize from SIGWINCH, and the
 * "too small" check. Colour only ever reinforces: every attribute that
 * carries meaning also has a word or symbol beside it. */
#ifndef FD_TERM_H
#define FD_TERM_H
#include <stdbool.h>
#include "client/core/config.h"

#define TERM_MIN_COLS 80
#define TERM_MIN_LINES 24

typedef enum TermStyle {
    STYLE_NORMAL,
    STYLE_TITLE,     /* the top bar */
    STYLE_STATUS,    /* the bottom bar */
    STYLE_SELECTED,  /* the selected list row */
    STYLE_ALERT,     /* flag banners: reverse + bold, red when colour is on */
    STYLE_ERROR,     /* error messages */
    STYLE_HEADING,   /* section headings and column headers */
    STYLE_DIM,       /* hints and placeholders */
    STYLE_FIELD,     /* an input field */
} TermStyle;

int Term_init(const Config *cfg);
void Term_end(void);
/* Re-reads the window size after SIGWINCH and tells curses. */
void Term_resize(void);
bool Term_too_small(void);
/* The whole-screen "Terminal too small: need 80x24, have WxH" notice. */
void Term_draw_too_small(void);
int Term_attr(TermStyle s);
bool Term_ascii(void);
void Term_toggle_ascii(void);
/* A horizontal rule (line drawing or '-'). */
void Term_hline(int y, int x, int width);
/* Writes UTF-8 text at y,x clipped to width columns; returns columns used.
 * Control characters are shown as '?', so data can never drive the terminal. */
int Term_text(int y, int x, const char *s, int width);
/* Same, padded with spaces to exactly width columns. */
void Term_text_pad(int y, int x, const char *s, int width);
/* A help or status line: Layout_hint's whole items, padded to width. */
void Term_hint_pad(int y, int x, const char *s, int width);

#endif
