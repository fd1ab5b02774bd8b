/* actions: everything a key can do, from one X-macro table.
 *
 * The table generates the Action enum, the names used in keymap files, the
 * help screen's descriptions and the ACTIONS section of frontdoor-keymap(5),
 * so a new action is one line here and cannot be missing from any of them. */
#ifndef FD_ACTIONS_H
#define FD_ACTIONS_H
#include <stdbool.h>
#include <stdio.h>

/* Where a binding applies. GLOBAL bindings apply everywhere unless the
 * current context binds the same key (see Keymap_lookup). LOGIN, PROMPT
 * and FORM are text-entry contexts: printable keys there are typed, not looked up
 * in GLOBAL. SEARCH is the customer results list, RECORD the customer's single
 * view, TRIAGE a triage question, KB a knowledge-base article, KB_LIST the
 * knowledge base's results list. SEARCH and KB_LIST sit under a search box:
 * letters and digits typed there go to the box (Context_types_over); so do
 * those typed on a TRIAGE question, to its answer box (or, on a choice or
 * yes/no question, to its answer), so an answer is never taken for commands. */
typedef enum Context {
    CTX_GLOBAL,
    CTX_LOGIN,
    CTX_SEARCH,
    CTX_RECORD,
    CTX_HELP,
    CTX_PROMPT,
    CTX_TRIAGE,   /* a triage question or outcome */
    CTX_KB,       /* the knowledge base's results list and article pager */
    CTX_FORM,     /* wrap-up and the customer forms: text entry */
    CTX_OUTBOX,   /* the outbox list and an edit conflict */
    CTX_CASE,     /* a case's full-context screen */
    CTX_QUEUE,    /* a back-office team queue */
    CTX_KB_LIST,  /* the knowledge base's results, under its search box */
    CTX_MYWORK,   /* my work: what waits for me */
    CTX_COUNT
} Context;

#define CB(ctx) (1u << (ctx))
#define CB_GLOBAL CB(CTX_GLOBAL)
#define CB_LOGIN  CB(CTX_LOGIN)
#define CB_SEARCH CB(CTX_SEARCH)
#define CB_RECORD CB(CTX_RECORD)
#define CB_HELP   CB(CTX_HELP)
#define CB_PROMPT CB(CTX_PROMPT)
#define CB_TRIAGE CB(CTX_TRIAGE)
#define CB_KB     CB(CTX_KB)
#define CB_FORM   CB(CTX_FORM)
#define CB_OUTBOX CB(CTX_OUTBOX)
#define CB_CASE   CB(CTX_CASE)
#define CB_QUEUE  CB(CTX_QUEUE)
#define CB_KB_LIST CB(CTX_KB_LIST)
#define CB_MYWORK CB(CTX_MYWORK)
#define CB_VIEWS  (CB_SEARCH | CB_RECORD | CB_HELP | CB_TRIAGE | CB_KB | CB_FORM | CB_OUTBOX | \
                   CB_CASE | CB_QUEUE | CB_KB_LIST | CB_MYWORK)

/* X(SUFFIX, "name", "description", contexts) */
#define FD_ACTIONS(X) \
    X(VIEW_HELP,        "view-help",        "Show the keys and actions for the current screen", CB_GLOBAL) \
    X(QUIT,             "quit",             "Quit Frontdoor (the stored login is kept); on a letter key, asks first while someone is signed in", CB_GLOBAL) \
    X(BACK,             "back",             "Close this view and return to the previous one", CB_GLOBAL) \
    X(CANCEL,           "cancel",           "Cancel the request in progress or the text being typed; with nothing to cancel, go back", CB_GLOBAL) \
    X(ENTER,            "enter",            "Open the selected item, or submit the form or search", CB_LOGIN | CB_VIEWS | CB_PROMPT) \
    X(NEXT_FIELD,       "next-field",       "Move the focus to the next field or pane", CB_LOGIN | CB_SEARCH | CB_RECORD | CB_PROMPT | CB_TRIAGE | CB_KB | CB_FORM | CB_KB_LIST) \
    X(PREVIOUS_FIELD,   "previous-field",   "Move the focus to the previous field or pane", CB_LOGIN | CB_SEARCH | CB_RECORD | CB_PROMPT | CB_TRIAGE | CB_KB | CB_FORM | CB_KB_LIST) \
    X(MOVE_UP,          "move-up",          "Select the previous line", CB_VIEWS) \
    X(MOVE_DOWN,        "move-down",        "Select the next line", CB_VIEWS) \
    X(PAGE_UP,          "move-page-up",     "Move up one screenful", CB_VIEWS) \
    X(PAGE_DOWN,        "move-page-down",   "Move down one screenful", CB_VIEWS) \
    X(FIRST,            "move-first-line",  "Go to the first line", CB_VIEWS) \
    X(LAST,             "move-last-line",   "Go to the last line loaded", CB_VIEWS) \
    X(SCROLL_UP,        "scroll-line-up",   "Scroll the view up one line", CB_RECORD | CB_HELP | CB_KB | CB_CASE) \
    X(SCROLL_DOWN,      "scroll-line-down", "Scroll the view down one line", CB_RECORD | CB_HELP | CB_KB | CB_CASE) \
    X(SEARCH,           "search",           "Put the cursor in the customer search box", CB_SEARCH | CB_RECORD) \
    X(MORE_RESULTS,     "more-results",     "Fetch the next page of search results", CB_SEARCH) \
    X(REVEAL,           "reveal",           "Show the masked details on this record (the reveal is audited)", CB_RECORD) \
    X(TOGGLE_SPLIT,     "toggle-split",     "Show or hide the second pane on a wide terminal", CB_SEARCH | CB_RECORD | CB_TRIAGE | CB_KB) \
    X(TOGGLE_LINES,     "toggle-line-graphics", "Switch between line-drawing and ASCII borders", CB_GLOBAL) \
    X(REFRESH,          "refresh",          "Fetch the current view again from the server", CB_SEARCH | CB_RECORD | CB_CASE | CB_QUEUE | CB_MYWORK) \
    X(REDRAW,           "screen-redraw",    "Repaint the whole terminal", CB_GLOBAL) \
    X(LOCK,             "lock",             "Lock the screen now; the password unlocks it", CB_GLOBAL) \
    X(LOGOUT,           "logout",           "Log out and forget the stored login", CB_GLOBAL) \
    X(TRIAGE,           "triage",           "Start a scripted triage: for this customer, for an information call from the search screen, or for the service of the article shown", CB_SEARCH | CB_RECORD | CB_PROMPT | CB_KB) \
    X(KNOWLEDGE_BASE,   "knowledge-base",   "Open the knowledge base: beside the triage on a wide terminal, over it on a narrow one; again to put it away", CB_GLOBAL) \
    X(TRIAGE_BACK,      "triage-back",      "Step back to the previous question; the answer given is offered again", CB_TRIAGE) \
    X(SKIP_QUESTION,    "skip-question",    "Pass over an optional question", CB_TRIAGE) \
    X(NEXT_LINK,        "next-link",        "Select the next link in the article", CB_KB) \
    X(PREVIOUS_LINK,    "previous-link",    "Select the previous link in the article", CB_KB) \
    X(START_CONTACT,    "start-contact",    "Start a contact (and its handle-time clock) with the customer shown or selected; from the search box, an anonymous one", CB_SEARCH | CB_RECORD | CB_PROMPT) \
    X(ANONYMOUS_CONTACT, "anonymous-contact", "Start a contact with a caller who is not on file or will not say who they are", CB_SEARCH | CB_RECORD | CB_PROMPT) \
    X(END_CONTACT,      "end-contact",      "End the contact: the clock stops and the wrap-up screen opens (after-contact work)", CB_GLOBAL) \
    X(SUBMIT,           "submit",           "Send the form (wrap-up, customer details) once it is complete", CB_FORM | CB_OUTBOX) \
    X(EDIT_DETAILS,     "edit-details",     "Change this customer's address, phone, e-mail, preferred channel or accessibility needs", CB_RECORD) \
    X(NEW_CUSTOMER,     "new-customer",     "Add a caller who is not on file (after a check for an existing record)", CB_SEARCH | CB_PROMPT) \
    X(CONTACT_HISTORY,  "contact-history",  "List every contact with this customer, newest first", CB_RECORD) \
    X(OUTBOX,           "outbox",           "Show the records waiting to be sent or needing attention", CB_GLOBAL) \
    X(RESUBMIT,         "resubmit",         "Correct the selected record and send it again (or, in a conflict, apply your change to the current version)", CB_OUTBOX) \
    X(DISCARD,          "discard",          "Drop the selected record or change (asks first)", CB_OUTBOX | CB_FORM) \
    X(RETRY_NOW,        "retry-now",        "Try sending the waiting records now", CB_OUTBOX) \
    X(RAISE_CASE,       "raise-case",       "Raise a case by hand for this customer (or, from the search screen, for a caller not on file)", CB_SEARCH | CB_RECORD) \
    X(OPEN_CASE,        "open-case",        "Open one of this customer's open cases (asks which when there are several)", CB_RECORD) \
    X(BOOK_CALLBACK,    "book-callback",    "Book a call-back for this customer or case: number, when, why, for a team or a person", CB_RECORD | CB_CASE) \
    X(ADD_NOTE,         "add-note",         "Add a note to this case (in a triage: to the customer's open case for the service, instead of raising another)", CB_CASE | CB_TRIAGE) \
    X(HAND_OFF,         "hand-off",         "Hand this case to a team or a named person, with a reason and a note", CB_CASE) \
    X(CASE_STATUS,      "case-status",      "Change the case's status (in progress, awaiting customer, resolved, closed) or reopen it", CB_CASE) \
    X(QUEUES,           "queues",           "Open the back-office team queues", CB_GLOBAL) \
    X(CLAIM_NEXT,       "claim-next",       "Claim the next item from this queue and open it", CB_QUEUE) \
    X(NEXT_TEAM,        "next-team",        "Show the next team's queue", CB_QUEUE) \
    X(PREVIOUS_TEAM,    "previous-team",    "Show the previous team's queue", CB_QUEUE) \
    X(CHECK_IDENTITY,   "check-identity",   "Confirm who is calling (two of date of birth, postcode, reference) before discussing their account", CB_RECORD) \
    X(MARK_ANSWER,      "mark-answer",      "Mark the article on show as the answer given to the caller (recorded with the contact)", CB_KB) \
    X(BREAK,            "break",            "Go on a break (pick the reason from the council's list); on a break, be ready again. Not on a contact or in a wrap-up", CB_GLOBAL) \
    X(READY,            "ready",            "Be ready for the next contact again (ends a break)", CB_GLOBAL) \
    X(MY_WORK,          "my-work",          "Show what waits for you: cases handed or assigned to you, call-backs, messages, calls waiting", CB_GLOBAL)

typedef enum Action {
    ACT_NONE,
#define FD_ACTION_ENUM(sfx, name, desc, ctx) ACT_##sfx,
    FD_ACTIONS(FD_ACTION_ENUM)
#undef FD_ACTION_ENUM
    ACT_COUNT
} Action;

/* "view-help" etc.; ACT_NONE is "none". NULL for an out-of-range value. */
const char *Action_name(Action a);
/* ACT_NONE for "none"; -1 when the name is unknown (case-insensitive). */
int Action_by_name(const char *name);
const char *Action_description(Action a);
/* Bitmask of CB(Context) where the action means something. */
unsigned Action_contexts(Action a);
/* True when the action means something in ctx (a GLOBAL action does
 * everywhere). */
bool Action_applies(Action a, Context ctx);

const char *Context_name(Context c);
/* -1 when unknown (case-insensitive). */
int Context_by_name(const char *name);
/* LOGIN and PROMPT: printable keys are typed there. */
bool Context_is_text_entry(Context c);
/* SEARCH and KB_LIST: a list under a search box, where letters and digits
 * (anything that can be part of a name or reference) go to the box. */
bool Context_types_over(Context c);

/* The roff ACTIONS table of frontdoor-keymap(5), between its
 * BEGIN/END marker comments. The client prints it for --dump-actions-man. */
void Actions_write_man_section(FILE *out);

#endif
