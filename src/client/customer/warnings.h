/* warnings: what the advisor must know about a customer, in words (never
 * colour alone), the same on every screen that serves them: the single
 * view, triage, a case, a call-back and the wrap-up.
 *
 * customer is a customer record (GET /customers/{id}), a case's customer
 * or a search row: flags, digitally_excluded (or has_email, or a missing
 * email) and contacts_last_7_days where it has them. */
#ifndef FD_WARNINGS_H
#define FD_WARNINGS_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* How many lines Warnings_lines can write for customer. */
size_t Warnings_max(const json_t *customer);
/* "!! CAUTIONARY CONTACT: detail" for each flag, "!  NO E-MAIL ...",
 * "!! REPEAT CALLER: ..." (safety first) into out (each malloc'd, the caller frees). A restricted detail
 * shows as "details restricted" unless revealed. Returns the count. */
size_t Warnings_lines(const json_t *customer, bool revealed, char **out, size_t max);
/* The same in one line for a screen's header: "!! CAUTIONARY CONTACT ·
 * VULNERABLE ADULT · NO E-MAIL"; "" when there is nothing to know. */
void Warnings_summary(const json_t *customer, char *out, size_t cap);
/* True for a caller who cannot be sent to a web form. */
bool Warnings_no_email(const json_t *customer);
/* The record of customer id open in a single view on the stack, or NULL. */
const json_t *Warnings_record(const char *customer_id);

#endif
