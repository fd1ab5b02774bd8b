/* The triage view's state, shared by view_triage.c (keys, the walk, the
 * finish) and view_triage_draw.c (what is on screen). Not for other views:
 * they use view_triage.h. */
#ifndef FD_VIEW_TRIAGE_INT_H
#define FD_VIEW_TRIAGE_INT_H
#include <jansson.h>
#include <stdbool.h>

#include "client/kbpane.h"
#include "client/prompt.h"
#include "client/view_triage.h"
#include "common/triage.h"

enum { TRIAGE_MAX_BANNERS = 2 };

typedef struct TriageState {
    json_t *service;       /* catalogue entry, or NULL */
    json_t *customer;      /* NULL: anonymous */
    Questionnaire *q;
    Triage *t;
    bool offline;
    char script_id[80];
    int version;
    char title[200];
    char note[400];        /* loading or failure, shown instead of a question */
    char **banners;        /* "!! CAUTIONARY CONTACT: ..." */
    size_t nbanners;
    char open_case[32];    /* the customer's open case for this service, or "" */
    char open_case_line[400];
    KbPane *kb;
    bool kb_focus;         /* the KB has the keyboard (beside, or over the triage) */
    bool typing;           /* the answer box has the keyboard */
    bool leave_asked;      /* q once more leaves */
    bool beside_off;       /* toggle-split: no KB beside on a wide terminal */
    int top;               /* scroll of the question/outcome area */
    int area_rows;         /* rows it had at the last draw */
    int cursor_y, cursor_x;/* where the answer box's cursor was drawn */
    Prompt *was_focused;
} TriageState;

/* The answer box and the safeguarding confirmation box. */
Prompt *TriageView_answer_box(void);
/* True when the outcome needs its action typed in and has none yet. */
bool TriageView_needs_confirmation(const TriageState *s);
/* True when the KB is beside the triage: a wide terminal, not turned off. */
bool TriageView_beside(const TriageState *s);
/* Draws the triage (not the KB) in r (view_triage_draw.c). */
void TriageView_draw_triage(TriageState *s, const Rect *r);
/* Keys and actions (view_triage_keys.c). */
bool TriageView_action(View *v, Action a);
void TriageView_key(View *v, int key);
/* The response as it stands (authored now); the caller owns it. */
json_t *TriageView_response(const TriageState *s);
/* The registered case hand-over; false when none took it. */
bool TriageView_call_case_fn(const TriageCaseOutcome *c);
/* A finished triage during a live contact goes on the contact record
 * (with the wrap code to suggest); false when there is no contact. */
bool TriageView_contact(const TriageState *s, const json_t *response, const QOutcome *o);
/* Finishing hands the response on; script try keeps it to print. */
void TriageView_keep_response(json_t *response);
/* A service from the catalogue loaded by the reason picker, or NULL. */
const json_t *ViewReason_service(const char *code);

#endif
