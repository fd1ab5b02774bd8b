/* Call-back times as advisors type them, the SLA countdown in words and
 * case references (cases.h's pure helpers). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client/cases/cases.h"

/* 23 Nov 2026 14:05:00 in London (GMT, so UTC too). */
static const time_t NOW = 1795442700;

static int setup(void **state)
{
    (void)state;
    setenv("TZ", "Europe/London", 1);
    tzset();
    return 0;
}

static time_t when(const char *s)
{
    time_t t = 0;
    const char *why = NULL;
    if (Callback_parse_when(s, NOW, &t, &why) < 0)
        return -1;
    return t;
}

static void test_shapes(void **state)
{
    (void)state;
    assert_int_equal(when("14:30"), NOW + 25 * 60);
    assert_int_equal(when(" 14:30 "), NOW + 25 * 60);
    assert_int_equal(when("tomorrow 10:00"), NOW + 86400 - 4 * 3600 - 5 * 60);
    assert_int_equal(when("Tomorrow 10:00"), NOW + 86400 - 4 * 3600 - 5 * 60);
    assert_int_equal(when("24/11/2026 10:00"), NOW + 86400 - 4 * 3600 - 5 * 60);
    assert_int_equal(when("+2h"), NOW + 7200);
    assert_int_equal(when("+30m"), NOW + 1800);
    assert_int_equal(when("+1d"), NOW + 86400);
    /* Summer time: 1 July 10:00 in London is 09:00 UTC. */
    assert_int_equal(when("01/07/2027 10:00"), 1814432400);
}

static void test_refusals(void **state)
{
    (void)state;
    time_t t;
    const char *why = NULL;
    assert_int_equal(Callback_parse_when("13:00", NOW, &t, &why), -1);
    assert_non_null(strstr(why, "passed"));
    const char *bad[] = {"", "25:00", "14:60", "tomorrow", "+0h", "+2x", "+h", "31/02/2027 10:00",
                         "1/13/2027 10:00", "soon", "14:30pm", NULL};
    for (int i = 0; bad[i]; i++) {
        why = NULL;
        assert_int_equal(Callback_parse_when(bad[i], NOW, &t, &why), -1);
        assert_non_null(why);
    }
}

static void test_sla_text(void **state)
{
    (void)state;
    char b[64];
    Cases_sla_text(59, b, sizeof b);
    assert_string_equal(b, "00:59 left");
    Cases_sla_text(3600 + 61, b, sizeof b);
    assert_string_equal(b, "1:01:01 left");
    Cases_sla_text(2 * 86400 + 3 * 3600 + 12 * 60, b, sizeof b);
    assert_string_equal(b, "2 d 03:12 left");
    Cases_sla_text(-65, b, sizeof b);
    assert_string_equal(b, "PAST SLA by 01:05");
}

static void test_refs(void **state)
{
    (void)state;
    assert_true(Cases_is_ref("FD-26-000123"));
    assert_true(Cases_is_ref(" fd-26-1 "));
    assert_false(Cases_is_ref("FD-2026-000123"));
    assert_false(Cases_is_ref("FD-26-"));
    assert_false(Cases_is_ref("FD-26-12a"));
    assert_false(Cases_is_ref("zoe o'brien"));
    assert_false(Cases_is_ref("CUS0000001"));
    char w[40];
    Cases_words("awaiting_customer", w, sizeof w);
    assert_string_equal(w, "awaiting customer");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shapes),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_sla_text),
        cmocka_unit_test(test_refs),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
