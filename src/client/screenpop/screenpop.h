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
 * caller hung up. */
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
/* From my work: pops the waiting call id now, if the advisor is free
 * (else says why not). */
void ScreenPop_pop_waiting(const char *id);

#endif
