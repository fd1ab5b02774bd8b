/* form_pick: the pick fields of form.h, a type-to-filter choice from a
 * long list (wrap codes, services, the hand-off's teams). One rule for every form that has one:
 * typing filters, the matches are listed under the field, and a value is
 * taken only when it is the one match or the advisor chose it from the
 * list, so nothing is sent that was not seen selected. */
#ifndef FD_FORM_PICK_H
#define FD_FORM_PICK_H
#include "client/core/form.h"

/* Enter on the field: picks the exact code or the one match, or moves
 * into the list of matches, or says there is none; with no list, takes
 * the typed value unchecked when the field allows it (pick_unlisted).
 * True when a value is picked (the form may move on). */
bool FormPick_enter(FormField *f);
/* Picks the code (or label) typed exactly, as it stands on screen; false
 * when the text is not exactly one (nothing is guessed). */
bool FormPick_exact(FormField *f);
/* Up/Down/Enter/Esc in the list of matches; FORM_OTHER when not there. */
FormStep FormPick_action(FormField *f, Action a);
/* A key typed: back to typing, the pick forgotten. */
void FormPick_key(FormField *f, int key);
/* Draws the matches under the field from y, or for a value taken
 * unchecked says so; returns the row after. */
int FormPick_draw_matches(const FormField *f, const Rect *b, int y, int x);

#endif
