/* screenpop: an incoming call opens the caller (issue 12).
 *
 * "call.offered" {call_id}: the call is read by id (GET /calls/{id}, an
 * audited read: the number is never in the event). An advisor who is
 * free (Presence_free: no contact, no wrap-up, no safeguarding outcome
 * waiting, not locked, no other pop unanswered) gets the search with the
 * caller's number (a withheld number: an empty search) and the call is
 * offered to the next contact started (Contact_offer_call): start-contact
 * answers it on the phone, with the service and the wait recorded, and
 * the call is taken (POST /calls/{id}/take). A busy advisor is told on
 * the message line and the call waits in my work. "call.ended" for a call
 * not yet taken closes it: the search stays, the message line says the
 * caller hung up. The waiting calls are the server's (GET /me/work, read
 * by mywork at sign-in and on these events), so they survive a restart. */
#ifndef FD_SCREENPOP_H
#define FD_SCREENPOP_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* At start-up: subscribes to call.offered and call.ended. */
void ScreenPop_init(void);
/* After every wake of the loop: takes the call once a contact answers
 * it; forgets every call at sign-out. */
void ScreenPop_sync(void);
/* The calls waiting for the advisor (Call objects, newest last); for my
 * work. */
size_t ScreenPop_waiting_count(void);
const json_t *ScreenPop_waiting(size_t i);
/* "07700 900123" from national digits; "withheld" when withheld. */
void ScreenPop_number(const json_t *call, char *out, size_t cap);
/* True when call has its number (read by id), false for a my-work row. */
bool ScreenPop_number_known(const json_t *call);
/* The calls waiting from GET /me/work (its calls.items: offered to me,
 * neither taken nor ended, no number): the server's list is the one kept,
 * so calls offered before a restart wait here too and none is listed
 * twice; a call already read by id keeps its number; one on screen or
 * answered here is left out. */
void ScreenPop_set_waiting(const json_t *calls);
/* From my work: if the advisor is free (else says why not), reads the
 * waiting call id again (GET /calls/{id}: its number, still ringing?) and
 * pops it. */
void ScreenPop_pop_waiting(const char *id);

#endif
