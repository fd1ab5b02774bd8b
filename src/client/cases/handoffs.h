/* handoffs: notice cases handed to you. While signed in, the client asks
 * every few seconds for the open cases newly assigned to this user; a case
 * someone else handed over (a warm transfer during a live contact, say)
 * opens on this screen when the advisor is only reading, and is announced
 * on the message line when they are in the middle of a form. */
#ifndef FD_HANDOFFS_H
#define FD_HANDOFFS_H

#define HANDOFFS_POLL_MS 5000

void Handoffs_start(void);
void Handoffs_stop(void);

#endif
