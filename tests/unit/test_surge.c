/* surge: the "rising tide" banner's words at the server's level (the
 * level itself is the server's: tests/unit/test_tide.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "client/core/config.h"
#include "client/queue/surge.h"

static void test_configured_text(void **state)
{
    (void)state;
    Config c;
    Config_defaults(&c);
    Diag d = DIAG_INIT;
    assert_int_equal(Config_set(&c, "surge_level2_text", "Call the hub", "test", 4, &d), 0);
    /* The thresholds are the server's now: an old frontdoor.conf that
     * still sets one is told where they went. */
    assert_int_equal(Config_set(&c, "surge_level3_depth", "50", "test", 7, &d), -1);
    assert_non_null(strstr(d.lines[0], "tide.conf"));
    Diag_free(&d);
    char b[300];
    Surge_banner(&c, 2, 3, 125 * 60, b, sizeof b);
    assert_string_equal(b, "RISING TIDE 2 of 4 (3 waiting, oldest 2 h 05 min): Call the hub");
}

static void test_banner_and_age(void **state)
{
    (void)state;
    Config c;
    Config_defaults(&c);
    char b[300];
    Surge_banner(&c, 0, 3, 10, b, sizeof b);
    assert_string_equal(b, "");
    Surge_banner(&c, 5, 3, 10, b, sizeof b);
    assert_string_equal(b, "");
    Surge_banner(&c, 1, 12, 90, b, sizeof b);
    assert_non_null(strstr(b, "RISING TIDE 1 of 4 (12 waiting, oldest 1 min): "));
    assert_non_null(strstr(b, c.surge_level1_text));
    char a[32];
    Surge_age(-5, a, sizeof a);
    assert_string_equal(a, "0 s");
    Surge_age(59, a, sizeof a);
    assert_string_equal(a, "59 s");
    Surge_age(3600 * 26 + 60, a, sizeof a);
    assert_string_equal(a, "26 h 01 min");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_configured_text),
        cmocka_unit_test(test_banner_and_age),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
