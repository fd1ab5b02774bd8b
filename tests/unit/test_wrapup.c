/* The wrap-up's pure parts: the filter across both levels of the tree,
 * the clock's format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "client/contact/contact.h"
#include "client/contact/wrapup.h"

static const WrapCode chasing = {"chasing_missed_bin", "Chasing a missed bin", "waste",
                                 "Bins and recycling", true, true};
static const WrapCode moving = {"ct_moving_in", "Moving into the area", "council_tax",
                                "Council tax", false, false};

static void test_filter_matches_both_levels(void **state)
{
    assert_true(Wrapcodes_match(&chasing, ""));
    assert_true(Wrapcodes_match(&chasing, "missed"));
    assert_true(Wrapcodes_match(&chasing, "BINS chasing"));      /* topic + reason, any case */
    assert_true(Wrapcodes_match(&chasing, "recycling  missed "));
    assert_true(Wrapcodes_match(&chasing, "chasing_missed"));    /* the code itself */
    assert_false(Wrapcodes_match(&chasing, "council"));
    assert_false(Wrapcodes_match(&chasing, "bins council"));     /* every word must match */
    assert_true(Wrapcodes_match(&moving, "tax moving"));
    assert_false(Wrapcodes_match(&moving, "tax moving out"));
}

static void test_duration_format(void **state)
{
    char out[32];
    Contact_format_duration(0, out, sizeof out);
    assert_string_equal(out, "00:00");
    Contact_format_duration(999, out, sizeof out);
    assert_string_equal(out, "00:00");
    Contact_format_duration(192000, out, sizeof out);
    assert_string_equal(out, "03:12");
    Contact_format_duration(3599000, out, sizeof out);
    assert_string_equal(out, "59:59");
    Contact_format_duration(3723000, out, sizeof out);
    assert_string_equal(out, "1:02:03");
    Contact_format_duration(-5000, out, sizeof out);
    assert_string_equal(out, "00:00");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_filter_matches_both_levels),
        cmocka_unit_test(test_duration_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
