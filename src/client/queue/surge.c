/* surge: see surge.h. */
#include "client/queue/surge.h"

#include <stdio.h>

void Surge_rules(const Config *c, SurgeRules *r)
{
    const int depth[SURGE_LEVELS] = {c->surge_level1_depth, c->surge_level2_depth,
                                     c->surge_level3_depth, c->surge_level4_depth};
    const int oldest[SURGE_LEVELS] = {c->surge_level1_oldest_minutes, c->surge_level2_oldest_minutes,
                                      c->surge_level3_oldest_minutes, c->surge_level4_oldest_minutes};
    const char *text[SURGE_LEVELS] = {c->surge_level1_text, c->surge_level2_text,
                                      c->surge_level3_text, c->surge_level4_text};
    for (int i = 0; i < SURGE_LEVELS; i++)
        r->level[i] = (SurgeLevel){depth[i], oldest[i], text[i]};
}

static int Surge_reached(const SurgeLevel *l, long depth, long oldest_seconds)
{
    if (l->depth > 0 && depth >= l->depth)
        return 1;
    /* An empty queue has no oldest item, whatever the server says. */
    return l->oldest_minutes > 0 && depth > 0 && oldest_seconds >= (long)l->oldest_minutes * 60;
}

int Surge_level(const SurgeRules *r, long depth, long oldest_seconds)
{
    for (int i = SURGE_LEVELS - 1; i >= 0; i--)
        if (Surge_reached(&r->level[i], depth, oldest_seconds))
            return i + 1;
    return 0;
}

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

void Surge_banner(const SurgeRules *r, int level, long depth, long oldest_seconds,
                  char *out, size_t cap)
{
    if (level < 1 || level > SURGE_LEVELS) {
        if (cap)
            out[0] = '\0';
        return;
    }
    char age[32];
    Surge_age(oldest_seconds, age, sizeof age);
    const char *text = r->level[level - 1].text;
    snprintf(out, cap, "RISING TIDE %d of %d (%ld waiting, oldest %s)%s%s", level, SURGE_LEVELS,
             depth, age, text && text[0] ? ": " : "", text ? text : "");
}
