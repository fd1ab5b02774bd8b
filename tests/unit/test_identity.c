/* The identity check's configured questions (issue 9.6): the names in
 * identity_checks, in the council's order, each once, unknown ones
 * left out here and found for config.c to report. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "client/customer/identity.h"

static void test_methods_in_config_order(void **state)
{
    const char *m[3];
    assert_int_equal(Identity_methods("date_of_birth,postcode,reference", m, 3), 3);
    assert_string_equal(m[0], "date_of_birth");
    assert_string_equal(m[2], "reference");
    assert_int_equal(Identity_methods(" reference , postcode", m, 3), 2);
    assert_string_equal(m[0], "reference");
    assert_string_equal(m[1], "postcode");
}

static void test_unknown_and_repeated_skipped(void **state)
{
    const char *m[3];
    assert_int_equal(Identity_methods("postcode,shoe_size,postcode,post", m, 3), 1);
    assert_string_equal(m[0], "postcode");
    assert_int_equal(Identity_methods("", m, 3), 0);
    assert_int_equal(Identity_methods("date_of_birth,postcode", m, 1), 1);
}

/* The names config.c reports as errors, each in turn: unknown, or named
 * again. */
static void test_bad_names_found(void **state)
{
    const char *list = "postcode, shoe_size,post ,reference,postcode", *p = list, *name;
    size_t len;
    bool again;
    assert_non_null(name = Identity_bad_name(list, &p, &len, &again));
    assert_int_equal(len, 9);
    assert_memory_equal(name, "shoe_size", 9);
    assert_false(again);
    assert_non_null(name = Identity_bad_name(list, &p, &len, &again));
    assert_int_equal(len, 4);
    assert_memory_equal(name, "post", 4);
    assert_non_null(name = Identity_bad_name(list, &p, &len, &again));
    assert_int_equal(len, 8);
    assert_true(again);
    assert_ptr_equal(name, list + strlen(list) - 8);
    assert_null(Identity_bad_name(list, &p, &len, &again));
    assert_string_equal(Identity_codes(), "date_of_birth, postcode, reference");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_methods_in_config_order),
        cmocka_unit_test(test_unknown_and_repeated_skipped),
        cmocka_unit_test(test_bad_names_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
