/* me: what is the signed-in advisor's own (issue 12): their presence,
 * the break reasons, what waits for them, the messages sent to them. */
#ifndef FD_API_ME_H
#define FD_API_ME_H
#include "client/api/api.h"

/* PUT me/presence {state, reason}: this client's state (reason only with
 * "break", else NULL). A direct call, not an outbox write: a state is
 * only true now, and one replayed after a network cut would lie. */
ApiCall *ApiMe_presence(ApiTo to, const char *state, const char *reason);
/* GET break-reasons: [{code, label}] in the content's order (retried). */
ApiCall *ApiMe_break_reasons(ApiTo to);
/* GET me/work: cases, handovers, callbacks, messages, each {count, items}
 * (retried). background: not in the status line (the live counts). */
ApiCall *ApiMe_work(ApiTo to, bool background);
/* GET messages/{id}: the words (an audited read). */
ApiCall *ApiMe_message(ApiTo to, const char *id);
/* POST messages/{id}/read: read, for me only. */
ApiCall *ApiMe_message_read(ApiTo to, const char *id);

#endif
