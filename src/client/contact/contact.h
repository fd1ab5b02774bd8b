/* contact: the live contact with a caller, its handle-time clock and the
 * after-contact work (wrap-up) that must follow it.
 *
 * One contact at a time: starting one while another is live or waiting
 * for its wrap-up is refused, so every interaction ends in a wrap code.
 * The live contact is also kept in <state_dir>/outbox/<user>-contact.json
 * (0600) so a crash or a closed terminal cannot lose it: the next sign-in
 * goes straight to its wrap-up. The finished record goes to the server
 * through the outbox (kind "contact").
 *
 * The triage and case views (issues 4 and 6) feed the wrap-up through
 * Contact_suggest_wrap, Contact_set_triage and Contact_add_case_ref. */
#ifndef FD_CONTACT_H
#define FD_CONTACT_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

typedef enum ContactPhase {
    CONTACT_NONE,
    CONTACT_CHOOSING,  /* the channel question is on screen */
    CONTACT_LIVE,      /* the handle-time clock runs */
    CONTACT_WRAPUP,    /* ended: the after-contact work clock runs */
} ContactPhase;

extern const char *const contact_channels[];       /* "phone", ... NULL-terminated */
extern const char *const contact_channel_labels[]; /* "Phone", "Face to face", ... */

typedef struct Contact {
    ContactPhase phase;
    char customer_id[32];      /* "" when anonymous */
    char customer_name[200];
    int contacts_last_7_days;  /* from the single view; -1 unknown */
    char warnings[400];        /* the customer's warnings in one line, or "" */
    char channel[16];
    time_t started, ended;     /* wall clock, for the record */
    long long started_ms, ended_ms; /* monotonic, for the clocks */
    char suggested_wrap[64];
    json_t *triage;            /* a QuestionnaireResponse, or NULL */
    char script_id[64], script_version[32];
    json_t *case_refs;         /* array of strings */
    json_t *identity;          /* {"status", "methods"} (identity_check.h), or NULL: not checked */
    json_t *articles;          /* KB articles read: [{"id", "answer"}], or NULL */
    json_t *script;            /* the triage script, kept once it reaches safeguarding */
    /* The offered call this contact answers (the screen pop), or "":
     * sent as the contact's call_id (the server records its wait and
     * service); service and wait are kept for the draft on disk. */
    char call_id[40];
    char service[64];          /* the dialled number's service code */
    long waited_seconds;       /* how long the caller queued */
} Contact;

extern Contact contact;

/* At start-up: the outbox handler that reports contacts as they land. */
void Contact_init(void);
/* After sign-in: a contact left by a crash goes to its wrap-up; true
 * when there was one. */
bool Contact_restore(void);

/* Asks for the channel (phone by default) then starts the clock.
 * customer_id NULL or "" is an anonymous contact. false (with a message)
 * when another contact is live or waiting for its wrap-up. */
bool Contact_start(const char *customer_id, const char *customer_name, int contacts_last_7_days);
/* Contact_start for a customer record or a search row (id, display_name,
 * contacts_last_7_days when known), with the customer's warnings in words
 * (Warnings_summary) kept for the wrap-up. */
bool Contact_start_for(const json_t *customer);
/* A call offered to the advisor (the screen pop): the next contact
 * started answers it, on the phone with no channel question, recording
 * the call, its service and the wait. Contact_withdraw_call forgets it
 * (the caller hung up) unless a contact answers it already; with id NULL,
 * whatever was offered. Contact_offered_call: the id, or "". */
void Contact_offer_call(const char *id, const char *service, long waited_seconds);
void Contact_withdraw_call(const char *id);
/* The offered call's number is this one customer's: a contact started
 * with no record chosen is with them. */
void Contact_offer_caller(const char *customer_id, const char *name);
const char *Contact_offered_call(void);
/* Stops the clock and opens the wrap-up screen. */
void Contact_end(void);
/* The wrap-up was sent to the outbox: the contact is over. */
void Contact_finished(void);
/* Sign-out: forget the contact in memory (its draft stays on disk for
 * this user's next sign-in). */
void Contact_forget(void);
/* True while a contact is live or its wrap-up is not done. */
bool Contact_busy(void);

/* For the triage and case views: the wrap code to preselect, the triage
 * that was run (the response is copied) and linked case references. Any
 * of them before or during the wrap-up; ignored with no contact. */
void Contact_suggest_wrap(const char *code);
void Contact_set_triage(const json_t *questionnaire_response, const char *script_id,
                        const char *version);
void Contact_add_case_ref(const char *ref);
/* The identity check's result (copied), from identity.c. */
void Contact_set_identity(const json_t *identity_check);
/* Keep the triage's script with the contact (a safeguarding outcome must
 * reopen after a crash, server or not). */
void Contact_keep_script(const json_t *script);
/* The KB articles read during the contact, and the one marked as the
 * answer given (only one: marking another moves the mark). False with no
 * contact. */
bool Contact_article_read(const char *id);
bool Contact_article_answer(const char *id);
bool Contact_article_is_answer(const char *id);

/* "Call 03:12" / "After-contact work 00:41" / "" for the status line. */
void Contact_clock_text(char *out, size_t cap);
/* mm:ss (or h:mm:ss) of ms, for the clocks and tests. */
void Contact_format_duration(long long ms, char *out, size_t cap);
/* Where the status line drew the clock, so the 1 s tick can redraw only
 * that cell. */
void Contact_clock_drawn_at(int y, int x, int width);

#endif
