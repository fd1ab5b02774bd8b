/* qvalue: typed answer values. Advisors type dates the British way
 * (DD/MM/YYYY) or the ISO way; what is stored and compared is always the
 * FHIR form, so a saved QuestionnaireResponse reads the same everywhere. */
#include "common/qvalue.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/localday.h"
#include "common/timefmt.h"

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

void QValue_clear(QValue *v)
{
    free(v->str);
    free(v->system);
    free(v->display);
    *v = (QValue)QVALUE_INIT;
}

int QValue_copy(QValue *dst, const QValue *src)
{
    *dst = *src;
    dst->str = dup_or_null(src->str);
    dst->system = dup_or_null(src->system);
    dst->display = dup_or_null(src->display);
    if ((src->str && !dst->str) || (src->system && !dst->system) ||
        (src->display && !dst->display)) {
        QValue_clear(dst);
        return -1;
    }
    return 0;
}

static const char *const suffixes[] = {
    [QV_NONE] = "", [QV_BOOLEAN] = "Boolean", [QV_INTEGER] = "Integer",
    [QV_DECIMAL] = "Decimal", [QV_STRING] = "String", [QV_DATE] = "Date",
    [QV_DATETIME] = "DateTime", [QV_TIME] = "Time", [QV_CODING] = "Coding",
};

const char *QValue_kind_suffix(QValueKind kind)
{
    return suffixes[kind];
}

/* ---- calendar and clock checks ------------------------------------------ */

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool valid_ymd(int y, int m, int d)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return false;
    return d <= mdays[m - 1] + (m == 2 && leap(y));
}

/* Reads exactly n digits. */
static bool ndigits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* Reads 1 or 2 digits (for D/M in British dates); advances *p. */
static bool few_digits(const char **p, int *out)
{
    const char *s = *p;
    if (!isdigit((unsigned char)s[0]))
        return false;
    int n = isdigit((unsigned char)s[1]) ? 2 : 1;
    ndigits(s, n, out);
    *p = s + n;
    return true;
}

/* Parses either date form at *p, advancing past it. */
static bool scan_date(const char **p, int *y, int *m, int *d)
{
    const char *s = *p;
    if (ndigits(s, 4, y) && s[4] == '-' && ndigits(s + 5, 2, m) && s[7] == '-' &&
        ndigits(s + 8, 2, d)) {
        *p = s + 10;
        return valid_ymd(*y, *m, *d);
    }
    if (few_digits(&s, d) && *s == '/' && (s++, few_digits(&s, m)) && *s == '/' &&
        ndigits(s + 1, 4, y)) {
        *p = s + 5;
        return valid_ymd(*y, *m, *d);
    }
    return false;
}

/* HH:MM or HH:MM:SS at *p. */
static bool scan_time(const char **p, int *h, int *mi, int *se)
{
    const char *s = *p;
    if (!ndigits(s, 2, h) || s[2] != ':' || !ndigits(s + 3, 2, mi))
        return false;
    *se = 0;
    s += 5;
    if (*s == ':') {
        if (!ndigits(s + 1, 2, se))
            return false;
        s += 3;
    }
    *p = s;
    return *h <= 23 && *mi <= 59 && *se <= 59;
}

/* Z, +hh:mm or -hh:mm at *p, in minutes east of UTC. */
static bool scan_zone(const char **p, int *offset_min)
{
    const char *s = *p;
    int oh, om;
    if (*s == 'Z' || *s == 'z') {
        *offset_min = 0;
        *p = s + 1;
        return true;
    }
    if ((*s != '+' && *s != '-') || !ndigits(s + 1, 2, &oh) || s[3] != ':' ||
        !ndigits(s + 4, 2, &om) || oh > 14 || om > 59)
        return false;
    *offset_min = (oh * 60 + om) * (*s == '-' ? -1 : 1);
    *p = s + 6;
    return true;
}

/* Copies the input without leading and trailing blanks; input too long to
 * be a valid answer yields "" so that it fails to parse, rather than being
 * cut to something that does. */
static char *trimmed(const char *in, char *buf, size_t cap)
{
    while (isspace((unsigned char)*in)) in++;
    size_t n = strlen(in);
    while (n && isspace((unsigned char)in[n - 1])) n--;
    if (n >= cap)
        n = 0;
    memcpy(buf, in, n);
    buf[n] = '\0';
    return buf;
}

static const char *set_text(QValue *v, QValueKind kind, const char *s)
{
    char *copy = strdup(s);
    if (!copy)
        return "Out of memory";
    QValue_clear(v);
    v->kind = kind;
    v->str = copy;
    return NULL;
}

/* ---- advisor input ------------------------------------------------------ */

const char *QValue_parse_boolean(QValue *v, const char *in)
{
    static const char *const yes[] = {"y", "yes", "true", NULL};
    static const char *const no[] = {"n", "no", "false", NULL};
    char buf[16];
    trimmed(in, buf, sizeof buf);
    for (int i = 0; yes[i]; i++) {
        if (strcasecmp(buf, yes[i]) == 0 || strcasecmp(buf, no[i]) == 0) {
            QValue_clear(v);
            v->kind = QV_BOOLEAN;
            v->boolean = strcasecmp(buf, yes[i]) == 0;
            return NULL;
        }
    }
    return "Answer yes or no";
}

const char *QValue_parse_integer(QValue *v, const char *in)
{
    char buf[32], *end;
    trimmed(in, buf, sizeof buf);
    const char *digits = buf + (buf[0] == '+' || buf[0] == '-');
    if (!*digits || strspn(digits, "0123456789") != strlen(digits))
        return "Enter a whole number, e.g. 42";
    errno = 0;
    long long n = strtoll(buf, &end, 10);
    /* FHIR integers are 32-bit. */
    if (errno || n < INT_MIN || n > INT_MAX)
        return "That number is too large; enter a whole number between -2147483648 and 2147483647";
    QValue_clear(v);
    v->kind = QV_INTEGER;
    v->integer = n;
    return NULL;
}

/* Plain decimal notation only: no exponents, hex, "inf" or "nan", which
 * strtod would accept but no advisor means. */
static bool plain_decimal(const char *s)
{
    if (*s == '+' || *s == '-')
        s++;
    size_t whole = strspn(s, "0123456789");
    s += whole;
    size_t frac = 0;
    if (*s == '.') {
        frac = strspn(s + 1, "0123456789");
        s += 1 + frac;
    }
    return *s == '\0' && whole + frac > 0;
}

const char *QValue_parse_decimal(QValue *v, const char *in)
{
    char buf[64];
    trimmed(in, buf, sizeof buf);
    if (!plain_decimal(buf))
        return "Enter a number, e.g. 12.5";
    double d = strtod(buf, NULL);
    if (!isfinite(d))
        return "That number is too large";
    QValue_clear(v);
    v->kind = QV_DECIMAL;
    v->decimal = d;
    return NULL;
}

const char *QValue_parse_date(QValue *v, const char *in)
{
    char buf[32], out[16];
    const char *p = trimmed(in, buf, sizeof buf);
    int y, m, d;
    if (!scan_date(&p, &y, &m, &d) || *p)
        return "Enter a date as DD/MM/YYYY or YYYY-MM-DD";
    snprintf(out, sizeof out, "%04d-%02d-%02d", y, m, d);
    return set_text(v, QV_DATE, out);
}

const char *QValue_parse_datetime(QValue *v, const char *in, int utc_offset_min)
{
    char buf[48], out[40], zone[8] = "Z";
    const char *p = trimmed(in, buf, sizeof buf);
    int y, m, d, h, mi, se, off = utc_offset_min;
    if (!scan_date(&p, &y, &m, &d) || (*p != ' ' && *p != 'T' && *p != 't'))
        return "Enter a date and time as DD/MM/YYYY HH:MM or YYYY-MM-DD HH:MM";
    p++;
    if (!scan_time(&p, &h, &mi, &se) || (*p && !scan_zone(&p, &off)) || *p)
        return "Enter a date and time as DD/MM/YYYY HH:MM or YYYY-MM-DD HH:MM";
    if (off == QVALUE_LOCAL_ZONE) {
        time_t t;
        if (!Localday_at(y, m, d, h, mi, &t))
            return "That time does not exist here: the clocks go forward then";
        off = Localday_offset_min(t);
    }
    if (off < -14 * 60 || off > 14 * 60)
        return "The time zone offset must be within 14 hours of UTC";
    if (off != 0)
        snprintf(zone, sizeof zone, "%c%02d:%02d", off < 0 ? '-' : '+', abs(off) / 60,
                 abs(off) % 60);
    snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d%s", y, m, d, h, mi, se, zone);
    return set_text(v, QV_DATETIME, out);
}

const char *QValue_parse_time(QValue *v, const char *in)
{
    char buf[16], out[16];
    const char *p = trimmed(in, buf, sizeof buf);
    int h, mi, se;
    if (!scan_time(&p, &h, &mi, &se) || *p)
        return "Enter a time as HH:MM (24-hour clock)";
    snprintf(out, sizeof out, "%02d:%02d:%02d", h, mi, se);
    return set_text(v, QV_TIME, out);
}

/* True when s is already in FHIR form for the kind (used on script values). */
static bool valid_fhir(QValueKind kind, const char *s)
{
    int y, m, d, h, mi, se, off;
    const char *p = s;
    time_t t;
    switch (kind) {
    case QV_DATE:
        return strlen(s) == 10 && s[4] == '-' && scan_date(&p, &y, &m, &d) && !*p;
    case QV_TIME:
        return strlen(s) == 8 && scan_time(&p, &h, &mi, &se) && !*p;
    case QV_DATETIME:
        if (strlen(s) < 10 || s[4] != '-' || !scan_date(&p, &y, &m, &d) || *p != 'T')
            return false;
        p++;
        /* FHIR requires seconds and a zone once a time is given. */
        if (!scan_time(&p, &h, &mi, &se) || p - s != 19)
            return false;
        if (*p == '.')
            return Timefmt_parse(s, &t);
        return scan_zone(&p, &off) && !*p;
    default:
        return true;
    }
}

/* ---- FHIR JSON ---------------------------------------------------------- */

static int coding_from_json(QValue *v, const json_t *j)
{
    const json_t *code = json_object_get(j, "code");
    const json_t *sys = json_object_get(j, "system");
    const json_t *disp = json_object_get(j, "display");
    if (!json_is_object(j) || !json_is_string(code) || !*json_string_value(code) ||
        (sys && !json_is_string(sys)) || (disp && !json_is_string(disp)))
        return -2;
    v->kind = QV_CODING;
    v->str = strdup(json_string_value(code));
    v->system = dup_or_null(json_string_value(sys));
    v->display = dup_or_null(json_string_value(disp));
    return v->str ? 1 : -2;
}

static QValueKind kind_by_suffix(const char *suffix)
{
    for (int k = QV_BOOLEAN; k <= QV_CODING; k++)
        if (strcmp(suffix, suffixes[k]) == 0)
            return (QValueKind)k;
    return QV_NONE;
}

/* Converts one JSON value of a known kind; -2 when it is malformed. */
static int value_from_json(QValue *v, QValueKind kind, const json_t *j)
{
    v->kind = kind;
    switch (kind) {
    case QV_BOOLEAN:
        v->boolean = json_is_true(j);
        return json_is_boolean(j) ? 1 : -2;
    case QV_INTEGER:
        v->integer = json_integer_value(j);
        return json_is_integer(j) && v->integer >= INT_MIN && v->integer <= INT_MAX ? 1 : -2;
    case QV_DECIMAL:
        v->decimal = json_number_value(j);
        return json_is_number(j) ? 1 : -2;
    case QV_CODING:
        return coding_from_json(v, j);
    default:
        if (!json_is_string(j) || !valid_fhir(kind, json_string_value(j)))
            return -2;
        if (kind == QV_STRING && !*json_string_value(j))
            return -2;
        v->str = strdup(json_string_value(j));
        return v->str ? 1 : -2;
    }
}

int QValue_from_fhir(QValue *v, const json_t *elem, const char *prefix, const char **what)
{
    size_t plen = strlen(prefix);
    const char *key, *found = NULL;
    json_t *val, *fval = NULL;
    *v = (QValue)QVALUE_INIT;
    json_object_foreach((json_t *)elem, key, val) {
        if (strncmp(key, prefix, plen) != 0 || !isupper((unsigned char)key[plen]))
            continue;
        if (found) {
            *what = "more than one value";
            return -1;
        }
        found = key;
        fval = val;
    }
    if (!found)
        return 0;
    *what = found;
    QValueKind kind = kind_by_suffix(found + plen);
    if (kind == QV_NONE)
        return -1;
    int rc = value_from_json(v, kind, fval);
    if (rc < 0)
        QValue_clear(v);
    return rc;
}

static json_t *coding_to_json(const QValue *v)
{
    json_t *c = json_object();
    if (v->system)
        json_object_set_new(c, "system", json_string(v->system));
    json_object_set_new(c, "code", json_string(v->str));
    if (v->display)
        json_object_set_new(c, "display", json_string(v->display));
    return c;
}

int QValue_to_fhir(const QValue *v, json_t *obj)
{
    char key[32];
    json_t *j;
    snprintf(key, sizeof key, "value%s", suffixes[v->kind]);
    switch (v->kind) {
    case QV_NONE: return -1;
    case QV_BOOLEAN: j = json_boolean(v->boolean); break;
    case QV_INTEGER: j = json_integer(v->integer); break;
    case QV_DECIMAL: j = json_real(v->decimal); break;
    case QV_CODING: j = coding_to_json(v); break;
    default: j = json_string(v->str); break;
    }
    return json_object_set_new(obj, key, j);
}

/* ---- comparison --------------------------------------------------------- */

static bool numeric(const QValue *v)
{
    return v->kind == QV_INTEGER || v->kind == QV_DECIMAL;
}

static double as_double(const QValue *v)
{
    return v->kind == QV_INTEGER ? (double)v->integer : v->decimal;
}

bool QValue_kind_ordered(QValueKind kind)
{
    return kind == QV_INTEGER || kind == QV_DECIMAL || kind == QV_DATE ||
           kind == QV_DATETIME || kind == QV_TIME;
}

bool QValue_order(const QValue *a, const QValue *b, int *cmp)
{
    if (numeric(a) && numeric(b)) {
        if (a->kind == QV_INTEGER && b->kind == QV_INTEGER)
            *cmp = (a->integer > b->integer) - (a->integer < b->integer);
        else
            *cmp = (as_double(a) > as_double(b)) - (as_double(a) < as_double(b));
        return true;
    }
    if (a->kind != b->kind || !QValue_kind_ordered(a->kind))
        return false;
    if (a->kind == QV_DATETIME) {
        /* Different zones: compare instants, not text. */
        time_t ta, tb;
        if (!Timefmt_parse(a->str, &ta) || !Timefmt_parse(b->str, &tb))
            return false;
        *cmp = (ta > tb) - (ta < tb);
        return true;
    }
    int c = strcmp(a->str, b->str);
    *cmp = (c > 0) - (c < 0);
    return true;
}

bool QValue_equal(const QValue *a, const QValue *b)
{
    int cmp;
    if (QValue_order(a, b, &cmp))
        return cmp == 0;
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case QV_BOOLEAN: return a->boolean == b->boolean;
    case QV_STRING: return strcmp(a->str, b->str) == 0;
    case QV_CODING:
        if (strcmp(a->str, b->str) != 0)
            return false;
        return !a->system || !b->system || strcmp(a->system, b->system) == 0;
    default: return false;
    }
}

/* ---- display ------------------------------------------------------------ */

static char *datetime_display(const char *s)
{
    /* "YYYY-MM-DDTHH:MM:SS<zone>" -> "DD/MM/YYYY HH:MM <zone>" */
    const char *zone = s + 19;
    while (*zone == '.' || isdigit((unsigned char)*zone)) zone++;
    char *out = NULL;
    if (asprintf(&out, "%.2s/%.2s/%.4s %.5s %s", s + 8, s + 5, s, s + 11,
                 strcmp(zone, "Z") == 0 ? "UTC" : zone) < 0)
        return NULL;
    return out;
}

char *QValue_display(const QValue *v)
{
    char *out = NULL;
    int rc = 0;
    switch (v->kind) {
    case QV_NONE: return strdup("");
    case QV_BOOLEAN: return strdup(v->boolean ? "Yes" : "No");
    case QV_INTEGER: rc = asprintf(&out, "%lld", v->integer); break;
    case QV_DECIMAL: rc = asprintf(&out, "%.15g", v->decimal); break;
    case QV_DATE: rc = asprintf(&out, "%.2s/%.2s/%.4s", v->str + 8, v->str + 5, v->str); break;
    case QV_DATETIME: return datetime_display(v->str);
    case QV_TIME:
        /* Seconds are noise unless someone typed them. */
        rc = asprintf(&out, "%.*s", strcmp(v->str + 5, ":00") == 0 ? 5 : 8, v->str);
        break;
    case QV_CODING: return strdup(v->display ? v->display : v->str);
    case QV_STRING: return strdup(v->str);
    }
    return rc < 0 ? NULL : out;
}
