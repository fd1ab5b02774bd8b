/* localday: see localday.h. mktime() with tm_isdst = -1 lets the C library
 * decide summer or winter time for each wall-clock time; the round trip
 * through localtime_r() is what tells a skipped hour from a real one. */
#include <stdio.h>
#include <string.h>

#include "common/localday.h"

static time_t Localday_mktime(struct tm *tm)
{
    tm->tm_isdst = -1;
    return mktime(tm);
}

time_t Localday_start(time_t t)
{
    struct tm tm;
    localtime_r(&t, &tm);
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    return Localday_mktime(&tm);
}

time_t Localday_add(time_t t, int days)
{
    struct tm tm;
    localtime_r(&t, &tm);
    tm.tm_mday += days;
    return Localday_mktime(&tm);
}

static bool Localday_weekend(time_t t)
{
    struct tm tm;
    localtime_r(&t, &tm);
    return tm.tm_wday == 0 || tm.tm_wday == 6;
}

time_t Localday_add_working(time_t t, int days)
{
    for (int i = 0; i < days; i++) {
        t = Localday_add(t, 1);
        while (Localday_weekend(t))
            t = Localday_add(t, 1);
    }
    return t;
}

bool Localday_at(int y, int mo, int d, int h, int mi, time_t *out)
{
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59)
        return false;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h,
                    .tm_min = mi};
    /* The first of a repeated hour is the summer-time one: ask for it. */
    tm.tm_isdst = 1;
    time_t t = mktime(&tm);
    struct tm back;
    if (t == (time_t)-1 || !localtime_r(&t, &back) || back.tm_hour != h || back.tm_mday != d) {
        struct tm again = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h,
                           .tm_min = mi};
        t = Localday_mktime(&again);
        if (t == (time_t)-1 || !localtime_r(&t, &back))
            return false;
    }
    if (back.tm_year != y - 1900 || back.tm_mon != mo - 1 || back.tm_mday != d ||
        back.tm_hour != h || back.tm_min != mi)
        return false;
    *out = t;
    return true;
}

bool Localday_parse_date(const char *ymd, time_t *start)
{
    int y, mo, d, n = 0;
    if (!ymd || strlen(ymd) != 10 || sscanf(ymd, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 ||
        n != 10)
        return false;
    return Localday_at(y, mo, d, 0, 0, start);
}

int Localday_offset_min(time_t t)
{
    struct tm tm;
    localtime_r(&t, &tm);
    return (int)(tm.tm_gmtoff / 60);
}
