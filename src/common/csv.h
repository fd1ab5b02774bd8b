/* csv: reading RFC 4180 CSV one record at a time (quoted fields, doubled
 * quotes, embedded commas; one record per line — no newlines in fields). */
#ifndef FD_CSV_H
#define FD_CSV_H
#include <stddef.h>

/* Split line in place into at most max fields; returns the count, or -1
 * for an unterminated quote. The trailing newline is ignored. */
int Csv_split(char *line, char **fields, int max);
/* Write one field to buf (cap bytes), quoting when needed. Returns the
 * length written (truncated to cap-1). */
size_t Csv_quote(const char *field, char *buf, size_t cap);

#endif
