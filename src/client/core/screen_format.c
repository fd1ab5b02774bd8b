/* How bound JSON values are shown to a person: the formats of
 * frontdoor-screens(5). */
#include "client/core/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/timefmt.h"

static bool ascii_mode;

static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* Output that truncates at a character boundary, never mid-sequence. */
typedef struct Out { char *p; size_t cap, len; } Out;

static void out_put(Out *o, const char *s)
{
    if (!o->cap)
        return;
    size_t room = o->cap - 1 - o->len, n = strlen(s);
    if (n > room) {
        n = room;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

void Screen_set_format_options(bool ascii, const char *timezone)
{
    ascii_mode = ascii;
    if (timezone && *timezone) {
        setenv("TZ", timezone, 1);
        tzset();
    }
}

static const char *dash(void) { return ascii_mode ? "-" : "\u2014"; }

static bool is_empty(const json_t *v)
{
    return !v || json_is_null(v) || (json_is_string(v) && !*json_string_value(v))
        || (json_is_array(v) && json_array_size(v) == 0);
}

const char *Screen_value_label(const Screen *s, const char *code)
{
    for (size_t i = 0; s && i < s->nvalues; i++)
        if (strcmp(s->values[i].code, code) == 0)
            return s->values[i].label;
    return code;
}

static void put_date(Out *o, const char *s)
{
    int y, m, d;
    char buf[32];
    if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        snprintf(buf, sizeof buf, "%02d %s %04d", d, months[m - 1], y);
        out_put(o, buf);
    } else {
        out_put(o, s);
    }
}

static void put_datetime(Out *o, const char *s)
{
    time_t t;
    struct tm tm;
    char buf[48];
    if (!Timefmt_parse(s, &t) || !localtime_r(&t, &tm)) {
        out_put(o, s);
        return;
    }
    snprintf(buf, sizeof buf, "%02d %s %04d %02d:%02d", tm.tm_mday, months[tm.tm_mon],
             tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
    out_put(o, buf);
}

/* UK numbers stored as bare digits are grouped the way they are read
 * aloud; anything already spaced is shown as given. */
static void put_phone(Out *o, const char *s)
{
    size_t n = strlen(s);
    if (n != 11 || s[0] != '0' || strspn(s, "0123456789") != 11) {
        out_put(o, s);
        return;
    }
    char buf[16];
    if (s[1] == '2')
        snprintf(buf, sizeof buf, "%.3s %.4s %.4s", s, s + 3, s + 7);
    else
        snprintf(buf, sizeof buf, "%.5s %.6s", s, s + 5);
    out_put(o, buf);
}

static void put_money(Out *o, long long pence)
{
    char buf[48];
    unsigned long long abs = pence < 0 ? 0ULL - (unsigned long long)pence : (unsigned long long)pence;
    snprintf(buf, sizeof buf, "%s%s%llu.%02llu", pence < 0 ? "-" : "",
             ascii_mode ? "GBP " : "\u00a3", abs / 100, abs % 100);
    out_put(o, buf);
}

static void put_scalar(Out *o, const Screen *s, const json_t *v)
{
    char buf[64];
    if (json_is_string(v)) {
        out_put(o, Screen_value_label(s, json_string_value(v)));
    } else if (json_is_integer(v)) {
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        out_put(o, buf);
    } else if (json_is_real(v)) {
        snprintf(buf, sizeof buf, "%g", json_real_value(v));
        out_put(o, buf);
    } else if (json_is_boolean(v)) {
        out_put(o, json_is_true(v) ? "Yes" : "No");
    } else if (json_is_object(v)) {
        /* A {code, label} object, as the server sends flags. */
        const json_t *l = json_object_get(v, "label");
        if (!json_is_string(l))
            l = json_object_get(v, "code");
        out_put(o, json_is_string(l) ? Screen_value_label(s, json_string_value(l)) : dash());
    } else {
        out_put(o, dash());
    }
}

static void put_joined(Out *o, const Screen *s, const json_t *arr, const char *prefix,
                       const char *sep)
{
    size_t i;
    const json_t *item;
    json_array_foreach(arr, i, item) {
        if (i > 0)
            out_put(o, sep);
        out_put(o, prefix);
        put_scalar(o, s, item);
    }
}

static void put_value(Out *o, const Screen *s, const json_t *v, FieldFormat fmt)
{
    const char *str = json_is_string(v) ? json_string_value(v) : NULL;
    if (json_is_array(v)) {
        put_joined(o, s, v, fmt == FMT_FLAG ? "[!] " : "", fmt == FMT_FLAG ? " " : ", ");
    } else if (fmt == FMT_DATE && str) {
        put_date(o, str);
    } else if (fmt == FMT_DATETIME && str) {
        put_datetime(o, str);
    } else if (fmt == FMT_PHONE && str) {
        put_phone(o, str);
    } else if (fmt == FMT_MONEY && json_is_integer(v)) {
        put_money(o, (long long)json_integer_value(v));
    } else if (fmt == FMT_FLAG && !json_is_false(v)) {
        out_put(o, "[!] ");
        put_scalar(o, s, v);
    } else {
        put_scalar(o, s, v);
    }
}

/* An empty list of flags is simply no flags; anything else empty is a
 * dash, so a blank never looks like a display fault. */
static size_t format(const Screen *s, const json_t *v, FieldFormat fmt, bool masked,
                     char *out, size_t cap)
{
    Out o = {out, cap, 0};
    if (cap)
        out[0] = '\0';
    if (fmt == FMT_FLAG && json_is_array(v) && json_array_size(v) == 0)
        return 0;
    if (is_empty(v))
        out_put(&o, dash());
    else if (masked)
        out_put(&o, ascii_mode ? "****" : "\u2022\u2022\u2022\u2022");
    else
        put_value(&o, s, v, fmt);
    return o.len;
}

size_t Screen_format_value(const json_t *value, FieldFormat fmt, bool masked, char *out, size_t cap)
{
    return format(NULL, value, fmt, masked, out, cap);
}

const json_t *Screen_lookup(const json_t *root, const char *path)
{
    const json_t *cur = root;
    while (cur && *path) {
        const char *dot = strchr(path, '.');
        size_t n = dot ? (size_t)(dot - path) : strlen(path);
        char part[128], *end;
        if (n == 0 || n >= sizeof part)
            return NULL;
        memcpy(part, path, n);
        part[n] = '\0';
        if (json_is_array(cur)) {
            unsigned long idx = strtoul(part, &end, 10);
            cur = *end ? NULL : json_array_get(cur, idx);
        } else {
            cur = json_object_get(cur, part);
        }
        path += n + (dot ? 1 : 0);
    }
    return cur;
}

bool Screen_field_empty(const ScreenField *f, const json_t *item)
{
    return is_empty(Screen_lookup(item, f->path));
}

size_t Screen_format_field(const Screen *s, const ScreenField *f, const json_t *item,
                           bool revealed, char *out, size_t cap)
{
    const json_t *v = Screen_lookup(item, f->path);
    bool masked = !revealed && (f->masked
        || (f->masked_if && json_is_true(Screen_lookup(item, f->masked_if))));
    if (f->format == FMT_FLAG && json_is_true(v) && !masked) {
        Out o = {out, cap, 0};
        if (cap)
            out[0] = '\0';
        out_put(&o, "[!] ");
        out_put(&o, f->label);
        return o.len;
    }
    return format(s, v, f->format, masked, out, cap);
}
