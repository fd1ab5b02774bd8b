/* identity_check: the identity check on the live contact (identity.h
 * has the methods). */
#ifndef FD_IDENTITY_CHECK_H
#define FD_IDENTITY_CHECK_H
#include <stddef.h>

/* The record's line about this customer's identity on the live contact:
 * not checked (with what to ask), checked (how) or not confirmed. */
void IdentityCheck_banner(const char *customer_id, char *out, size_t cap);
/* Asks the advisor, one question at a time on the message line, whether
 * the caller answered each method correctly; refused (with a message)
 * unless a contact with this customer is live. */
void IdentityCheck_ask(const char *customer_id);

#endif
