/* callback_when: the time of a call-back as an advisor types it while the
 * customer is on the line ("14:30", "tomorrow 10:00", "+2h"), read in
 * local time (the client's time zone, Europe/London by default). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "client/cases/cases.h"
#include "common/localday.h"

/* "HH:MM" at the start of s; the rest must be empty. */
static bool When_clock(const char *s, int *h, int *m)
{
    int n = 0;
    if (sscanf(s, "%2d:%2d%n", h, m, &n) != 2 || s[n] != '\0')
        return false;
    return *h >= 0 && *h < 24 && *m >= 0 && *m < 60;
}

/* "+2h", "+30m" in elapsed time; "+1d" is the same clock time a day later,
 * which is 23 or 25 hours away across a clock change. */
static int When_relative(const char *s, time_t now, time_t *out)
{
    long n = 0;
    char unit = 0;
    int used = 0;
    if (sscanf(s, "+%ld%c%n", &n, &unit, &used) != 2 || s[used] != '\0' || n <= 0 || n > 10000)
        return -1;
    if (unit == 'd') {
        *out = Localday_add(now, (int)n);
        return 0;
    }
    long mult = unit == 'm' ? 60 : unit == 'h' ? 3600 : 0;
    if (!mult)
        return -1;
    *out = now + n * mult;
    return 0;
}

/* A clock time on the local day that contains `day`. */
static int When_on_day(time_t day, int h, int m, time_t *out)
{
    struct tm tm;
    localtime_r(&day, &tm);
    return Localday_at(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, h, m, out) ? 0 : -1;
}

/* A time that is not a local time (31/02, or the hour the clocks skip)
 * is refused, never moved. */
static int When_absolute(const char *s, time_t now, time_t *out)
{
    int h, m, d, mo, y, n = 0;
    if (When_clock(s, &h, &m))
        return When_on_day(now, h, m, out);
    if (strncasecmp(s, "tomorrow ", 9) == 0 && When_clock(s + 9, &h, &m))
        return When_on_day(Localday_add(Localday_start(now), 1), h, m, out);
    if (sscanf(s, "%2d/%2d/%4d %n", &d, &mo, &y, &n) == 3 && When_clock(s + n, &h, &m) &&
        y >= 2000 && y < 2200)
        return Localday_at(y, mo, d, h, m, out) ? 0 : -1;
    return -1;
}

int Callback_parse_when(const char *in, time_t now, time_t *out, const char **why)
{
    char s[64];
    size_t n = 0;
    while (*in == ' ')
        in++;
    for (; *in && n + 1 < sizeof s; in++)
        s[n++] = (char)tolower((unsigned char)*in);
    while (n && s[n - 1] == ' ')
        n--;
    s[n] = '\0';
    int rc = s[0] == '+' ? When_relative(s, now, out) : When_absolute(s, now, out);
    if (rc < 0) {
        *why = "Say when as 14:30, tomorrow 10:00, 24/11/2026 09:30 or +2h.";
        return -1;
    }
    if (*out < now - 60) {
        *why = "That time has passed: give a time later today or another day.";
        return -1;
    }
    return 0;
}
