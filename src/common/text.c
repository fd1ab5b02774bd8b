#include "common/text.h"

#include <ctype.h>
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>
#include <wctype.h>

bool Text_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        unsigned c = *p;
        size_t n;
        unsigned cp, min;
        if (c < 0x80) { p++; continue; }
        else if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; min = 0x80; }
        else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; min = 0x800; }
        else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; min = 0x10000; }
        else return false;
        if ((size_t)(end - p) <= n)
            return false;
        for (size_t i = 1; i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        p += n + 1;
    }
    return true;
}

size_t Text_utf8_next(const char *s, unsigned *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned c = p[0];
    if (!c) { *cp = 0; return 0; }
    size_t n;
    unsigned v;
    if (c < 0x80) { *cp = c; return 1; }
    else if ((c & 0xE0) == 0xC0) { n = 1; v = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 2; v = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; v = c & 0x07; }
    else { *cp = 0xFFFD; return 1; }
    for (size_t i = 1; i <= n; i++) {
        if ((p[i] & 0xC0) != 0x80) { *cp = 0xFFFD; return 1; }
        v = (v << 6) | (p[i] & 0x3F);
    }
    *cp = v;
    return n + 1;
}

/* Cuts a character left incomplete at the end of s (what a byte-bounded
 * copy leaves when it stops mid-sequence); returns the new length. */
static size_t utf8_cut(char *s)
{
    size_t len = strlen(s), lead = len;
    while (lead > 0 && len - lead < 3 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead == 0)
        return len;
    unsigned c = (unsigned char)s[lead - 1];
    size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (c >= 0xC0 && len - (lead - 1) < need)
        s[len = lead - 1] = '\0';
    return len;
}

size_t Text_vformat(char *out, size_t cap, const char *fmt, va_list ap)
{
    if (cap == 0)
        return 0;
    int n = vsnprintf(out, cap, fmt, ap);
    if (n < 0) {
        out[0] = '\0';
        return 0;
    }
    return (size_t)n < cap ? (size_t)n : utf8_cut(out);
}

size_t Text_format(char *out, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t n = Text_vformat(out, cap, fmt, ap);
    va_end(ap);
    return n;
}

size_t Text_utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

size_t Text_display_width(const char *s)
{
    size_t w = 0;
    unsigned cp;
    size_t n;
    while ((n = Text_utf8_next(s, &cp)) > 0) {
        int cw = wcwidth((wchar_t)cp);
        w += cw < 0 ? 1 : (size_t)cw;
        s += n;
    }
    return w;
}

/* Base letters for U+00C0..U+00FF and U+0100..U+017F. '1' stands for "ij",
 * '2' for "oe", '3' for "ae", '4' for "th", '5' for "ss", ' ' for a
 * separator (the multiplication and division signs). */
static const char latin1_base[] =
    "aaaaaa3ceeeeiiiidnooooo ouuuuy45"
    "aaaaaa3ceeeeiiiidnooooo ouuuuy4y";
static const char latin_ext_a_base[] =
    "aaaaaaccccccccddddeeeeeeeeeegggg"
    "gggghhhhiiiiiiiiii11jjkkklllllll"
    "lllnnnnnnnnnoooooo22rrrrrrssssss"
    "ssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* The UTF-8 locale the folding classifies other scripts with, made once
 * with newlocale so the server's own locale (often "C") does not matter.
 * NULL when the system has none: then a small table lowercases. */
static locale_t utf8_locale;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void utf8_locale_init(void)
{
    static const char *const names[] = {"C.UTF-8", "C.utf8", "en_US.UTF-8"};
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !utf8_locale; i++)
        utf8_locale = newlocale(LC_CTYPE_MASK, names[i], (locale_t)0);
}

/* Greek letters written with an accent or diaeresis, and final sigma, as
 * their plain lower-case letter: "Νίκος" and "ΝΙΚΟΣ" both fold to "νικοσ". */
static unsigned greek_base(unsigned cp)
{
    static const struct { unsigned from, to; } map[] = {
        {0x386, 0x3B1}, {0x388, 0x3B5}, {0x389, 0x3B7}, {0x38A, 0x3B9}, {0x38C, 0x3BF},
        {0x38E, 0x3C5}, {0x38F, 0x3C9}, {0x390, 0x3B9}, {0x3AA, 0x3B9}, {0x3AB, 0x3C5},
        {0x3AC, 0x3B1}, {0x3AD, 0x3B5}, {0x3AE, 0x3B7}, {0x3AF, 0x3B9}, {0x3B0, 0x3C5},
        {0x3C2, 0x3C3}, {0x3CA, 0x3B9}, {0x3CB, 0x3C5}, {0x3CC, 0x3BF}, {0x3CD, 0x3C5},
        {0x3CE, 0x3C9},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].from == cp)
            return map[i].to;
    return cp;
}

/* Without a UTF-8 locale: every code point outside the punctuation and
 * symbol blocks is a letter; Cyrillic, Greek and Armenian capitals lower. */
static unsigned fallback_lower(unsigned cp, bool *letter)
{
    *letter = !(cp >= 0x2000 && cp <= 0x2BFF) && !(cp >= 0x3000 && cp <= 0x303F) &&
              !(cp >= 0xFE30 && cp <= 0xFE6F) && !(cp >= 0xFF00 && cp <= 0xFF0F) &&
              cp != 0xFFFD;
    if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
    if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 0x20;
    if (cp >= 0x531 && cp <= 0x556) return cp + 0x30;
    return cp;
}

static int fold_cp(unsigned cp, char out[4]);

/* A letter or digit of a script the ASCII tables do not cover, lower-cased
 * where the script has case and written to out as UTF-8; 0 for anything
 * else (a separator). */
static int fold_other_script(unsigned cp, char out[4])
{
    bool letter;
    pthread_once(&utf8_once, utf8_locale_init);
    if (utf8_locale) {
        letter = iswalnum_l((wint_t)cp, utf8_locale) != 0;
        cp = (unsigned)towlower_l((wint_t)cp, utf8_locale);
    } else {
        cp = fallback_lower(cp, &letter);
    }
    if (!letter)
        return 0;
    /* Some lower into Latin (Kelvin sign -> k, capital sharp s -> ß): fold
     * those as Latin, so they match what is typed. */
    if (cp < 0x180)
        return fold_cp(cp, out);
    cp = greek_base(cp);
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    int n = cp < 0x10000 ? 3 : 4;
    out[0] = (char)(n == 3 ? 0xE0 | (cp >> 12) : 0xF0 | (cp >> 18));
    for (int i = 1; i < n; i++)
        out[i] = (char)(0x80 | ((cp >> (6 * (n - 1 - i))) & 0x3F));
    return n;
}

/* The folded form of one code point: fills out (up to 4 bytes) and returns
 * the count, 0 for a separator, -1 for an apostrophe, -2 for a hyphen, -3
 * for a combining accent (dropped: "Zoe" + U+0308 is "zoe"). */
static int fold_cp(unsigned cp, char out[4])
{
    if (cp < 0x80) {
        if (isalnum((int)cp)) { out[0] = (char)tolower((int)cp); return 1; }
        if (cp == '\'' || cp == '`') return -1;
        if (cp == '-') return -2;
        return 0;
    }
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC) return -1;
    if (cp == 0x2010 || cp == 0x2011) return -2;
    if (cp >= 0x300 && cp <= 0x36F) return -3;
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return 0;
    if (cp > 0x17F) return fold_other_script(cp, out);
    char c = cp <= 0xFF ? latin1_base[cp - 0xC0] : latin_ext_a_base[cp - 0x100];
    switch (c) {
    case '1': out[0] = 'i'; out[1] = 'j'; return 2;
    case '2': out[0] = 'o'; out[1] = 'e'; return 2;
    case '3': out[0] = 'a'; out[1] = 'e'; return 2;
    case '4': out[0] = 't'; out[1] = 'h'; return 2;
    case '5': out[0] = 's'; out[1] = 's'; return 2;
    default: out[0] = c; return 1;
    }
}

size_t Text_fold(const char *in, char *out, size_t cap, int flags)
{
    size_t len = 0;
    bool pending_space = false;
    unsigned cp;
    size_t n;
    if (cap == 0)
        return 0;
    while ((n = Text_utf8_next(in, &cp)) > 0) {
        in += n;
        char f[4];
        int k = fold_cp(cp, f);
        if (k == -3) continue;
        if (k == -1 && (flags & FOLD_JOIN_APOSTROPHE)) continue;
        if (k == -2 && (flags & FOLD_JOIN_HYPHEN)) continue;
        if (k <= 0) { pending_space = len > 0; continue; }
        /* A whole character or nothing: the output stays valid UTF-8. */
        if (len + (pending_space ? 1 : 0) + (size_t)k >= cap)
            break;
        if (pending_space) out[len++] = ' ';
        pending_space = false;
        memcpy(out + len, f, (size_t)k);
        len += (size_t)k;
    }
    out[len] = '\0';
    return len;
}

/* Append the words of `words` to out that are not there yet. */
static size_t add_words(char *out, size_t len, size_t cap, const char *words)
{
    char copy[1024];
    Text_format(copy, sizeof copy, "%s", words);
    char *save = NULL;
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        size_t wl = strlen(w);
        bool seen = false;
        for (const char *p = out; (p = strstr(p, w)) != NULL; p += wl) {
            if ((p == out || p[-1] == ' ') && (p[wl] == ' ' || p[wl] == '\0')) {
                seen = true;
                break;
            }
        }
        if (seen || len + wl + 2 > cap)
            continue;
        if (len) out[len++] = ' ';
        memcpy(out + len, w, wl + 1);
        len += wl;
    }
    return len;
}

size_t Text_name_keys(const char *name, char *out, size_t cap)
{
    static const int variants[] = {
        FOLD_JOIN_APOSTROPHE, 0, FOLD_JOIN_APOSTROPHE | FOLD_JOIN_HYPHEN,
    };
    char tmp[1024];
    size_t len = 0;
    if (cap == 0)
        return 0;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        Text_fold(name, tmp, sizeof tmp, variants[i]);
        len = add_words(out, len, cap, tmp);
    }
    return len;
}

int Text_fts_terms(const char *q, int max_terms, char *out, size_t cap)
{
    char folded[1024];
    Text_fold(q, folded, sizeof folded, FOLD_JOIN_APOSTROPHE);
    size_t used = 0;
    int n = 0;
    char *save = NULL;
    if (cap == 0)
        return 0;
    out[0] = '\0';
    for (char *w = strtok_r(folded, " ", &save); w && n < max_terms;
         w = strtok_r(NULL, " ", &save)) {
        /* A term is cut at 40 characters, not bytes: never mid-character. */
        char term[41 * 4];
        size_t i = 0;
        unsigned cp;
        for (int c = 0; w[i] && c < 40; c++)
            i += Text_utf8_next(w + i, &cp);
        Text_format(term, sizeof term, "%.*s", (int)i, w);
        size_t k = (size_t)snprintf(out + used, cap - used, "%s\"%s\"*", n ? " AND " : "", term);
        if (k >= cap - used) {
            out[used] = '\0';
            break;
        }
        used += k;
        n++;
    }
    return n;
}

size_t Text_alnum_upper(const char *in, char *out, size_t cap)
{
    size_t len = 0;
    if (cap == 0)
        return 0;
    for (; *in && len + 1 < cap; in++) {
        unsigned char c = (unsigned char)*in;
        if (isalnum(c))
            out[len++] = (char)toupper(c);
    }
    out[len] = '\0';
    return len;
}

/* The shapes of a UK postcode's outward code (A9, A99, AA9, AA99, A9A,
 * AA9A) followed by the inward code 9AA; 'A' a letter, '9' a digit. */
static bool postcode_shape(const char *c, size_t n)
{
    static const char *const outward[] = {"A9", "A99", "AA9", "AA99", "A9A", "AA9A"};
    if (n < 5 || n > 7 || !isdigit((unsigned char)c[n - 3]) ||
        !isalpha((unsigned char)c[n - 2]) || !isalpha((unsigned char)c[n - 1]))
        return false;
    for (size_t k = 0; k < sizeof outward / sizeof outward[0]; k++) {
        const char *shape = outward[k];
        bool ok = strlen(shape) == n - 3;
        for (size_t i = 0; ok && i < n - 3; i++)
            ok = shape[i] == 'A' ? isalpha((unsigned char)c[i]) : isdigit((unsigned char)c[i]);
        if (ok)
            return true;
    }
    return false;
}

size_t Text_postcode(const char *in, char *out, size_t cap)
{
    char compact[16];
    size_t n = Text_alnum_upper(in, compact, sizeof compact);
    if (!postcode_shape(compact, n) || cap < n + 2) {
        if (cap) out[0] = '\0';
        return 0;
    }
    memcpy(out, compact, n - 3);
    out[n - 3] = ' ';
    memcpy(out + n - 2, compact + n - 3, 4);
    return n + 1;
}

size_t Text_phone(const char *in, char *out, size_t cap)
{
    char digits[32];
    size_t nd = 0;
    bool plus = false;
    if (cap == 0)
        return 0;
    out[0] = '\0';
    for (const char *p = in; *p; p++) {
        if (isdigit((unsigned char)*p)) {
            if (nd + 1 >= sizeof digits) return 0;
            digits[nd++] = *p;
        } else if (*p == '+') {
            if (nd) return 0;
            plus = true;
        } else if (!strchr(" ()-.", *p)) {
            return 0;
        }
    }
    digits[nd] = '\0';
    const char *d = digits;
    char national[32];
    /* +44 7700... and 0044 7700... are the national 07700...; the trunk
     * "(0)" some people write after +44 is dropped. */
    bool intl_plus = plus && nd >= 2 && d[0] == '4' && d[1] == '4';
    bool intl_zeros = nd >= 4 && memcmp(d, "0044", 4) == 0;
    /* 447700900123, as phone systems send caller ids: no national number
     * starts with 4, so this can only be +44. */
    bool intl_bare = !plus && nd >= 11 && nd <= 13 && d[0] == '4' && d[1] == '4';
    if (intl_plus || intl_zeros || intl_bare) {
        d += intl_zeros ? 4 : 2;
        if (*d == '0') d++;
        snprintf(national, sizeof national, "0%s", d);
        d = national;
    }
    size_t len = strlen(d);
    if (len < 9 || len > 13 || len + 1 > cap)
        return 0;
    memcpy(out, d, len + 1);
    return len;
}

size_t Text_email(const char *in, char *out, size_t cap)
{
    while (isspace((unsigned char)*in)) in++;
    size_t len = strlen(in);
    while (len && isspace((unsigned char)in[len - 1])) len--;
    const char *at = memchr(in, '@', len);
    if (!at || at == in || at == in + len - 1 || len + 1 > cap)
        return 0;
    if (memchr(at + 1, '@', len - (size_t)(at - in) - 1))
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (isspace((unsigned char)in[i]))
            return 0;
        out[i] = (char)tolower((unsigned char)in[i]);
    }
    out[len] = '\0';
    return len;
}

char *Text_trim(char *s)
{
    char *start = s;
    while (isspace((unsigned char)*start)) start++;
    size_t len = strlen(start);
    while (len && isspace((unsigned char)start[len - 1])) len--;
    memmove(s, start, len);
    s[len] = '\0';
    return s;
}

static bool Text_word_in(const char *hay, const char *word, size_t len)
{
    for (const char *p = hay; p && *p; p++)
        if (strncasecmp(p, word, len) == 0)
            return true;
    return false;
}

bool Text_words_in_any(const char *typed, const char *const *hay, size_t n)
{
    const char *p = typed;
    while (*p) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " "), i = 0;
        if (!len)
            break;
        while (i < n && !Text_word_in(hay[i], p, len))
            i++;
        if (i == n)
            return false;
        p += len;
    }
    return true;
}

void Text_user_server_stem(const char *user, const char *server, char *out, size_t cap)
{
    unsigned long long h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)server; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    char safe[64];
    size_t k = 0;
    for (const char *p = user; *p && k + 1 < sizeof safe; p++)
        safe[k++] = (isalnum((unsigned char)*p) || *p == '-' || *p == '_' || *p == '.') ? *p : '_';
    safe[k] = '\0';
    snprintf(out, cap, "%s-%016llx", safe, h);
}
