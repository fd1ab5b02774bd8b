/* kb: the knowledge base: the pane any view can hold and the KB view
 * that shows it full screen (kbpane), the article pager (article) and
 * the Markdown laid out for the terminal (kbrender). */
#ifndef FD_KB_LIB_H
#define FD_KB_LIB_H
#include "client/kb/article.h"
#include "client/kb/kbpane.h"
#include "client/kb/kbrender.h"
#endif
