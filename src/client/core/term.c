#include "client/core/term.h"

#include <curses.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "client/core/layout.h"
#include "common/text.h"

static bool use_color;
static bool use_ascii;
static bool locale_utf8;

enum { PAIR_ALERT = 1, PAIR_TITLE, PAIR_ERROR, PAIR_SELECTED };

static bool Term_want_color(const Config *cfg)
{
    if (cfg->color == TRI_NO)
        return false;
    /* https://no-color.org: any non-empty value turns colour off. */
    const char *nc = getenv("NO_COLOR");
    if (nc && nc[0] && cfg->color != TRI_YES)
        return false;
    return has_colors();
}

static void Term_init_color(void)
{
    start_color();
    use_default_colors();
    init_pair(PAIR_ALERT, COLOR_WHITE, COLOR_RED);
    init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
    init_pair(PAIR_ERROR, COLOR_RED, -1);
    init_pair(PAIR_SELECTED, COLOR_BLACK, COLOR_CYAN);
}

int Term_init(const Config *cfg)
{
    const char *cs = nl_langinfo(CODESET);
    locale_utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
    use_ascii = cfg->ascii_lines == TRI_YES || (cfg->ascii_lines == TRI_AUTO && !locale_utf8);
    if (!initscr())
        return -1;
    raw();          /* ^C, ^Z, ^S reach the keymap; SIGINT still quits cleanly via the loop */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    intrflush(stdscr, FALSE);
    meta(stdscr, TRUE);
    set_escdelay(25);
    use_color = Term_want_color(cfg);
    if (use_color)
        Term_init_color();
    curs_set(1);
    return 0;
}

void Term_end(void)
{
    if (!isendwin())
        endwin();
}

void Term_resize(void)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
        resizeterm(ws.ws_row, ws.ws_col);
}

bool Term_too_small(void)
{
    return COLS < TERM_MIN_COLS || LINES < TERM_MIN_LINES;
}

void Term_draw_too_small(void)
{
    char msg[96];
    erase();
    snprintf(msg, sizeof msg, "Terminal too small: need %dx%d, have %dx%d", TERM_MIN_COLS,
             TERM_MIN_LINES, COLS, LINES);
    const char *hint = "Make the window larger, or press q to quit.";
    int y = LINES / 2 - 1;
    Term_text(y < 0 ? 0 : y, 0, msg, COLS);
    if (y + 1 < LINES)
        Term_text(y + 1, 0, hint, COLS);
    move(0, 0);
}

int Term_attr(TermStyle s)
{
    switch (s) {
    case STYLE_TITLE:
    case STYLE_STATUS:
        return A_REVERSE | (use_color ? (int)COLOR_PAIR(PAIR_TITLE) : 0);
    case STYLE_SELECTED:
        return A_REVERSE | (use_color ? (int)COLOR_PAIR(PAIR_SELECTED) : 0);
    case STYLE_ALERT:
        return A_REVERSE | A_BOLD | (use_color ? (int)COLOR_PAIR(PAIR_ALERT) : 0);
    case STYLE_ERROR:
        return A_BOLD | (use_color ? (int)COLOR_PAIR(PAIR_ERROR) : 0);
    case STYLE_HEADING:
        return A_BOLD;
    case STYLE_DIM:
        return use_color ? A_DIM : A_NORMAL;
    case STYLE_FIELD:
        return A_UNDERLINE;
    case STYLE_NORMAL:
        break;
    }
    return A_NORMAL;
}

bool Term_ascii(void)
{
    return use_ascii;
}

void Term_toggle_ascii(void)
{
    use_ascii = !use_ascii;
}

void Term_hline(int y, int x, int width)
{
    if (width <= 0)
        return;
    if (use_ascii)
        mvhline(y, x, '-', width);
    else
        mvhline(y, x, ACS_HLINE, width);
}

/* One code point's columns; control characters become '?' (1 column). */
static int Term_cp_width(unsigned cp)
{
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
        return 1;
    int w = wcwidth((wchar_t)cp);
    return w < 0 ? 1 : w;
}

static void Term_put_cp(unsigned cp)
{
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
        addch('?');
    } else if (cp < 0x80) {
        addch((chtype)cp);
    } else if (!locale_utf8) {
        /* A non-UTF-8 terminal cannot show it; a placeholder keeps columns true. */
        addch('?');
    } else {
        wchar_t w[2] = {(wchar_t)cp, 0};
        addnwstr(w, 1);
    }
}

int Term_text(int y, int x, const char *s, int width)
{
    if (!s || width <= 0 || y < 0 || y >= LINES)
        return 0;
    move(y, x);
    int used = 0;
    unsigned cp;
    size_t n;
    while ((n = Text_utf8_next(s, &cp)) > 0) {
        int w = locale_utf8 ? Term_cp_width(cp) : 1;
        if (w == 0 && used > 0) {
            Term_put_cp(cp); /* a combining mark joins the previous cell */
            s += n;
            continue;
        }
        if (used + w > width)
            break;
        Term_put_cp(cp);
        used += w;
        s += n;
    }
    return used;
}

void Term_hint_pad(int y, int x, const char *s, int width)
{
    char fit[2048];
    Layout_hint(s, width, Term_ascii(), fit, sizeof fit);
    Term_text_pad(y, x, fit, width);
}

void Term_text_pad(int y, int x, const char *s, int width)
{
    int used = Term_text(y, x, s, width);
    /* addch (not hline) so the current attributes cover the padding too. */
    move(y, x + used);
    for (; used < width; used++)
        addch(' ');
}
