#include "common/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

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

size_t Text_utf8_cut(char *s)
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
    return (size_t)n < cap ? (size_t)n : Text_utf8_cut(out);
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

/* Lower-case ASCII for one code point: fills out (up to 2 chars) and
 * returns the count, 0 for a separator, -1 for an apostrophe. */
static int fold_cp(unsigned cp, char out[2])
{
    if (cp < 0x80) {
        if (isalnum((int)cp)) { out[0] = (char)tolower((int)cp); return 1; }
        if (cp == '\'' || cp == '`') return -1;
        if (cp == '-') return -2;
        return 0;
    }
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC) return -1;
    if (cp == 0x2010 || cp == 0x2011) return -2;
    char c = 0;
    if (cp >= 0xC0 && cp <= 0xFF) c = latin1_base[cp - 0xC0];
    else if (cp >= 0x100 && cp <= 0x17F) c = latin_ext_a_base[cp - 0x100];
    switch (c) {
    case 0: case ' ': return 0;
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
        char f[2];
        int k = fold_cp(cp, f);
        if (k == -1 && (flags & FOLD_JOIN_APOSTROPHE)) continue;
        if (k == -2 && (flags & FOLD_JOIN_HYPHEN)) continue;
        if (k <= 0) { pending_space = len > 0; continue; }
        if (pending_space && len + 1 < cap) out[len++] = ' ';
        pending_space = false;
        for (int i = 0; i < k && len + 1 < cap; i++)
            out[len++] = f[i];
    }
    out[len] = '\0';
    return len;
}

/* Append the words of `words` to out that are not there yet. */
static size_t add_words(char *out, size_t len, size_t cap, const char *words)
{
    char copy[512];
    snprintf(copy, sizeof copy, "%s", words);
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
    char tmp[512];
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
    if (intl_plus || intl_zeros) {
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
