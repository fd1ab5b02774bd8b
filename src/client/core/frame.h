/* frame: the loop's hooks around the view stack: a key to the top view
 * or to the actions every view shares (quit, help, back, lock, logout,
 * triage, knowledge base...), the title, status and message lines around
 * the top view's drawing, and the layout on resize. */
#ifndef FD_FRAME_H
#define FD_FRAME_H

void Frame_key(int key);
void Frame_draw(void);
/* SIGWINCH: read the new size, then Frame_resize. */
void Frame_winch(void);
/* Lay the views out again for the size curses has now. */
void Frame_resize(void);
void Frame_signal_quit(int sig);

#endif
