/* search: the customer search view, the advisor's home screen (results
 * as you type a name, reference or case number). Opened by its id
 * (VIEW_SEARCH); it has no header of its own. */
#ifndef FD_SEARCH_LIB_H
#define FD_SEARCH_LIB_H
#endif
