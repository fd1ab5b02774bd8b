/* form: a column of labelled one-line fields for the customer forms
 * (change of details, new customer), call-backs and cases. Text fields use
 * field.h; a choice field cycles through fixed values with Left/Right or
 * Space; a pick field (form_pick.c) filters a long list as the advisor
 * types and takes a value only once it has been chosen on screen. The
 * focused field is marked with ">" (not colour alone) and holds the cursor. */
#ifndef FD_FORM_H
#define FD_FORM_H
#include <jansson.h>
#include <stdbool.h>

#include "client/core/actions.h"
#include "client/core/field.h"
#include "client/core/layout.h"

enum { FORM_MAX_FIELDS = 16 };

typedef struct FormField {
    const char *label;
    const char *key;                 /* "phone", "address.line1" */
    const char *const *choices;      /* NULL: free text */
    const char *const *choice_labels;
    bool required;
    Field f;
    char orig[FIELD_MAX];            /* as loaded: only changes are sent */
    char error[160];                 /* the server's or our message for it */
    /* A pick field: the typed words filter these (NULL-terminated, the
     * caller's); its value is the code picked, never a guess. */
    bool pick;
    const char *const *pick_codes;
    const char *const *pick_labels;
    char picked[FIELD_MAX];          /* the code chosen on screen; "" none */
    int pick_sel;                    /* -1: typing; else the match selected */
    /* No list to check against (the server was not reached): the typed
     * value is taken as typed and marked "not checked", for a write the
     * server judges when it is delivered. */
    bool pick_unlisted;
    bool pick_unchecked;             /* picked is as typed, unchecked */
} FormField;

typedef struct Form {
    FormField fields[FORM_MAX_FIELDS];
    int n;
    int focus;
    int cursor_y, cursor_x;
} Form;

void Form_add(Form *fm, const char *label, const char *key, bool required,
              const char *const *choices, const char *const *choice_labels);
/* A pick field (see above); its candidates may come later with
 * Form_pick_set. A picked value is what Form_value returns for it. */
void Form_add_pick(Form *fm, const char *label, const char *key, bool required);
void Form_pick_set(Form *fm, const char *key, const char *const *codes, const char *const *labels);
/* Picks code (when it is one of the candidates), as if chosen on screen:
 * for a value the advisor has already seen chosen, such as the triage's. */
void Form_pick_choose(Form *fm, const char *key, const char *code);
/* Whether a pick field with no list yet takes what is typed, unchecked
 * (see pick_unlisted); until it does, Enter says the list is loading. */
void Form_pick_unlisted(Form *fm, const char *key, bool allow);
/* Sets a field's text and its "as loaded" value. */
void Form_load(Form *fm, const char *key, const char *value);
const char *Form_value(const Form *fm, const char *key);
bool Form_changed(const Form *fm, const char *key);
void Form_key(Form *fm, int key);

typedef enum FormStep { FORM_OTHER, FORM_MOVED, FORM_SUBMIT } FormStep;
/* The keys every form shares: Tab and the arrows move between fields,
 * Enter moves on or, on the last field, submits, as F2 does anywhere.
 * On a pick field with words typed and nothing picked, Enter picks the
 * only match or moves into the list of matches (Up/Down, Enter chooses,
 * Esc goes back to typing), and a submit sends only an exact code and
 * otherwise goes there first instead of sending. FORM_OTHER: not a form key, the view's own to handle. */
FormStep Form_action(Form *fm, Action a);
/* Form_action for a form that sends one thing: Esc or back also leaves
 * it (the view popped, "Nothing was sent." said) as FORM_MOVED. */
FormStep Form_action_or_leave(Form *fm, Action a);
/* Draws from y; returns the row after the last field. */
int Form_draw(Form *fm, const Rect *b, int y, int label_w);
/* The hardware cursor on the focused field, where Form_draw left it. */
void Form_place_cursor(const Form *fm);
/* The server's errors[] (field, message) onto the fields; false when
 * none matched a field. */
bool Form_set_errors(Form *fm, const json_t *problem);
void Form_clear_errors(Form *fm);
/* The first required field left empty, or NULL. */
FormField *Form_missing(Form *fm);

#endif
