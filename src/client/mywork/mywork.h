/* mywork: what waits for me (issue 12).
 *
 * The status line's counts come from GET /me/work, read at sign-in and
 * again only when an event says something changed (case.assigned,
 * case.changed for one of my cases, callback.due, message, call.offered,
 * call.ended, live.reload): never by a timer. While the view is open its
 * own read serves both. A "message" event {message_id} has its words read by id (GET
 * /messages/{id}, audited) and shown on the message line; it stays in my
 * work until opened there, which marks it read. The my-work view
 * (view_mywork.c) lists the items; Enter opens one. */
#ifndef FD_MYWORK_H
#define FD_MYWORK_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "client/core/actions.h"
#include "client/core/view.h"

/* At start-up: subscribes to the events that change my work. */
void MyWork_init(void);
/* After every wake of the loop: reads the counts at sign-in, forgets
 * them at sign-out. */
void MyWork_sync(void);
/* The global action my-work (Frame_add_actions). */
bool MyWork_action(View *top, Action a);
/* "My work: 2 cases, 1 message" (only what is non-zero), or "". */
void MyWork_text(char *out, size_t cap);
/* Read the counts again. */
void MyWork_refresh(void);
/* A GET /me/work answer read by someone else (the open view): the counts,
 * my cases' refs and the waiting calls are taken from it. */
void MyWork_take(const json_t *work);
/* Subscribes fn to the same events as the counts (the open view). */
void MyWork_on_change(void (*fn)(void));
/* "Message from Sam Supervisor: ..." on the message line, for a Message. */
void MyWork_say_message(const json_t *message);

#endif
