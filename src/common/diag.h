/* diag: collected "file:line: message" diagnostics from the config, keymap
 * and screen parsers. Parsers report and carry on; the caller shows them. */
#ifndef FD_DIAG_H
#define FD_DIAG_H
#include <stddef.h>

typedef struct Diag {
    char **lines;  /* each "file:line: message" (or "file: message" when line is 0) */
    size_t count;
    size_t cap;
} Diag;

#define DIAG_INIT {NULL, 0, 0}

void Diag_add(Diag *d, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void Diag_free(Diag *d);

#endif
