/* identity: confirming who is calling before their account is discussed
 * (issue 9.6). The record shows "Identity not checked" until the advisor
 * has asked the caller the configured questions (identity_checks: date of
 * birth, postcode, reference) and enough were right
 * (identity_checks_required, 2 by default). The answer goes on the live
 * contact, and so to the server as the contact's identity_check. This is
 * the methods' table (config.c checks the file with it); identity_check.h
 * asks them. */
#ifndef FD_IDENTITY_H
#define FD_IDENTITY_H
#include <stdbool.h>
#include <stddef.h>

enum { IDENTITY_MAX_METHODS = 3 };

/* The method codes named in config (comma-separated), in its order, each
 * once; unknown names are left out (config.c reports them as errors when
 * the file is read). Returns how many went into out. */
size_t Identity_methods(const char *config, const char **out, size_t max);
/* The next name from *p (moved past it, starting at list) that is not a
 * method or names one again (*repeated), with its length in *len; NULL
 * when there is none. For the config's errors. */
const char *Identity_bad_name(const char *list, const char **p, size_t *len, bool *repeated);
/* A method code in words for the advisor ("date of birth"); an unknown
 * code as it is. */
const char *Identity_words(const char *code);
/* The method codes, for messages: "date_of_birth, postcode, reference". */
const char *Identity_codes(void);
#endif
