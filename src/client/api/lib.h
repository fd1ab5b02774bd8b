/* api: frontdoord's REST API, typed. The one place in the client that
 * knows the server's paths and wire bodies.
 *
 *   api.h        the transport: calls on the curl multi loop, retries of
 *                reads, the token; ApiTo says who hears an answer
 *   auth.h       sign in and out, me
 *   customers.h  search, record, reveal, history, duplicates; create and
 *                change of details (CustomerDraft) through the outbox
 *   cases.h      case, timeline; create (CaseNew), status,
 *                note, hand-off (CaseHandoff) through the outbox
 *   events.h     the live channel's long-poll (live/ keeps it open)
 *   contacts.h   the contact record (ContactDraft) and call-backs
 *                (CallbackDraft) through the outbox
 *   queues.h     team queues, claim, people look-up
 *   me.h         my presence, break reasons, my work, my messages
 *   calls.h      a call offered to me (the screen pop), taking it
 *   content.h    services, scripts, knowledge base, wrap codes
 *   write.h      a refused write re-sent (corrected, or on a newer
 *                version after a 412)
 *
 * Inside, not for callers: api_int.h (the path root, Api_send, the
 * outbox hand-over every write shares).
 *
 * Reads answer through ApiTo (views still parse the JSON they get);
 * writes return what Outbox_submit returns. */
#ifndef FD_API_LIB_H
#define FD_API_LIB_H
#include "client/api/api.h"
#include "client/api/auth.h"
#include "client/api/calls.h"
#include "client/api/cases.h"
#include "client/api/contacts.h"
#include "client/api/content.h"
#include "client/api/customers.h"
#include "client/api/events.h"
#include "client/api/me.h"
#include "client/api/queues.h"
#include "client/api/write.h"
#endif
