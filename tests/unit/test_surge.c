/* surge: the "rising tide" level from queue depth and oldest age, the
 * configured thresholds and the banner's words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "client/core/config.h"
#include "client/queue/surge.h"

static void test_defaults_rise_with_depth(void **state)
{
    (void)state;
    Config c;
    Config_defaults(&c);
    SurgeRules r;
    Surge_rules(&c, &r);
    assert_int_equal(Surge_level(&r, 0, 0), 0);
    assert_int_equal(Surge_level(&r, 9, 59 * 60), 0);
    assert_int_equal(Surge_level(&r, 10, 0), 1);
    assert_int_equal(Surge_level(&r, 24, 0), 1);
    assert_int_equal(Surge_level(&r, 25, 0), 2);
    assert_int_equal(Surge_level(&r, 50, 0), 3);
    assert_int_equal(Surge_level(&r, 100, 0), 4);
    assert_int_equal(Surge_level(&r, 100000, 0), 4);
}

static void test_defaults_rise_with_age(void **state)
{
    (void)state;
    Config c;
    Config_defaults(&c);
    SurgeRules r;
    Surge_rules(&c, &r);
    assert_int_equal(Surge_level(&r, 1, 59 * 60 + 59), 0);
    assert_int_equal(Surge_level(&r, 1, 60 * 60), 1);
    assert_int_equal(Surge_level(&r, 1, 4 * 3600), 2);
    assert_int_equal(Surge_level(&r, 1, 8 * 3600), 3);
    assert_int_equal(Surge_level(&r, 1, 24 * 3600), 4);
    /* The higher of the two measures wins. */
    assert_int_equal(Surge_level(&r, 30, 24 * 3600), 4);
    assert_int_equal(Surge_level(&r, 60, 61 * 60), 3);
}

static void test_empty_queue_has_no_age(void **state)
{
    (void)state;
    Config c;
    Config_defaults(&c);
    SurgeRules r;
    Surge_rules(&c, &r);
    /* The server reports the age of nothing as 0, but a stale figure must
     * not raise a tide over an empty queue either. */
    assert_int_equal(Surge_level(&r, 0, 48 * 3600), 0);
}

static void test_configured_thresholds(void **state)
{
    (void)state;
    Config c;
    Config_defaults(&c);
    Diag d = DIAG_INIT;
    assert_int_equal(Config_set(&c, "surge_level1_depth", "0", "test", 1, &d), 0);
    assert_int_equal(Config_set(&c, "surge_level1_oldest_minutes", "0", "test", 2, &d), 0);
    assert_int_equal(Config_set(&c, "surge_level2_depth", "3", "test", 3, &d), 0);
    assert_int_equal(Config_set(&c, "surge_level2_text", "Call the hub", "test", 4, &d), 0);
    assert_int_equal(Config_set(&c, "surge_level4_depth", "0", "test", 5, &d), 0);
    assert_int_equal(Config_set(&c, "surge_level4_oldest_minutes", "0", "test", 6, &d), 0);
    assert_int_equal(Config_set(&c, "surge_level3_depth", "-1", "test", 7, &d), -1);
    Diag_free(&d);
    SurgeRules r;
    Surge_rules(&c, &r);
    /* Level 1 switched off: two items are calm, three reach level 2. */
    assert_int_equal(Surge_level(&r, 2, 0), 0);
    assert_int_equal(Surge_level(&r, 3, 0), 2);
    /* Level 4 switched off: nothing reaches it. */
    assert_int_equal(Surge_level(&r, 1000000, 1000000), 3);
    char b[300];
    Surge_banner(&r, 2, 3, 125 * 60, b, sizeof b);
    assert_string_equal(b, "RISING TIDE 2 of 4 (3 waiting, oldest 2 h 05 min): Call the hub");
}

static void test_banner_and_age(void **state)
{
    (void)state;
    Config c;
    Config_defaults(&c);
    SurgeRules r;
    Surge_rules(&c, &r);
    char b[300];
    Surge_banner(&r, 0, 3, 10, b, sizeof b);
    assert_string_equal(b, "");
    Surge_banner(&r, 5, 3, 10, b, sizeof b);
    assert_string_equal(b, "");
    Surge_banner(&r, 1, 12, 90, b, sizeof b);
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
        cmocka_unit_test(test_defaults_rise_with_depth),
        cmocka_unit_test(test_defaults_rise_with_age),
        cmocka_unit_test(test_empty_queue_has_no_age),
        cmocka_unit_test(test_configured_thresholds),
        cmocka_unit_test(test_banner_and_age),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
