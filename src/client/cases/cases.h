/* cases: cases, hand-offs, the back-office queues and call-backs (issue 6)
 * on the client side, and the few calls other parts make into them.
 *
 * Every write (a new case, a note, a status change, a hand-off, a
 * call-back booked or completed) goes through the outbox (outbox.h) with
 * its own kind, so it is journalled before it is sent and never lost;
 * the handlers registered by Cases_init() report the outcome even when
 * the screen that sent it has gone, or the client restarted. */
#ifndef FD_CASES_H
#define FD_CASES_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "client/core/actions.h"
#include "client/core/view.h"

/* What the raise-case screen starts from: a triage outcome or a hand. */
typedef struct CaseDraft {
    char service_code[64], service_name[160];
    char team_code[64], team_name[160];
    int sla_hours;
    char summary[256];
    char *next_steps;          /* what the customer was told; owned */
    char customer_id[32], customer_name[200];
    char script_id[64];
    int script_version;
    char wrap_code[64];
    json_t *response;          /* the QuestionnaireResponse, or NULL; owned */
    json_t *open_cases;        /* by hand: the record's open cases, or NULL; owned */
} CaseDraft;

typedef struct HandoffArg {
    char ref[32];
    char team_code[64], team_name[160];  /* the case's team: it stays unless moved */
    bool warm;                 /* during a live contact: say so, name a person */
} HandoffArg;

/* Resolving asks what was done, for the version of the case shown. */
typedef struct CaseResolveArg {
    char ref[32];
    long long version;
} CaseResolveArg;

typedef struct CallbackArg {
    char customer_id[32], customer_name[200];
    char case_ref[32];
    char phone[40];
    char team_code[64];
} CallbackArg;

/* At start-up: the triage hand-over and the outbox handlers per kind. */
void Cases_init(void);
/* The actions of this module from any view (raise-case, open-case,
 * book-callback, queues; Enter on the customer view's open cases);
 * false when a is not one of them there. */
bool Cases_action(View *top, Action a);
/* True for text shaped like a case reference ("FD-26-000123",
 * case-insensitive, surrounding spaces ignored). Pure. */
bool Cases_is_ref(const char *s);
/* Fetches every open case screen showing ref again (after a write landed). */
void ViewCase_reload_ref(const char *ref);
/* Subscribes the case screens to the live channel (case.changed: someone
 * else's change is announced; live.reload); once, at start-up. */
void ViewCase_init(void);
/* Opens the case screen for ref (normalised to upper case). */
void Cases_open(const char *ref);

/* "2 d 03:12 left", "45:10 left", "PAST SLA by 1:02:03": the SLA
 * countdown in words (never colour alone). Pure. */
void Cases_sla_text(long long seconds_left, char *out, size_t cap);
/* An RFC 3339 UTC time as people read it here ("23 Nov 2026 14:05"). */
void Cases_local_time(const char *rfc3339, char *out, size_t cap);
/* Plain words for an enum value: "awaiting_customer" -> "awaiting customer". */
void Cases_words(const char *code, char *out, size_t cap);
/* The customer's open case for a service (by name), from a record's
 * "open_cases", said the one way the triage and the raise-case screen both
 * say it before a duplicate: "Open case REF for SERVICE, raised 2 days ago
 * — add a note to it?". False, and ref "", when there is none. */
bool Cases_open_for_service(const json_t *open_cases, const char *service, char *ref, size_t ref_cap,
                            char *line, size_t line_cap);

/* A call-back time typed by a person, in local time: "14:30" (today),
 * "tomorrow 10:00", "DD/MM/YYYY HH:MM", "+2h", "+30m", "+1d". 0 with
 * *out set, or -1 with *why saying what is wrong (a past time, a shape
 * not understood). Pure apart from the time zone. */
int Callback_parse_when(const char *s, time_t now, time_t *out, const char **why);

#endif
