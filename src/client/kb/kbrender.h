/* kbrender: a knowledge-base article's lightweight Markdown laid out as
 * terminal lines, with no curses calls, so it can be unit tested.
 *
 * Understood: "# " and "## " headings, paragraphs (lines joined until a
 * blank line), "- " / "* " bullets and "1. " numbered items (continuation
 * lines indented under the text), **bold**, [text](kb:article-id) and
 * [text](https://...) links. Anything else is shown as written.
 *
 * Nothing relies on attributes alone (monochrome terminals, screen
 * readers): an article link reads "[text]", a web link "text <url>" so the
 * address can be read out, and a heading is followed by a rule. */
#ifndef FD_KBRENDER_H
#define FD_KBRENDER_H
#include <stdbool.h>
#include <stddef.h>

typedef enum KbLineStyle {
    KBL_TEXT,
    KBL_H1,      /* the article title */
    KBL_H2,      /* a section heading */
    KBL_RULE,    /* the line under a heading */
} KbLineStyle;

enum { KBS_BOLD = 1, KBS_LINK = 2 };

/* A run of bytes [start, start+len) of a line's text with a style; link is
 * the index into KbDoc.links, or -1. */
typedef struct KbSpan {
    size_t start, len;
    unsigned style;
    int link;
} KbSpan;

typedef struct KbLine {
    char *text;
    KbLineStyle style;
    KbSpan *spans;
    size_t nspans;
} KbLine;

typedef struct KbLink {
    char *text;
    char *target;    /* the article id for kb links, else the address */
    bool kb;         /* kb:article-id: followed inside the client */
    size_t line;     /* first line the link is on */
} KbLink;

typedef struct KbDoc {
    KbLine *lines;
    size_t nlines;
    KbLink *links;
    size_t nlinks;
    int width;
} KbDoc;

/* Lays markdown out in width columns (at least 10); ascii picks "*" and
 * "-" over "•" and "─". NULL only when memory runs out. */
KbDoc *Kbrender(const char *markdown, int width, bool ascii);
void KbDoc_free(KbDoc *d);

/* The next (dir > 0) or previous link after from (-1: none yet), wrapping
 * round; -1 when there are no links. */
int KbDoc_next_link(const KbDoc *d, int from, int dir);

#endif
