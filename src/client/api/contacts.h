/* contacts: the record of a contact (the wrap-up), and call-backs: booked,
 * listed and completed. Writes go through the outbox. */
#ifndef FD_API_CONTACTS_H
#define FD_API_CONTACTS_H
#include <jansson.h>
#include <stdbool.h>

#include "client/api/api.h"

/* One contact as it is recorded. A string NULL or "" and a json NULL (or
 * an empty array) are left out. */
typedef struct ContactDraft {
    const char *channel, *started_at, *ended_at;   /* RFC 3339 UTC */
    const char *wrap_code, *outcome;
    int avoidable;                 /* 0 or 1; -1 leaves it to the wrap code */
    const char *avoidable_reason, *customer_id, *note;
    const json_t *triage_response;   /* with script_id and script_version */
    const char *script_id, *script_version;
    const json_t *case_refs;         /* array of refs; or case_ref for one */
    const char *case_ref;
    const json_t *identity_check, *articles;
    const char *call_id;             /* the screen pop's call it answered */
} ContactDraft;

/* A call-back to book. A string NULL or "" and a json NULL are left out,
 * except team_code: NULL leaves it out, "" is sent as it is. */
typedef struct CallbackDraft {
    const char *phone, *due_at, *reason;   /* due_at RFC 3339 UTC */
    const char *assignee, *team_code, *customer_id, *case_ref;
    const json_t *triage_response;
} CallbackDraft;

/* The wire body of d (new reference): ContactInput. For unit tests. */
json_t *ApiContacts_body(const ContactDraft *d);
/* Journals the contact (outbox kind "contact"). 0 once durable, -1 not
 * (Outbox_last_error()). */
int ApiContacts_record(const ContactDraft *d, const char *label);
/* A contact refused (400) for its call_id alone (the call was never
 * taken, or is on another contact): a copy of body without call_id, to
 * record the contact all the same; NULL when anything else was wrong or
 * there was no call_id. Pure, for unit tests. */
json_t *ApiContacts_without_call(const json_t *body, const json_t *problem);
/* Re-sends the refused contact entry e without its call_id when
 * ApiContacts_without_call allows: true when it was re-sent. */
bool ApiContacts_resend_without_call(const char *id, const json_t *body, const json_t *problem);
/* Journals a call-back booking (kind "callback.create"); id_out as
 * Outbox_submit (may be NULL). */
int ApiContacts_book_callback(const CallbackDraft *d, const char *label, char *id_out);
/* Journals the call-back id as done, with the contact it made (kind
 * "callback.complete"). */
int ApiContacts_complete_callback(const char *id, const ContactDraft *d, const char *label);
/* GET callbacks?due=all: every open call-back (retried). */
ApiCall *ApiContacts_callbacks(ApiTo to);

#endif
