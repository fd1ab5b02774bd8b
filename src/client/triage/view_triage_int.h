/* The triage view's state, shared by view_triage.c (keys, the walk, the
 * finish) and view_triage_draw.c (what is on screen). Not for other views:
 * they use view_triage.h. */
#ifndef FD_VIEW_TRIAGE_INT_H
#define FD_VIEW_TRIAGE_INT_H
#include <jansson.h>
#include <stdbool.h>

#include "client/kb/kbpane.h"
#include "client/outbox/outbox.h"
#include "client/core/prompt.h"
#include "client/triage/view_triage.h"
#include "common/triage.h"

enum { TRIAGE_MAX_BANNERS = 2 };

/* The record an outcome creates (a case, a call-back), sent through the
 * outbox when the advisor finishes; the reference comes when it lands. */
typedef struct TriageRecord {
    char outbox_id[OUTBOX_ID_LEN];
    char what[240];        /* "Urgent case for the Adult Safeguarding Duty Team" */
    char ref[40];          /* "" until the server has answered */
    char problem[240];     /* the server refused it: in words */
} TriageRecord;

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
    bool other_action;     /* typing the words of an "other" safeguarding action */
    bool asking_phone;     /* typing the number a call-back outcome rings */
    char callback_phone[40];
    bool finished;         /* the outcome's record is made: nothing changes now */
    TriageRecord record;
    bool beside_off;       /* toggle-split: no KB beside on a wide terminal */
    int top;               /* scroll of the question/outcome area */
    int area_rows;         /* rows it had at the last draw */
    int cursor_y, cursor_x;/* where the answer box's cursor was drawn */
    Prompt *was_focused;
    ApiCall *load;         /* the script request while it is pending */
    json_t *resume;        /* the saved response to reopen at, until the script is in */
    json_t *script_json;   /* the script as the server sent it: kept with a contact that
                            * reaches safeguarding, so a restart can reopen it offline */
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
/* A finished triage during a live contact goes on the contact record
 * (with the wrap code to suggest); false when there is no contact. */
bool TriageView_contact(const TriageState *s, const json_t *response, const QOutcome *o);
/* Finishing hands the response on; script try keeps it to print. */
void TriageView_keep_response(json_t *response);
/* The outcome's record (view_triage_records.c): false when this outcome
 * creates none (resolve, signpost) or it could not be journalled (said). */
bool TriageView_records_submit(View *v, const QOutcome *o, const json_t *response);
/* A call-back outcome with no number to ring: the script asked none and
 * the customer has none on file (an anonymous caller). */
bool TriageView_records_need_phone(const TriageState *s, const QOutcome *o);
/* The question on screen is the script's "callback-phone" item, whose
 * answer is checked as a phone number before it is taken. */
bool TriageView_asks_phone(const TriageState *s);
/* Lines for the finished screen: what was created, with its reference. */
const char *TriageView_record_status(const TriageState *s, char *out, size_t cap);
/* A service from the catalogue loaded by the reason picker, or NULL. */
const json_t *ViewReason_service(const char *code);
/* Keeps GET services' items as the catalogue for the run (a
 * restored triage loads it without the picker). */
void ViewReason_keep_catalogue(json_t *items);

#endif
