/* queue: the team queue view (view_queue) and its rising-tide level
 * (surge). */
#ifndef FD_QUEUE_LIB_H
#define FD_QUEUE_LIB_H
#include "client/queue/surge.h"
#endif
