/* frame: the loop's hooks around the view stack: a key to the top view
 * or to the actions every view shares (quit, help, back, and those the
 * features add), the title, status and message lines around the top
 * view's drawing, and the layout on resize. */
#ifndef FD_FRAME_H
#define FD_FRAME_H
#include <stdbool.h>
#include <stddef.h>

#include "client/core/actions.h"
#include "client/core/view.h"

/* A feature's share of the global actions: true when it took a. main.c
 * adds them at start-up; they are tried in the order added, after the
 * frame's own (quit, help, back, cancel, redraw, lines, split). */
typedef bool (*FrameActions)(View *top, Action a);
void Frame_add_actions(FrameActions fn);
/* While hold() is true only what covers the screen and comes back to it
 * may happen (help, the lock, redrawing): a safeguarding outcome waiting
 * for its action taken. */
void Frame_set_hold(bool (*hold)(void));
/* The status line's left part (the contact clock, the outbox): out, and
 * the clock's width in *clock_w (0: none); clock_at says where the clock
 * was drawn, for its redraw of one cell a second. */
typedef void (*FrameStatus)(char *out, size_t cap, int *clock_w);
void Frame_set_status(FrameStatus status, void (*clock_at)(int y, int x, int w));
/* Asked before quitting: true when it put a question instead (its "y"
 * quits). */
void Frame_set_quit_guard(bool (*guard)(void));

void Frame_key(int key);
void Frame_draw(void);
/* SIGWINCH: read the new size, then Frame_resize. */
void Frame_winch(void);
/* Lay the views out again for the size curses has now. */
void Frame_resize(void);
void Frame_signal_quit(int sig);

#endif
