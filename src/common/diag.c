#include "common/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/text.h"

void Diag_add(Diag *d, const char *file, int line, const char *fmt, ...)
{
    char msg[512], full[768];
    va_list ap;
    va_start(ap, fmt);
    Text_vformat(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        Text_format(full, sizeof full, "%s:%d: %s", file, line, msg);
    else
        Text_format(full, sizeof full, "%s: %s", file, msg);
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        char **p = realloc(d->lines, cap * sizeof *p);
        if (!p)
            return;
        d->lines = p;
        d->cap = cap;
    }
    char *copy = malloc(strlen(full) + 1);
    if (!copy)
        return;
    strcpy(copy, full);
    d->lines[d->count++] = copy;
}

void Diag_free(Diag *d)
{
    for (size_t i = 0; i < d->count; i++)
        free(d->lines[i]);
    free(d->lines);
    d->lines = NULL;
    d->count = d->cap = 0;
}
