/* text: UTF-8 checks and the normalisations that make one search box work.
 *
 * The seed generator, the server's index and the server's query parser all
 * use these, so a name is folded the same way when stored and when sought. */
#ifndef FD_TEXT_H
#define FD_TEXT_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
bool Text_utf8_valid(const char *s, size_t len);
/* Whether every blank-separated word of typed is found, ignoring ASCII
 * case, somewhere in at least one of the n strings (NULLs are skipped):
 * how pick lists and the wrap-code filter match what an advisor types. */
bool Text_words_in_any(const char *typed, const char *const *hay, size_t n);

/* Decode one code point; returns bytes used (>=1), or 0 at the end.
 * Invalid bytes decode as U+FFFD and consume one byte. */
size_t Text_utf8_next(const char *s, unsigned *cp);

/* snprintf that never stops inside a character: on truncation the output
 * ends at the last whole UTF-8 character. Returns the bytes written. */
size_t Text_format(char *out, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
size_t Text_vformat(char *out, size_t cap, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* Number of code points (characters) in a UTF-8 string. */
size_t Text_utf8_length(const char *s);

/* Number of terminal columns a UTF-8 string takes (wcwidth per code point,
 * unprintables count 1). */
size_t Text_display_width(const char *s);

typedef enum {
    FOLD_JOIN_APOSTROPHE = 1, /* O'Brien -> obrien (else o brien) */
    FOLD_JOIN_HYPHEN = 2,     /* Smith-Jones -> smithjones (else smith jones) */
} FoldFlags;

/* Fold to lower-case letters and digits separated by single spaces. Latin
 * letters become ASCII with accents removed (Zoë -> zoe, Łukasz -> lukasz,
 * ß -> ss); letters and digits of other scripts are kept, lower-cased where
 * the script has case, Greek without its accents (Шевченко -> шевченко,
 * Νίκος -> νικοσ, 王 -> 王); punctuation separates words. The output is
 * whole UTF-8 characters. Returns the length written (always
 * NUL-terminated, truncated to cap-1). */
size_t Text_fold(const char *in, char *out, size_t cap, int flags);

/* Every search key a name should be found by, space separated: the words
 * as typed, with apostrophes joined and split, hyphenated parts alone and
 * joined. "Mary-Ann O'Brien" -> "mary ann maryann obrien o brien". */
size_t Text_name_keys(const char *name, char *out, size_t cap);

/* The folded words of q (apostrophes joined) as FTS5 prefix terms joined
 * by AND: "\"w1\"* AND \"w2\"*", at most max_terms, each cut at 40
 * characters. Folded words hold only letters and digits, so nothing typed
 * reaches FTS5's query syntax. Returns the number of terms. */
int Text_fts_terms(const char *q, int max_terms, char *out, size_t cap);

/* Upper-case letters and digits only: "sw1a 1aa" -> "SW1A1AA". */
size_t Text_alnum_upper(const char *in, char *out, size_t cap);

/* A UK postcode in its usual form: "fd19zz" -> "FD1 9ZZ" (the inward code
 * is always the last three characters). Returns 0 unless it has 5-7
 * letters and digits. */
size_t Text_postcode(const char *in, char *out, size_t cap);

/* A UK phone number as national digits: "+44 (0)7700 900123", "07700-900123"
 * -> "07700900123". Returns 0 (and out = "") unless the text is a plausible
 * phone number: only digits, spaces, + ( ) - . and 9 to 13 digits. */
size_t Text_phone(const char *in, char *out, size_t cap);

/* Lower-cased, trimmed e-mail address, or 0 unless it has one '@' with
 * text both sides and no spaces. */
size_t Text_email(const char *in, char *out, size_t cap);

/* Trim leading/trailing ASCII white space in place; returns s. */
char *Text_trim(char *s);
/* "<user>-<16 hex digits of FNV-1a of server>": a readable file name for
 * what a client keeps per server and user (the user's characters outside
 * A-Z a-z 0-9 - _ . become _; no slashes from the URL). */
void Text_user_server_stem(const char *user, const char *server, char *out, size_t cap);

#endif
