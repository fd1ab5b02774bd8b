/* wrapup: the wrap-code tree (GET wrapcodes, cached in memory and
 * in <state_dir>/wrapcodes.json so the wrap-up works while the server is
 * down), the advisor's most used codes (counted locally, per user) and the
 * wrap-up screen itself (view_wrapup.c). */
#ifndef FD_WRAPUP_H
#define FD_WRAPUP_H
#include <stdbool.h>
#include <stddef.h>

#include "client/core/view.h"

typedef struct WrapCode {
    char code[64];
    char label[160];
    char topic[64];
    char topic_label[160];
    bool avoidable;
    bool progress_chasing;
} WrapCode;

/* After sign-in: the cached tree at once, then a fresh copy from the server. */
void Wrapcodes_load(void);
/* Asks the server again (when the wrap-up opens with an old or no copy). */
void Wrapcodes_refresh(void);
size_t Wrapcodes_count(void);
/* No copy of the tree and the server did not answer the last ask (the
 * module keeps asking every retry_seconds until it does). */
bool Wrapcodes_not_reached(void);
const WrapCode *Wrapcodes_get(size_t i);
const WrapCode *Wrapcodes_find(const char *code);
/* Every word of filter (case-insensitive) appears in the topic label,
 * the reason label or the code. Pure: unit tested. */
bool Wrapcodes_match(const WrapCode *w, const char *filter);
/* A code of the safeguarding topic: recorded only after a triage's
 * safeguarding outcome (which raises the urgent duty case), so it is
 * never a number key nor offered in an ordinary wrap-up. */
bool Wrapcodes_is_safeguarding(const WrapCode *w);
/* Counts a use of code for this advisor (in <state_dir>/wrap-usage-<user>.json). */
void Wrapcodes_note_used(const char *code);
/* The advisor's most used codes for the number keys, fixed for the shift:
 * ranked (most used first, ties in the tree's order) when first asked
 * after sign-in, and never reordered until sign-out, so 1 means the same
 * code all shift; keys still free take the next most used codes as the
 * shift goes on; safeguarding codes never take a key. Returns how many were stored (at most max); an entry is
 * NULL when a fresh tree no longer has that code (its key stays empty). */
size_t Wrapcodes_top(const WrapCode **out, size_t max);
void Wrapcodes_free(void);

#endif
