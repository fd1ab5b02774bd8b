/* timefmt: RFC 3339 timestamps in UTC ("2026-11-23T14:05:00Z"). */
#ifndef FD_TIMEFMT_H
#define FD_TIMEFMT_H
#include <stdbool.h>
#include <time.h>

#define TIMEFMT_LEN 21 /* "YYYY-MM-DDTHH:MM:SSZ" + NUL */

void Timefmt_utc(time_t t, char out[TIMEFMT_LEN]);
/* Parses "YYYY-MM-DDTHH:MM:SS(.frac)?(Z|+hh:mm|-hh:mm)"; false if not. */
bool Timefmt_parse(const char *s, time_t *out);
/* Monotonic milliseconds, for durations and timers. */
long long Timefmt_mono_ms(void);
/* Monotonic microseconds, for request latency. */
long long Timefmt_mono_us(void);

#endif
