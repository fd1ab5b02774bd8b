#include "common/csv.h"

#include <stdbool.h>
#include <string.h>

int Csv_split(char *line, char **fields, int max)
{
    size_t len = strcspn(line, "\r\n");
    line[len] = '\0';
    int n = 0;
    char *in = line, *out = line;
    while (n < max) {
        fields[n++] = out;
        bool quoted = *in == '"';
        if (quoted)
            in++;
        for (;;) {
            if (quoted && *in == '"' && in[1] == '"') {
                *out++ = '"';
                in += 2;
            } else if (quoted && *in == '"') {
                quoted = false;
                in++;
            } else if (*in == '\0') {
                if (quoted)
                    return -1;
                *out = '\0';
                return n;
            } else if (!quoted && *in == ',') {
                in++;
                *out++ = '\0';
                break;
            } else {
                *out++ = *in++;
            }
        }
    }
    return n;
}

size_t Csv_quote(const char *field, char *buf, size_t cap)
{
    if (cap == 0)
        return 0;
    bool needs = field[strcspn(field, ",\"\r\n")] != '\0';
    /* A leading =, +, - or @ would make a spreadsheet run the cell as a
     * formula; a leading quote mark keeps it text. */
    bool formula = strchr("=+-@", field[0]) && field[0];
    size_t n = 0;
    if (needs && n + 1 < cap) buf[n++] = '"';
    if (formula && n + 1 < cap) buf[n++] = '\'';
    for (const char *p = field; *p && n + 1 < cap; p++) {
        if (*p == '"' && n + 2 < cap) buf[n++] = '"';
        buf[n++] = *p;
    }
    if (needs && n + 1 < cap) buf[n++] = '"';
    buf[n] = '\0';
    return n;
}
