/* article: one knowledge-base article in a pager (not a view: the KB
 * pane holds it), laid out by kbrender; kb: links are followed. */
#ifndef FD_ARTICLE_H
#define FD_ARTICLE_H
#include <jansson.h>
#include <stdbool.h>

#include "client/core/actions.h"
#include "client/core/layout.h"

typedef struct Article Article;

typedef enum ArticleResult {
    ARTICLE_UNHANDLED,
    ARTICLE_HANDLED,
    ARTICLE_FOLLOW,   /* the selected kb: link: *follow names the article */
} ArticleResult;

Article *Article_new(void);
void Article_free(Article *a);
/* The GET kb/{id} answer (the pager keeps a reference). */
void Article_set(Article *a, json_t *article);
const char *Article_id(const Article *a);
/* The first service code in the article's "services:" list, or NULL. */
const char *Article_first_service(const Article *a);
/* Whether the footer offers "start triage for this service" (not inside
 * a triage). On by default. */
void Article_offer_triage(Article *a, bool on);
void Article_draw(Article *a, const Rect *r, bool focused);
ArticleResult Article_action(Article *a, Action act, const char **follow);
void Article_place_cursor(const Article *a, const Rect *r);

#endif
