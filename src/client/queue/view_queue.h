/* view_queue: the team queue view (VIEW_QUEUE; its ops are named by
 * main.c through VIEW_INFO). */
#ifndef FD_VIEW_QUEUE_H
#define FD_VIEW_QUEUE_H

/* Subscribes the queue screen to the live channel (queue.changed,
 * tide.changed, live.reload); once, at start-up. */
void ViewQueue_init(void);

#endif
