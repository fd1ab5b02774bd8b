/* localday: calendar arithmetic in the local time zone (TZ; Europe/London
 * in a council), where a day is 23, 24 or 25 hours long. Every "today",
 * "tomorrow", "the last 7 days" and typed local date or time in Frontdoor
 * goes through here, so the clock changes are handled in one place and
 * tested there (tests/unit/test_localday.c). Durations (handle times, SLA
 * hours, waits) are elapsed seconds and need none of this. */
#ifndef FD_LOCALDAY_H
#define FD_LOCALDAY_H
#include <stdbool.h>
#include <time.h>

/* Local midnight at the start of the day that contains t. */
time_t Localday_start(time_t t);
/* The same local clock time `days` days later (earlier when negative);
 * where that time does not exist on the day (the hour the clocks skip),
 * the instant an hour later on the clock. */
time_t Localday_add(time_t t, int days);
/* The same local clock time `days` working days later (Monday to
 * Friday; bank holidays are not known here), as a call-back promised
 * "within 2 working days" is due. A weekend start counts from Monday. */
time_t Localday_add_working(time_t t, int days);
/* "YYYY-MM-DD" as the local midnight that starts it; false if not a date. */
bool Localday_parse_date(const char *ymd, time_t *start);
/* The instant of a local date and clock time; false when there is no such
 * local time: not a real date (31/02), or inside the hour the clocks skip.
 * In the hour that happens twice, the first (summer time) is meant. */
bool Localday_at(int y, int mo, int d, int h, int mi, time_t *out);
/* Minutes east of UTC in force at t (60 in British Summer Time). */
int Localday_offset_min(time_t t);

#endif
