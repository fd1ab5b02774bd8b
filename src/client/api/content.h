/* content: what the council publishes, read-only: the service catalogue,
 * triage scripts, knowledge-base articles and wrap codes. */
#ifndef FD_API_CONTENT_H
#define FD_API_CONTENT_H
#include "client/api/api.h"

/* GET services: the catalogue (retried). */
ApiCall *ApiContent_services(ApiTo to);
/* GET scripts/{id}; version > 0 asks for that version (retried). */
ApiCall *ApiContent_script(ApiTo to, const char *id, int version);
/* GET kb: articles matching words, or when words is "" those of service
 * (retried). */
ApiCall *ApiContent_kb_search(ApiTo to, const char *words, const char *service, int limit);
/* GET kb/{id}: one article (retried). */
ApiCall *ApiContent_kb_article(ApiTo to, const char *id);
/* GET wrapcodes, in the background (not in the status line). */
ApiCall *ApiContent_wrapcodes(ApiTo to);

#endif
