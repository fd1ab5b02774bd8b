/* surge: see surge.h. */
#include "client/queue/surge.h"

#include <stdio.h>

void Surge_age(long s, char *out, size_t cap)
{
    if (s < 0)
        s = 0;
    if (s >= 3600)
        snprintf(out, cap, "%ld h %02ld min", s / 3600, s % 3600 / 60);
    else if (s >= 60)
        snprintf(out, cap, "%ld min", s / 60);
    else
        snprintf(out, cap, "%ld s", s);
}

void Surge_banner(const Config *c, int level, long depth, long oldest_seconds,
                  char *out, size_t cap)
{
    if (level < 1 || level > SURGE_LEVELS) {
        if (cap)
            out[0] = '\0';
        return;
    }
    const char *texts[SURGE_LEVELS] = {c->surge_level1_text, c->surge_level2_text,
                                       c->surge_level3_text, c->surge_level4_text};
    const char *text = texts[level - 1];
    char age[32];
    Surge_age(oldest_seconds, age, sizeof age);
    snprintf(out, cap, "RISING TIDE %d of %d (%ld waiting, oldest %s)%s%s", level, SURGE_LEVELS,
             depth, age, text && text[0] ? ": " : "", text ? text : "");
}
