#include "server/formdata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/text.h"

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes s[0..len) into a new string. NUL (%00) is refused: C strings
 * would silently cut the value short at it. */
static char *decode(const char *s, size_t len, const char **why)
{
    char *out = malloc(len + 1);
    size_t n = 0;
    if (!out) {
        *why = "out of memory";
        return NULL;
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '+') {
            out[n++] = ' ';
        } else if (s[i] != '%') {
            out[n++] = s[i];
        } else if (i + 2 < len && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0 &&
                   (hexval(s[i + 1]) | hexval(s[i + 2])) != 0) {
            out[n++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else {
            *why = "a %-escape is not two hex digits (or is %00)";
            free(out);
            return NULL;
        }
    }
    out[n] = '\0';
    if (!Text_utf8_valid(out, n)) {
        *why = "a field is not UTF-8 once decoded";
        free(out);
        return NULL;
    }
    return out;
}

static int append(Formdata *f, char *key, char *value)
{
    if (f->count >= FORMDATA_MAX_PAIRS) {
        free(key);
        free(value);
        return -1;
    }
    FormPair *p = realloc(f->pairs, (f->count + 1) * sizeof *p);
    if (!p) {
        free(key);
        free(value);
        return -1;
    }
    f->pairs = p;
    p[f->count].key = key;
    p[f->count].value = value;
    f->count++;
    return 0;
}

int Formdata_add(Formdata *f, const char *key, const char *value)
{
    char *k = strdup(key), *v = strdup(value);
    if (!k || !v) {
        free(k);
        free(v);
        return -1;
    }
    return append(f, k, v);
}

/* One "key=value" (or bare "key", an empty value). */
static int parse_pair(Formdata *f, const char *s, size_t len, const char **why)
{
    const char *eq = memchr(s, '=', len);
    size_t klen = eq ? (size_t)(eq - s) : len;
    char *key = decode(s, klen, why);
    char *value = key ? decode(eq ? eq + 1 : s + len, eq ? len - klen - 1 : 0, why) : NULL;
    if (!value) {
        free(key);
        return -1;
    }
    if (append(f, key, value) < 0) {
        *why = "too many fields";
        return -1;
    }
    return 0;
}

int Formdata_parse(Formdata *f, const char *body, size_t len, const char **why)
{
    size_t i = 0;
    while (i < len) {
        const char *amp = memchr(body + i, '&', len - i);
        size_t seg = amp ? (size_t)(amp - (body + i)) : len - i;
        if (seg > 0 && parse_pair(f, body + i, seg, why) < 0)
            return -1;
        i += seg + 1;
    }
    return 0;
}

static int scalar_text(const json_t *v, char *buf, size_t cap, const char **text)
{
    *text = buf;
    if (json_is_string(v))
        *text = json_string_value(v);
    else if (json_is_integer(v))
        snprintf(buf, cap, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        snprintf(buf, cap, "%.17g", json_real_value(v));
    else if (json_is_boolean(v))
        *text = json_is_true(v) ? "true" : "false";
    else
        return -1;
    return 0;
}

static int add_attributes(Formdata *f, const json_t *attrs, const char **why)
{
    const char *code;
    json_t *v;
    json_object_foreach((json_t *)attrs, code, v) {
        char buf[64], key[160];
        const char *text;
        if (scalar_text(v, buf, sizeof buf, &text) < 0) {
            *why = "each attribute must be a string, number or boolean";
            return -1;
        }
        snprintf(key, sizeof key, "attribute[%s]", code);
        if (Formdata_add(f, key, text) < 0) {
            *why = "too many fields";
            return -1;
        }
    }
    return 0;
}

int Formdata_from_json(Formdata *f, const json_t *obj, const char **why)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        char buf[64];
        const char *text;
        if (strcmp(key, "attribute") == 0 && json_is_object(v)) {
            if (add_attributes(f, v, why) < 0)
                return -1;
        } else if (json_is_null(v)) {
            continue;
        } else if (scalar_text(v, buf, sizeof buf, &text) < 0) {
            *why = "fields must be strings, numbers or booleans (attribute: an object)";
            return -1;
        } else if (Formdata_add(f, key, text) < 0) {
            *why = "too many fields";
            return -1;
        }
    }
    return 0;
}

const char *Formdata_get(const Formdata *f, const char *key)
{
    for (size_t i = 0; i < f->count; i++)
        if (strcmp(f->pairs[i].key, key) == 0)
            return f->pairs[i].value;
    return NULL;
}

size_t Formdata_count(const Formdata *f, const char *key)
{
    size_t n = 0;
    for (size_t i = 0; i < f->count; i++)
        n += strcmp(f->pairs[i].key, key) == 0;
    return n;
}

bool Formdata_attribute_code(const char *key, char *out, size_t cap)
{
    static const char prefix[] = "attribute[";
    size_t plen = sizeof prefix - 1, klen = strlen(key);
    if (klen < plen + 2 || strncmp(key, prefix, plen) != 0 || key[klen - 1] != ']')
        return false;
    size_t n = klen - plen - 1;
    if (n >= cap || memchr(key + plen, ']', n) || memchr(key + plen, '[', n))
        return false;
    memcpy(out, key + plen, n);
    out[n] = '\0';
    return true;
}

void Formdata_free(Formdata *f)
{
    for (size_t i = 0; i < f->count; i++) {
        free(f->pairs[i].key);
        free(f->pairs[i].value);
    }
    free(f->pairs);
    f->pairs = NULL;
    f->count = 0;
}
