/* callback_when: the time of a call-back as an advisor types it while the
 * customer is on the line ("14:30", "tomorrow 10:00", "+2h"), read in
 * local time (the client's time zone, Europe/London by default). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "client/cases.h"

/* "HH:MM" at the start of s; the rest must be empty. */
static bool When_clock(const char *s, int *h, int *m)
{
    int n = 0;
    if (sscanf(s, "%2d:%2d%n", h, m, &n) != 2 || s[n] != '\0')
        return false;
    return *h >= 0 && *h < 24 && *m >= 0 && *m < 60;
}

static time_t When_local(int y, int mo, int d, int h, int mi)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

/* "+2h", "+30m", "+1d". */
static int When_relative(const char *s, time_t now, time_t *out)
{
    long n = 0;
    char unit = 0;
    int used = 0;
    if (sscanf(s, "+%ld%c%n", &n, &unit, &used) != 2 || s[used] != '\0' || n <= 0 || n > 10000)
        return -1;
    long mult = unit == 'm' ? 60 : unit == 'h' ? 3600 : unit == 'd' ? 86400 : 0;
    if (!mult)
        return -1;
    *out = now + n * mult;
    return 0;
}

static int When_absolute(const char *s, time_t now, time_t *out)
{
    struct tm today;
    localtime_r(&now, &today);
    int h, m, d, mo, y, n = 0;
    if (When_clock(s, &h, &m)) {
        *out = When_local(today.tm_year + 1900, today.tm_mon + 1, today.tm_mday, h, m);
        return 0;
    }
    if (strncasecmp(s, "tomorrow ", 9) == 0 && When_clock(s + 9, &h, &m)) {
        *out = When_local(today.tm_year + 1900, today.tm_mon + 1, today.tm_mday + 1, h, m);
        return 0;
    }
    if (sscanf(s, "%2d/%2d/%4d %n", &d, &mo, &y, &n) == 3 && When_clock(s + n, &h, &m) &&
        d >= 1 && d <= 31 && mo >= 1 && mo <= 12 && y >= 2000 && y < 2200) {
        *out = When_local(y, mo, d, h, m);
        struct tm back;
        localtime_r(out, &back);
        return back.tm_mday == d ? 0 : -1;   /* 31/02 is not a day */
    }
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
