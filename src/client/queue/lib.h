/* queue: the team queue view (view_queue: reloaded in place from the
 * live channel) and its rising-tide banner (surge: the server's level,
 * the centre's words), and call-backs falling due announced on the
 * message line (callback_due). */
#ifndef FD_QUEUE_LIB_H
#define FD_QUEUE_LIB_H
#include "client/queue/callback_due.h"
#include "client/queue/surge.h"
#include "client/queue/view_queue.h"
#endif
