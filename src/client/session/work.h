/* work: the advisor's work in progress (the live contact, the outbox)
 * joined to the session: opened at sign-in, closed at sign-out, shown in
 * the status line, guarded at quit. Keeps the session's part to a few calls. */
#ifndef FD_WORK_H
#define FD_WORK_H
#include <stdbool.h>
#include <stddef.h>

#include "client/core/actions.h"
#include "client/core/view.h"

/* At start-up (before any sign-in). */
void Work_init(void);
/* After sign-in: the outbox journal for this server and user, the wrap
 * codes, a contact left by a crash. */
void Work_signed_in(void);
void Work_signed_out(void);
/* Global actions of this module (start/end contact, outbox, new
 * customer); false when a is not one of them. */
bool Work_action(View *top, Action a);
/* Quit or logout asked for: true when a question about unsent records
 * or an unfinished contact was put instead (its "y" runs the action). */
bool Work_confirm_quit(void);
bool Work_confirm_logout(void (*logout)(void));
/* The status line's left part: the contact clock, then the outbox.
 * clock_w gets the clock's width in columns (0 when none). */
void Work_status(char *out, size_t cap, int *clock_w);
/* Where the status line put the clock (for its 1 s redraw of one cell). */
void Work_clock_at(int y, int x, int w);

#endif
