/* outbox: nothing is lost: every write journalled (journal) and sealed
 * (seal, outbox_key) before it is sent, retried until a 2xx (outbox), and
 * the refusals kept for the advisor (view_outbox). */
#ifndef FD_OUTBOX_LIB_H
#define FD_OUTBOX_LIB_H
#include "client/outbox/journal.h"
#include "client/outbox/outbox.h"
#include "client/outbox/outbox_key.h"
#include "client/outbox/seal.h"
#endif
