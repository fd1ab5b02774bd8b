/* buf: a growable byte buffer, always NUL-terminated. */
#ifndef FD_BUF_H
#define FD_BUF_H
#include <stddef.h>
#include <stdarg.h>

typedef struct Buf {
    char *data;   /* NULL until the first append */
    size_t len;
    size_t cap;
} Buf;

#define BUF_INIT {NULL, 0, 0}

int Buf_append(Buf *b, const void *data, size_t len);
int Buf_puts(Buf *b, const char *s);
int Buf_putc(Buf *b, char c);
int Buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int Buf_vprintf(Buf *b, const char *fmt, va_list ap);
void Buf_reset(Buf *b);
/* Hands the data to the caller (who frees it) and leaves b empty. */
char *Buf_steal(Buf *b);
void Buf_free(Buf *b);
/* Read a whole file; returns -1 and sets errno on failure. */
int Buf_read_file(Buf *b, const char *path);

#endif
