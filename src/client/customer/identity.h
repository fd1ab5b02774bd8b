/* identity: confirming who is calling before their account is discussed
 * (issue 9.6). The record shows "Identity not checked" until the advisor
 * has asked the caller the configured questions (identity_checks: date of
 * birth, postcode, reference) and enough were right
 * (identity_checks_required, 2 by default). The answer goes on the live
 * contact, and so to the server as the contact's identity_check. */
#ifndef FD_IDENTITY_H
#define FD_IDENTITY_H
#include <stdbool.h>
#include <stddef.h>

/* The method codes named in config (comma-separated), in its order, each
 * once; unknown names are left out (config.c reports them as errors when
 * the file is read). Returns how many went into out. */
size_t Identity_methods(const char *config, const char **out, size_t max);
/* The next name from *p (moved past it, starting at list) that is not a
 * method or names one again (*repeated), with its length in *len; NULL
 * when there is none. For the config's errors. */
const char *Identity_bad_name(const char *list, const char **p, size_t *len, bool *repeated);
/* The method codes, for messages: "date_of_birth, postcode, reference". */
const char *Identity_codes(void);
/* The record's line about this customer's identity on the live contact:
 * not checked (with what to ask), checked (how) or not confirmed. */
void Identity_banner(const char *customer_id, char *out, size_t cap);
/* Asks the advisor, one question at a time on the message line, whether
 * the caller answered each method correctly; refused (with a message)
 * unless a contact with this customer is live. */
void Identity_check(const char *customer_id);

#endif
