/* article: one knowledge-base article in a pager. The Markdown is laid
 * out by kbrender for the width on show (again after a resize); links are
 * picked with next-link / previous-link and followed with Enter, a kb:
 * link inside the client, a web address shown to be read out. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "client/core/app.h"
#include "client/contact/contact.h"
#include "client/kb/article.h"
#include "client/kb/kbrender.h"
#include "client/core/term.h"
#include "common/jsonx.h"
#include "common/text.h"

struct Article {
    json_t *json;
    KbDoc *doc;
    int doc_width;
    bool doc_ascii;
    int top;
    int link;          /* the selected link, -1 for none */
    int visible;       /* text rows on screen at the last draw */
    char service[64];
    bool no_triage;    /* inside a triage: no "start triage" offer */
};

Article *Article_new(void)
{
    Article *a = calloc(1, sizeof *a);
    if (a)
        a->link = -1;
    return a;
}

void Article_free(Article *a)
{
    if (!a)
        return;
    KbDoc_free(a->doc);
    json_decref(a->json);
    free(a);
}

/* "services" is a space or comma separated list of catalogue codes. */
static void Article_parse_service(Article *a)
{
    const char *s = Jsonx_str(a->json, "services", "");
    s += strspn(s, " ,");
    size_t n = strcspn(s, " ,");
    if (n >= sizeof a->service)
        n = 0;
    memcpy(a->service, s, n);
    a->service[n] = '\0';
}

void Article_set(Article *a, json_t *article)
{
    json_decref(a->json);
    a->json = json_incref(article);
    KbDoc_free(a->doc);
    a->doc = NULL;
    a->top = 0;
    a->link = -1;
    Article_parse_service(a);
}

void Article_offer_triage(Article *a, bool on)
{
    a->no_triage = !on;
}

const char *Article_id(const Article *a)
{
    return a->json ? Jsonx_str(a->json, "id", NULL) : NULL;
}

static const char *Article_title(const Article *a)
{
    return a->json ? Jsonx_str(a->json, "title", "") : "";
}

const char *Article_first_service(const Article *a)
{
    return a->service[0] ? a->service : NULL;
}

static void Article_layout(Article *a, int width)
{
    if (a->doc && a->doc_width == width && a->doc_ascii == Term_ascii())
        return;
    KbDoc_free(a->doc);
    a->doc = Kbrender(Jsonx_str(a->json, "body", ""), width, Term_ascii());
    a->doc_width = width;
    a->doc_ascii = Term_ascii();
}

static int Article_span_attr(const Article *a, const KbSpan *sp)
{
    int attr = 0;
    if (sp->style & KBS_BOLD)
        attr |= A_BOLD;
    if (sp->style & KBS_LINK)
        attr |= sp->link == a->link ? Term_attr(STYLE_SELECTED) : (int)A_UNDERLINE;
    return attr;
}

static int Article_piece(const char *text, size_t from, size_t to, int attr, int y, int x, int w)
{
    if (to <= from || w <= 0)
        return 0;
    char *piece = strndup(text + from, to - from);
    if (!piece)
        return 0;
    attrset(attr);
    int used = Term_text(y, x, piece, w);
    free(piece);
    return used;
}

/* One line: plain runs in the line's style, spans with theirs added. */
static void Article_draw_line(const Article *a, const KbLine *ln, int y, int x, int w)
{
    int base = ln->style == KBL_H1 || ln->style == KBL_H2 ? Term_attr(STYLE_HEADING) | (int)A_BOLD
                                                          : Term_attr(STYLE_NORMAL);
    size_t pos = 0, len = strlen(ln->text);
    int col = 0;
    for (size_t i = 0; i <= ln->nspans; i++) {
        const KbSpan *sp = i < ln->nspans ? &ln->spans[i] : NULL;
        col += Article_piece(ln->text, pos, sp ? sp->start : len, base, y, x + col, w - col);
        if (!sp)
            break;
        col += Article_piece(ln->text, sp->start, sp->start + sp->len,
                             base | Article_span_attr(a, sp), y, x + col, w - col);
        pos = sp->start + sp->len;
    }
    attrset(A_NORMAL);
}

static void Article_footer(const Article *a, char *out, size_t cap)
{
    char triage[32] = "", next[32] = "", mark[32] = "", answer[80] = "";
    App_keys_hint(CTX_KB, ACT_TRIAGE, triage, sizeof triage);
    App_keys_hint(CTX_KB, ACT_NEXT_LINK, next, sizeof next);
    App_keys_hint(CTX_KB, ACT_MARK_ANSWER, mark, sizeof mark);
    if (Contact_article_is_answer(Article_id(a)))
        snprintf(answer, sizeof answer, "ANSWER GIVEN  ");
    else if (contact.phase != CONTACT_NONE && mark[0])
        snprintf(answer, sizeof answer, "%s: the answer given  ", mark);
    const char *updated = Jsonx_str(a->json, "updated", "");
    if (a->service[0] && !a->no_triage)
        snprintf(out, cap, "%sServices: %s (%s: start triage for this service)  %s: links  Updated %s",
                 answer, Jsonx_str(a->json, "services", ""), triage, next, updated);
    else
        snprintf(out, cap, "%s%s: links  Updated %s", answer, next, updated);
}

void Article_draw(Article *a, const Rect *r, bool focused)
{
    if (!a->json || r->h < 3)
        return;
    Article_layout(a, r->w - 1);
    if (!a->doc)
        return;
    a->visible = r->h - 1;
    a->top = Layout_scroll_clamp(a->top, (int)a->doc->nlines, a->visible);
    for (int i = 0; i < a->visible && a->top + i < (int)a->doc->nlines; i++)
        Article_draw_line(a, &a->doc->lines[a->top + i], r->y + i, r->x + 1, r->w - 1);
    char foot[512];
    Article_footer(a, foot, sizeof foot);
    attrset(Term_attr(focused ? STYLE_STATUS : STYLE_DIM));
    Term_text_pad(r->y + r->h - 1, r->x, foot, r->w);
    attrset(A_NORMAL);
}

/* Moves the selection to the next link and scrolls it into view. */
static void Article_pick_link(Article *a, int dir)
{
    a->link = KbDoc_next_link(a->doc, a->link, dir);
    if (a->link < 0) {
        App_message("This article has no links.");
        return;
    }
    int line = (int)a->doc->links[a->link].line;
    if (line < a->top || line >= a->top + a->visible)
        a->top = line - a->visible / 3;
}

/* The article told to the caller goes with the contact, so the KB's use
 * can be counted. */
static void Article_mark_answer(const Article *a)
{
    if (Contact_article_answer(Article_id(a)))
        App_message("Marked as the answer given: \u201c%s\u201d. It is recorded with the contact.",
                    Article_title(a));
    else
        App_message("No contact is under way: start one to record the answer given.");
}

static ArticleResult Article_enter(Article *a, const char **follow)
{
    if (a->link < 0 || a->link >= (int)a->doc->nlinks) {
        char keys[32];
        App_keys_hint(CTX_KB, ACT_NEXT_LINK, keys, sizeof keys);
        App_message("Pick a link with %s first.", keys);
        return ARTICLE_HANDLED;
    }
    const KbLink *l = &a->doc->links[a->link];
    if (l->kb) {
        *follow = l->target;
        return ARTICLE_FOLLOW;
    }
    App_message("Web address to read out or send: %s", l->target);
    return ARTICLE_HANDLED;
}

ArticleResult Article_action(Article *a, Action act, const char **follow)
{
    if (!a->doc)
        return ARTICLE_UNHANDLED;
    int page = a->visible > 1 ? a->visible - 1 : 1;
    switch (act) {
    case ACT_MOVE_UP: case ACT_SCROLL_UP: a->top--; break;
    case ACT_MOVE_DOWN: case ACT_SCROLL_DOWN: a->top++; break;
    case ACT_PAGE_UP: a->top -= page; break;
    case ACT_PAGE_DOWN: a->top += page; break;
    case ACT_FIRST: a->top = 0; break;
    case ACT_LAST: a->top = (int)a->doc->nlines; break;
    case ACT_NEXT_LINK: Article_pick_link(a, 1); break;
    case ACT_PREVIOUS_LINK: Article_pick_link(a, -1); break;
    case ACT_ENTER: return Article_enter(a, follow);
    case ACT_MARK_ANSWER: Article_mark_answer(a); return ARTICLE_HANDLED;
    default: return ARTICLE_UNHANDLED;
    }
    a->top = Layout_scroll_clamp(a->top, (int)a->doc->nlines, a->visible);
    return ARTICLE_HANDLED;
}

void Article_place_cursor(const Article *a, const Rect *r)
{
    int y = r->y;
    if (a->doc && a->link >= 0) {
        int line = (int)a->doc->links[a->link].line - a->top;
        if (line >= 0 && line < a->visible)
            y = r->y + line;
    }
    move(y, r->x);
}
