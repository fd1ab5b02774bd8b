#include "client/kb/kbrender.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/core/layout.h"
#include "common/buf.h"
#include "common/text.h"

/* A paragraph being built: its text and, per byte, style bits in the low
 * byte and (link index + 1) above them. */
typedef struct Rich {
    Buf text;
    unsigned *attr;
    size_t cap;
} Rich;

typedef struct Builder {
    KbDoc *doc;
    size_t lcap, kcap;
    bool ascii;
    bool failed;
} Builder;

static void Rich_put(Rich *r, const char *s, size_t n, unsigned attr)
{
    size_t need = r->text.len + n;
    if (need > r->cap) {
        size_t cap = r->cap ? r->cap : 256;
        while (cap < need)
            cap *= 2;
        unsigned *a = realloc(r->attr, cap * sizeof *a);
        if (!a)
            return;
        r->attr = a;
        r->cap = cap;
    }
    size_t at = r->text.len;
    if (Buf_append(&r->text, s, n) < 0)
        return;
    for (size_t i = 0; i < n; i++)
        r->attr[at + i] = attr;
}

static void Rich_free(Rich *r)
{
    Buf_free(&r->text);
    free(r->attr);
    memset(r, 0, sizeof *r);
}

static int Builder_link(Builder *b, const char *text, size_t tlen, const char *target, size_t glen)
{
    KbDoc *d = b->doc;
    if (d->nlinks == b->kcap) {
        size_t cap = b->kcap ? b->kcap * 2 : 16;
        KbLink *n = realloc(d->links, cap * sizeof *n);
        if (!n)
            return -1;
        d->links = n;
        b->kcap = cap;
    }
    bool kb = glen > 3 && strncmp(target, "kb:", 3) == 0;
    KbLink *l = &d->links[d->nlinks];
    l->text = strndup(text, tlen);
    l->target = kb ? strndup(target + 3, glen - 3) : strndup(target, glen);
    l->kb = kb;
    l->line = (size_t)-1;   /* set when a line shows it */
    return (int)d->nlinks++;
}

/* Link text may hold **bold** but not another link. */
static void Inline_plain(Rich *r, const char *s, size_t n, unsigned base, bool *bold)
{
    size_t i = 0, run = 0;
    while (i < n) {
        if (i + 1 < n && s[i] == '*' && s[i + 1] == '*') {
            Rich_put(r, s + run, i - run, base | (*bold ? KBS_BOLD : 0));
            *bold = !*bold;
            i += 2;
            run = i;
            continue;
        }
        i++;
    }
    Rich_put(r, s + run, n - run, base | (*bold ? KBS_BOLD : 0));
}

/* "[text](target)" at s: its parts, or false when it is not a link. */
static bool Inline_link_at(const char *s, const char **text, size_t *tlen, const char **target,
                           size_t *glen, size_t *used)
{
    const char *close = strchr(s + 1, ']');
    if (!close || close[1] != '(')
        return false;
    const char *end = strchr(close + 2, ')');
    if (!end || memchr(s + 1, '[', (size_t)(close - s - 1)))
        return false;
    *text = s + 1;
    *tlen = (size_t)(close - s - 1);
    *target = close + 2;
    *glen = (size_t)(end - close - 2);
    *used = (size_t)(end - s + 1);
    return *glen > 0;
}

static void Inline(Builder *b, Rich *r, const char *s)
{
    bool bold = false;
    size_t run = 0, i = 0;
    while (s[i]) {
        const char *text, *target;
        size_t tlen, glen, used;
        if (s[i] != '[' || !Inline_link_at(s + i, &text, &tlen, &target, &glen, &used)) {
            i++;
            continue;
        }
        Inline_plain(r, s + run, i - run, 0, &bold);
        int link = Builder_link(b, text, tlen, target, glen);
        unsigned la = KBS_LINK | ((unsigned)(link + 1) << 8);
        if (link >= 0 && b->doc->links[link].kb) {
            Rich_put(r, "[", 1, la);
            Inline_plain(r, text, tlen, la, &bold);
            Rich_put(r, "]", 1, la);
        } else {
            Inline_plain(r, text, tlen, la, &bold);
            Rich_put(r, " <", 2, la);
            Rich_put(r, target, glen, la);
            Rich_put(r, ">", 1, la);
        }
        i += used;
        run = i;
    }
    Inline_plain(r, s + run, i - run, 0, &bold);
}

static KbLine *Builder_line(Builder *b, const char *text, size_t len, KbLineStyle style)
{
    KbDoc *d = b->doc;
    if (d->nlines == b->lcap) {
        size_t cap = b->lcap ? b->lcap * 2 : 64;
        KbLine *n = realloc(d->lines, cap * sizeof *n);
        if (!n) {
            b->failed = true;
            return NULL;
        }
        d->lines = n;
        b->lcap = cap;
    }
    KbLine *l = &d->lines[d->nlines];
    memset(l, 0, sizeof *l);
    l->text = strndup(text, len);
    l->style = style;
    if (!l->text) {
        b->failed = true;
        return NULL;
    }
    d->nlines++;
    return l;
}

/* Spans for bytes [from, to) of r, placed after a prefix of off bytes. */
static void Line_spans(Builder *b, KbLine *l, const Rich *r, size_t from, size_t to, size_t off)
{
    size_t i = from;
    while (i < to) {
        unsigned a = r->attr[i];
        size_t j = i;
        while (j < to && r->attr[j] == a)
            j++;
        if (a) {
            KbSpan *n = realloc(l->spans, (l->nspans + 1) * sizeof *n);
            if (!n) {
                b->failed = true;
                return;
            }
            l->spans = n;
            int link = (int)(a >> 8) - 1;
            l->spans[l->nspans++] = (KbSpan){off + i - from, j - i, a & 0xff, link};
            if (link >= 0 && b->doc->links[link].line == (size_t)-1)
                b->doc->links[link].line = b->doc->nlines - 1;
        }
        i = j;
    }
}

/* Wraps r in width columns behind marker (first line) and an indent of
 * the same width (the rest). */
static void Builder_wrap(Builder *b, const Rich *r, const char *marker, KbLineStyle style)
{
    const char *text = r->text.data ? r->text.data : "";
    int indent = (int)Text_display_width(marker);
    int w = b->doc->width - indent;
    int n = Layout_wrap(text, w, NULL, NULL, 0);
    size_t *starts = calloc((size_t)n, sizeof *starts), *lens = calloc((size_t)n, sizeof *lens);
    if (!starts || !lens) {
        b->failed = true;
    } else {
        Layout_wrap(text, w, starts, lens, n);
        for (int i = 0; i < n; i++) {
            Buf line = BUF_INIT;
            Buf_printf(&line, "%*s", i ? indent : 0, i ? "" : marker);
            size_t off = line.len;
            Buf_append(&line, text + starts[i], lens[i]);
            KbLine *l = Builder_line(b, line.data ? line.data : "", line.len, style);
            if (l && r->attr)
                Line_spans(b, l, r, starts[i], starts[i] + lens[i], off);
            Buf_free(&line);
        }
    }
    free(starts);
    free(lens);
}

static void Builder_heading(Builder *b, const char *text, KbLineStyle style)
{
    Rich r = {BUF_INIT, NULL, 0};
    Inline(b, &r, text);
    Builder_wrap(b, &r, "", style);
    int w = (int)Text_display_width(r.text.data ? r.text.data : "");
    if (w > b->doc->width)
        w = b->doc->width;
    const char *unit = b->ascii ? (style == KBL_H1 ? "=" : "-") : (style == KBL_H1 ? "\u2550" : "\u2500");
    Buf rule = BUF_INIT;
    for (int i = 0; i < w; i++)
        Buf_puts(&rule, unit);
    Builder_line(b, rule.data ? rule.data : "", rule.len, KBL_RULE);
    Buf_free(&rule);
    Rich_free(&r);
}

/* The marker of a list item line ("- ", "* ", "12. "), its length in
 * *skip; 0 when the line is not one. 1 bullet, 2 numbered. */
static int Block_item(const char *line, size_t *skip)
{
    if ((line[0] == '-' || line[0] == '*') && line[1] == ' ') {
        *skip = 2;
        return 1;
    }
    size_t i = 0;
    while (isdigit((unsigned char)line[i]) && i < 4)
        i++;
    if (i > 0 && line[i] == '.' && line[i + 1] == ' ') {
        *skip = i + 2;
        return 2;
    }
    return 0;
}

static bool Block_starts(const char *line)
{
    size_t skip;
    return line[0] == '#' || Block_item(line, &skip) != 0;
}

typedef struct Src { char **lines; size_t n, i; } Src;

/* Joins the current block's lines (the first after skip bytes) with spaces. */
static char *Block_join(Src *s, size_t skip)
{
    Buf b = BUF_INIT;
    Buf_puts(&b, Text_trim(s->lines[s->i] + skip));
    for (s->i++; s->i < s->n; s->i++) {
        char *t = s->lines[s->i];
        if (!Text_trim(t)[0] || Block_starts(Text_trim(t)))
            break;
        Buf_putc(&b, ' ');
        Buf_puts(&b, Text_trim(t));
    }
    return Buf_steal(&b);
}

/* One block from s->i on; *last_kind says what the previous block was so
 * list items stay together and other blocks get a blank line between. */
static void Builder_block(Builder *b, Src *s, int *last_kind)
{
    char *line = Text_trim(s->lines[s->i]);
    size_t skip = 0;
    int item = Block_item(line, &skip);
    int kind = line[0] == '#' ? 3 : item ? 1 : 4;
    if (b->doc->nlines > 0 && !(kind == 1 && *last_kind == 1))
        Builder_line(b, "", 0, KBL_TEXT);
    *last_kind = kind;
    if (line[0] == '#') {
        size_t h = strspn(line, "#");
        s->i++;
        Builder_heading(b, Text_trim(line + h), h == 1 ? KBL_H1 : KBL_H2);
        return;
    }
    char marker[32] = "";
    if (item == 1)
        snprintf(marker, sizeof marker, "  %s ", b->ascii ? "*" : "\u2022");
    else if (item == 2)
        snprintf(marker, sizeof marker, "  %.*s ", (int)(skip - 1), line);
    char *text = Block_join(s, skip);
    Rich r = {BUF_INIT, NULL, 0};
    Inline(b, &r, text ? text : "");
    Builder_wrap(b, &r, marker, KBL_TEXT);
    Rich_free(&r);
    free(text);
}

static Src Src_split(char *copy)
{
    Src s = {NULL, 0, 0};
    size_t cap = 0;
    for (char *p = copy; p; ) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        if (s.n == cap) {
            cap = cap ? cap * 2 : 64;
            char **n = realloc(s.lines, cap * sizeof *n);
            if (!n)
                break;
            s.lines = n;
        }
        s.lines[s.n++] = p;
        p = nl ? nl + 1 : NULL;
    }
    return s;
}

KbDoc *Kbrender(const char *markdown, int width, bool ascii)
{
    KbDoc *d = calloc(1, sizeof *d);
    char *copy = strdup(markdown ? markdown : "");
    if (!d || !copy) {
        free(d);
        free(copy);
        return NULL;
    }
    for (char *p = copy; *p; p++)
        if (*p == '\r' || *p == '\t')
            *p = ' ';
    d->width = width < 10 ? 10 : width;
    Builder b = {d, 0, 0, ascii, false};
    Src s = Src_split(copy);
    int last_kind = 0;
    while (s.i < s.n && !b.failed) {
        if (!Text_trim(s.lines[s.i])[0]) {
            s.i++;
            continue;
        }
        Builder_block(&b, &s, &last_kind);
    }
    free(s.lines);
    free(copy);
    if (b.failed) {
        KbDoc_free(d);
        return NULL;
    }
    return d;
}

void KbDoc_free(KbDoc *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->nlines; i++) {
        free(d->lines[i].text);
        free(d->lines[i].spans);
    }
    for (size_t i = 0; i < d->nlinks; i++) {
        free(d->links[i].text);
        free(d->links[i].target);
    }
    free(d->lines);
    free(d->links);
    free(d);
}

int KbDoc_next_link(const KbDoc *d, int from, int dir)
{
    int n = (int)d->nlinks;
    if (n == 0)
        return -1;
    if (from < 0 || from >= n)
        return dir > 0 ? 0 : n - 1;
    return ((from + (dir > 0 ? 1 : -1)) % n + n) % n;
}
