/* callback_due: a call-back falling due for me or one of my teams is
 * announced on the message line (the live channel's callback.due; the
 * server sends it once, to the call-back's person or else its team). */
#ifndef FD_CALLBACK_DUE_H
#define FD_CALLBACK_DUE_H

/* Subscribes to "callback.due" (once, at start-up). */
void CallbackDue_init(void);

#endif
