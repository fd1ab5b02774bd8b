/* ask: a one-line question on the message line over the current view
 * ("Quit anyway? y/n", "Channel: 1 phone 2 face to face ..."). The view
 * below stays drawn; only the listed keys answer; Esc says no. */
#ifndef FD_ASK_H
#define FD_ASK_H

/* answer is the key chosen from keys (as typed), default_key for Enter
 * (0: Enter does nothing), or 0 for Esc. */
typedef void (*AskFn)(void *data, int answer);

void Ask(const char *question, const char *keys, int default_key, AskFn fn, void *data);

#endif
