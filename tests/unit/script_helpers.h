/* script_helpers: loading test Questionnaires for the triage engine's unit
 * tests. Inline scripts are written with single quotes (sq() turns them
 * into double quotes) so they stay readable inside C strings. */
#ifndef FD_TEST_SCRIPT_HELPERS_H
#define FD_TEST_SCRIPT_HELPERS_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/diag.h"
#include "common/questionnaire.h"

#define FIXTURES "tests/unit/fixtures/"
/* A Questionnaire around the given items. */
#define SCRIPT(items) "{'resourceType':'Questionnaire','url':'urn:t','version':'1','item':[" items "]}"

static inline char *sq(const char *s)
{
    char *out = strdup(s);
    for (char *p = out; *p; p++)
        if (*p == '\'')
            *p = '"';
    return out;
}

static inline void diag_print(const Diag *d)
{
    for (size_t i = 0; i < d->count; i++)
        fprintf(stderr, "  diag: %s\n", d->lines[i]);
}

static inline bool diag_has(const Diag *d, const char *needle)
{
    for (size_t i = 0; i < d->count; i++)
        if (strstr(d->lines[i], needle))
            return true;
    return false;
}

static inline Questionnaire *load_str(const char *single_quoted, Diag *d)
{
    char *json = sq(single_quoted);
    Questionnaire *q = Questionnaire_parse(json, strlen(json), "test.json", d);
    free(json);
    return q;
}

static inline Questionnaire *load_file(const char *path, Diag *d)
{
    Buf b = BUF_INIT;
    if (Buf_read_file(&b, path) < 0) {
        fprintf(stderr, "cannot read %s\n", path);
        return NULL;
    }
    const char *base = strrchr(path, '/');
    Questionnaire *q = Questionnaire_parse(b.data, b.len, base ? base + 1 : path, d);
    Buf_free(&b);
    return q;
}

/* Loads what must load; shows the messages when it does not. */
static inline Questionnaire *must_load_str(const char *single_quoted)
{
    Diag d = DIAG_INIT;
    Questionnaire *q = load_str(single_quoted, &d);
    if (!q)
        diag_print(&d);
    Diag_free(&d);
    return q;
}

static inline Questionnaire *must_load_file(const char *path)
{
    Diag d = DIAG_INIT;
    Questionnaire *q = load_file(path, &d);
    if (!q)
        diag_print(&d);
    Diag_free(&d);
    return q;
}

#endif
