#include "server/tide.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Threshold {
    long depth;
    long oldest_minutes;
} Threshold;

/* The client's defaults (config/frontdoor.conf before issue 12). */
static Threshold levels[TIDE_LEVELS] = {{10, 60}, {25, 240}, {50, 480}, {100, 1440}};

int Tide_level(long long depth, long long oldest_seconds)
{
    for (int i = TIDE_LEVELS - 1; i >= 0; i--) {
        const Threshold *t = &levels[i];
        if (t->depth > 0 && depth >= t->depth)
            return i + 1;
        /* An empty queue has no oldest item. */
        if (t->oldest_minutes > 0 && depth > 0 && oldest_seconds >= t->oldest_minutes * 60)
            return i + 1;
    }
    return 0;
}

/* One "surge_levelN_depth = V" or "surge_levelN_oldest_minutes = V". */
static int parse_line(const char *line)
{
    int n;
    char what[32];
    long v;
    if (sscanf(line, " surge_level%d_%31[a-z_] = %ld", &n, what, &v) != 3 || n < 1 ||
        n > TIDE_LEVELS || v < 0)
        return -1;
    if (strcmp(what, "depth") == 0)
        levels[n - 1].depth = v;
    else if (strcmp(what, "oldest_minutes") == 0)
        levels[n - 1].oldest_minutes = v;
    else
        return -1;
    return 0;
}

int Tide_load(const char *dir, char *err, size_t errlen)
{
    char path[4096], line[256];
    snprintf(path, sizeof path, "%s/tide.conf", dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    int lineno = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        const char *p = line + strspn(line, " \t");
        if (*p == '#' || *p == '\n' || *p == '\0')
            continue;
        if (parse_line(p) < 0) {
            snprintf(err, errlen, "%s:%d: expected surge_levelN_depth or "
                     "surge_levelN_oldest_minutes = a whole number", path, lineno);
            rc = -1;
        }
    }
    fclose(f);
    return rc;
}
