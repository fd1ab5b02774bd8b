/* Local days across both clock changes of a year in Europe/London (28 Mar
 * and 31 Oct 2027): the start of a day, a day later, "the last 7 days",
 * report dates, call-back times as typed, dateTime answers in a triage,
 * and the SLA countdown (elapsed hours). Fixed dates only: the result
 * never depends on the day the suite runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client/cases/cases.h"
#include "client/contact/contact.h"
#include "common/localday.h"
#include "common/qvalue.h"
#include "common/timefmt.h"

static int setup(void **state)
{
    (void)state;
    setenv("TZ", "Europe/London", 1);
    tzset();
    return 0;
}

static time_t utc(const char *s)
{
    time_t t = 0;
    assert_true(Timefmt_parse(s, &t));
    return t;
}

static void assert_utc(time_t t, const char *want)
{
    char got[TIMEFMT_LEN];
    Timefmt_utc(t, got);
    assert_string_equal(got, want);
}

static void test_day_lengths(void **state)
{
    (void)state;
    /* The spring day is 23 hours long, the autumn day 25. */
    time_t spring = Localday_start(utc("2027-03-28T14:00:00Z"));
    assert_utc(spring, "2027-03-28T00:00:00Z");
    assert_int_equal(Localday_add(spring, 1) - spring, 23 * 3600);
    time_t autumn = Localday_start(utc("2027-10-31T15:00:00Z"));
    assert_utc(autumn, "2027-10-30T23:00:00Z");   /* midnight BST */
    assert_int_equal(Localday_add(autumn, 1) - autumn, 25 * 3600);
    /* A summer evening after 23:00 UTC is already the next local day. */
    assert_utc(Localday_start(utc("2027-06-30T23:30:00Z")), "2027-06-30T23:00:00Z");
}

static void test_last_seven_days(void **state)
{
    (void)state;
    /* Thursday 1 April 10:00 BST: seven local days back is 25 March 10:00
     * GMT, 167 hours, not 168. */
    time_t now = utc("2027-04-01T09:00:00Z");
    assert_utc(Localday_add(now, -7), "2027-03-25T10:00:00Z");
    /* And across the autumn change, 169 hours. */
    now = utc("2027-11-04T10:00:00Z");
    assert_utc(Localday_add(now, -7), "2027-10-28T09:00:00Z");
}

static void test_report_dates(void **state)
{
    (void)state;
    time_t t;
    assert_true(Localday_parse_date("2027-10-31", &t));
    assert_utc(t, "2027-10-30T23:00:00Z");
    assert_utc(Localday_add(t, 1), "2027-11-01T00:00:00Z");   /* the whole 25-hour day */
    assert_true(Localday_parse_date("2027-03-28", &t));
    assert_utc(Localday_add(t, 1), "2027-03-28T23:00:00Z");   /* the whole 23-hour day */
    const char *bad[] = {"2027-02-29", "2027-13-01", "2027-1-01", "27-01-01", "2027-01-01x", "",
                         NULL};
    for (int i = 0; bad[i]; i++)
        assert_false(Localday_parse_date(bad[i], &t));
    assert_false(Localday_parse_date(NULL, &t));
}

static void test_local_times(void **state)
{
    (void)state;
    time_t t;
    /* 01:30 on 28 March does not exist: the clocks go from 01:00 to 02:00. */
    assert_false(Localday_at(2027, 3, 28, 1, 30, &t));
    assert_true(Localday_at(2027, 3, 28, 2, 0, &t));
    assert_utc(t, "2027-03-28T01:00:00Z");
    /* 01:30 on 31 October happens twice: the first (BST) is meant. */
    assert_true(Localday_at(2027, 10, 31, 1, 30, &t));
    assert_utc(t, "2027-10-31T00:30:00Z");
    assert_true(Localday_at(2027, 10, 31, 2, 30, &t));
    assert_utc(t, "2027-10-31T02:30:00Z");
    assert_int_equal(Localday_offset_min(utc("2027-07-01T12:00:00Z")), 60);
    assert_int_equal(Localday_offset_min(utc("2027-12-01T12:00:00Z")), 0);
}

static time_t when(const char *s, time_t now)
{
    time_t t = 0;
    const char *why = NULL;
    return Callback_parse_when(s, now, &t, &why) < 0 ? -1 : t;
}

static void test_callback_times(void **state)
{
    (void)state;
    time_t sat = utc("2027-03-27T15:00:00Z");   /* Saturday 15:00 GMT */
    assert_utc(when("tomorrow 10:00", sat), "2027-03-28T09:00:00Z");   /* 10:00 BST */
    assert_utc(when("+1d", sat), "2027-03-28T14:00:00Z");              /* 15:00 BST, 23 h on */
    assert_utc(when("+24h", sat), "2027-03-28T15:00:00Z");             /* 16:00 BST */
    assert_int_equal(when("28/03/2027 01:30", sat), -1);               /* skipped hour */
    time_t autumn = utc("2027-10-30T14:00:00Z");   /* Saturday 15:00 BST */
    assert_utc(when("tomorrow 10:00", autumn), "2027-10-31T10:00:00Z");  /* 10:00 GMT */
    assert_utc(when("+1d", autumn), "2027-10-31T15:00:00Z");            /* 25 h on */
    assert_utc(when("31/10/2027 01:30", autumn), "2027-10-31T00:30:00Z");
}

/* A call-back promised "within 2 working days" skips the weekend and
 * keeps the local clock time across a clock change. */
static void test_working_days(void **state)
{
    (void)state;
    time_t thu = utc("2027-03-25T15:00:00Z");    /* Thursday 15:00 GMT */
    assert_utc(Localday_add_working(thu, 1), "2027-03-26T15:00:00Z");   /* Friday */
    assert_utc(Localday_add_working(thu, 2), "2027-03-29T14:00:00Z");   /* Monday 15:00 BST */
    time_t sat = utc("2027-10-30T14:00:00Z");    /* Saturday 15:00 BST */
    assert_utc(Localday_add_working(sat, 2), "2027-11-02T15:00:00Z");   /* Tuesday 15:00 GMT */
}

static void test_datetime_answers(void **state)
{
    (void)state;
    /* A time typed in winter for a summer date carries summer time. */
    QValue v = QVALUE_INIT;
    assert_null(QValue_parse_datetime(&v, "30/06/2027 14:00", QVALUE_LOCAL_ZONE));
    assert_string_equal(v.str, "2027-06-30T14:00:00+01:00");
    QValue_clear(&v);
    assert_null(QValue_parse_datetime(&v, "15/01/2027 14:00", QVALUE_LOCAL_ZONE));
    assert_string_equal(v.str, "2027-01-15T14:00:00Z");
    QValue_clear(&v);
    assert_non_null(QValue_parse_datetime(&v, "28/03/2027 01:30", QVALUE_LOCAL_ZONE));
    QValue_clear(&v);
    /* An explicit zone is kept as typed. */
    assert_null(QValue_parse_datetime(&v, "2027-06-30 14:00Z", QVALUE_LOCAL_ZONE));
    assert_string_equal(v.str, "2027-06-30T14:00:00Z");
    QValue_clear(&v);
}

static void test_sla_is_elapsed_hours(void **state)
{
    (void)state;
    /* A 24-hour SLA raised at noon on the Saturday before the clocks go
     * forward falls due at 13:00 BST on Sunday: 24 real hours. At 12:30
     * BST half an hour is left, whatever the clock on the wall says. */
    time_t raised = utc("2027-03-27T12:00:00Z");
    time_t due = raised + 24 * 3600;
    assert_utc(due, "2027-03-28T12:00:00Z");
    char text[64];
    Cases_sla_text((long long)(due - utc("2027-03-28T11:30:00Z")), text, sizeof text);
    assert_string_equal(text, "30:00 left");
    Cases_sla_text((long long)(due - utc("2027-03-28T12:04:00Z")), text, sizeof text);
    assert_string_equal(text, "PAST SLA by 04:00");
}

static void test_handle_time_is_elapsed(void **state)
{
    (void)state;
    /* A call from 00:59 GMT to 02:01 BST on 28 March lasted two minutes:
     * the handle-time clock counts elapsed time, never the wall clock. */
    time_t started = utc("2027-03-28T00:59:00Z"), ended = utc("2027-03-28T01:01:00Z");
    struct tm a, b;
    localtime_r(&started, &a);
    localtime_r(&ended, &b);
    assert_int_equal(a.tm_hour * 60 + a.tm_min, 59);
    assert_int_equal(b.tm_hour * 60 + b.tm_min, 2 * 60 + 1);
    char out[32];
    Contact_format_duration((long long)(ended - started) * 1000, out, sizeof out);
    assert_string_equal(out, "02:00");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_lengths),      cmocka_unit_test(test_last_seven_days),
        cmocka_unit_test(test_report_dates),     cmocka_unit_test(test_local_times),
        cmocka_unit_test(test_callback_times),   cmocka_unit_test(test_datetime_answers),
        cmocka_unit_test(test_working_days),
        cmocka_unit_test(test_sla_is_elapsed_hours), cmocka_unit_test(test_handle_time_is_elapsed),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
