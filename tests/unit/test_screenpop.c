/* screenpop: the caller's number as the message line and my work show
 * it (the digits come from the server, national, without spaces). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>

#include "client/screenpop/screenpop.h"

static void number_of(const char *json, const char *want)
{
    json_t *call = json_loads(json, 0, NULL);
    char out[40];
    assert_non_null(call);
    ScreenPop_number(call, out, sizeof out);
    assert_string_equal(out, want);
    json_decref(call);
}

static void test_mobile_spaced_as_written(void **state)
{
    (void)state;
    number_of("{\"caller\": \"07700900123\", \"withheld\": false}", "07700 900123");
    number_of("{\"caller\": \"01632960002\", \"withheld\": false}", "01632 960002");
}

static void test_other_lengths_as_given(void **state)
{
    (void)state;
    number_of("{\"caller\": \"999\", \"withheld\": false}", "999");
}

static void test_withheld(void **state)
{
    (void)state;
    number_of("{\"caller\": null, \"withheld\": true}", "withheld");
    number_of("{\"withheld\": false}", "withheld");   /* no number is no number to show */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mobile_spaced_as_written),
        cmocka_unit_test(test_other_lengths_as_given),
        cmocka_unit_test(test_withheld),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
