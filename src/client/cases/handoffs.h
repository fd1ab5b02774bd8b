/* handoffs: notice cases handed to you. The server says so on the live
 * channel ("case.assigned" to this user); nothing here polls. A case
 * someone else handed over (a warm transfer during a live contact, say)
 * opens on this screen when the advisor is only reading, and is announced
 * on the message line when they are in the middle of a form. */
#ifndef FD_HANDOFFS_H
#define FD_HANDOFFS_H

/* Subscribes to "case.assigned" (once, at start-up). */
void Handoffs_init(void);

#endif
