/* Answer values: advisor input in British and ISO forms, FHIR JSON both
 * ways, comparison and display. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "common/qvalue.h"

/* Parses with fn and returns the stored FHIR text (static, for asserts). */
static const char *parsed_str(const char *(*fn)(QValue *, const char *), const char *in)
{
    static char out[64];
    QValue v = QVALUE_INIT;
    const char *err = fn(&v, in);
    snprintf(out, sizeof out, "%s", err ? "ERR" : v.str);
    QValue_clear(&v);
    return out;
}

static void test_dates(void **state)
{
    assert_string_equal(parsed_str(QValue_parse_date, "23/11/2026"), "2026-11-23");
    assert_string_equal(parsed_str(QValue_parse_date, " 2026-11-23 "), "2026-11-23");
    assert_string_equal(parsed_str(QValue_parse_date, "1/2/2026"), "2026-02-01");
    assert_string_equal(parsed_str(QValue_parse_date, "29/02/2024"), "2024-02-29");
    assert_string_equal(parsed_str(QValue_parse_date, "29/02/2000"), "2000-02-29");
    assert_string_equal(parsed_str(QValue_parse_date, "29/02/2026"), "ERR"); /* not a leap year */
    assert_string_equal(parsed_str(QValue_parse_date, "29/02/1900"), "ERR");
    assert_string_equal(parsed_str(QValue_parse_date, "31/04/2026"), "ERR");
    assert_string_equal(parsed_str(QValue_parse_date, "2026-13-01"), "ERR");
    assert_string_equal(parsed_str(QValue_parse_date, "00/01/2026"), "ERR");
    assert_string_equal(parsed_str(QValue_parse_date, "23-11-2026"), "ERR");
    assert_string_equal(parsed_str(QValue_parse_date, "2026-11-23x"), "ERR");
    assert_string_equal(parsed_str(QValue_parse_date, ""), "ERR");
    assert_string_equal(parsed_str(QValue_parse_date, "tomorrow"), "ERR");
    QValue v = QVALUE_INIT;
    assert_string_equal(QValue_parse_date(&v, "32/01/2026"),
                        "Enter a date as DD/MM/YYYY or YYYY-MM-DD");
    assert_int_equal(v.kind, QV_NONE);
}

static const char *dt(const char *in, int offset)
{
    static char out[64];
    QValue v = QVALUE_INIT;
    const char *err = QValue_parse_datetime(&v, in, offset);
    snprintf(out, sizeof out, "%s", err ? "ERR" : v.str);
    QValue_clear(&v);
    return out;
}

static void test_datetimes_and_times(void **state)
{
    assert_string_equal(dt("23/11/2026 14:05", 0), "2026-11-23T14:05:00Z");
    assert_string_equal(dt("2026-06-01 09:30", 60), "2026-06-01T09:30:00+01:00");
    assert_string_equal(dt("2026-06-01T09:30:15-05:30", 60), "2026-06-01T09:30:15-05:30");
    assert_string_equal(dt("2026-06-01T09:30Z", 60), "2026-06-01T09:30:00Z");
    assert_string_equal(dt("2026-06-01 24:00", 0), "ERR");
    assert_string_equal(dt("2026-06-01", 0), "ERR");
    assert_string_equal(dt("2026-06-01 09:30", 15 * 60), "ERR");
    assert_string_equal(parsed_str(QValue_parse_time, "09:05"), "09:05:00");
    assert_string_equal(parsed_str(QValue_parse_time, "23:59:59"), "23:59:59");
    assert_string_equal(parsed_str(QValue_parse_time, "9:05"), "ERR");
    assert_string_equal(parsed_str(QValue_parse_time, "12:60"), "ERR");
}

static void test_numbers_and_booleans(void **state)
{
    QValue v = QVALUE_INIT;
    assert_null(QValue_parse_integer(&v, " -42 "));
    assert_int_equal(v.integer, -42);
    assert_null(QValue_parse_integer(&v, "2147483647"));
    assert_non_null(QValue_parse_integer(&v, "2147483648"));
    assert_non_null(QValue_parse_integer(&v, "12.5"));
    assert_non_null(QValue_parse_integer(&v, "4 2"));
    assert_non_null(QValue_parse_integer(&v, ""));
    assert_non_null(QValue_parse_integer(&v, "99999999999999999999999999999999999999"));
    assert_null(QValue_parse_decimal(&v, "12.5"));
    assert_true(v.kind == QV_DECIMAL && v.decimal == 12.5);
    assert_null(QValue_parse_decimal(&v, "-.5"));
    assert_true(v.decimal == -0.5);
    assert_non_null(QValue_parse_decimal(&v, "1e3"));
    assert_non_null(QValue_parse_decimal(&v, "nan"));
    assert_non_null(QValue_parse_decimal(&v, "0x10"));
    assert_non_null(QValue_parse_decimal(&v, "."));
    assert_null(QValue_parse_boolean(&v, "Yes"));
    assert_true(v.kind == QV_BOOLEAN && v.boolean);
    assert_null(QValue_parse_boolean(&v, "n"));
    assert_false(v.boolean);
    assert_string_equal(QValue_parse_boolean(&v, "maybe"), "Answer yes or no");
    QValue_clear(&v);
}

static QValue from(const char *json, const char *prefix, int expect)
{
    json_t *j = json_loads(json, 0, NULL);
    QValue v;
    const char *what = NULL;
    assert_int_equal(QValue_from_fhir(&v, j, prefix, &what), expect);
    json_decref(j);
    return v;
}

static void test_fhir_json(void **state)
{
    QValue v = from("{\"answerCoding\":{\"system\":\"s\",\"code\":\"c\"}}", "answer", 1);
    assert_int_equal(v.kind, QV_CODING);
    assert_string_equal(v.system, "s");
    json_t *o = json_object();
    QValue_to_fhir(&v, o);
    char *dump = json_dumps(o, JSON_SORT_KEYS | JSON_COMPACT);
    assert_string_equal(dump, "{\"valueCoding\":{\"code\":\"c\",\"system\":\"s\"}}");
    free(dump);
    json_decref(o);
    QValue_clear(&v);
    from("{\"valueDate\":\"2026-02-30\"}", "value", -2);
    from("{\"valueDate\":\"2026\"}", "value", -2);
    from("{\"valueDate\":\"01/01/2026\"}", "value", -2); /* British form is input only */
    from("{\"valueTime\":\"10:00\"}", "value", -2);
    from("{\"valueDateTime\":\"2026-01-01T10:00:00\"}", "value", -2); /* no zone */
    from("{\"valueQuantity\":{\"value\":1}}", "value", -1);
    from("{\"valueInteger\":1,\"valueString\":\"x\"}", "value", -1);
    from("{\"valueInteger\":3000000000}", "value", -2);
    from("{\"valueString\":\"\"}", "value", -2);
    from("{\"initialSelected\":true}", "value", 0);
    v = from("{\"valueDateTime\":\"2026-01-01T10:00:00.5+01:00\"}", "value", 1);
    QValue_clear(&v);
    v = from("{\"valueDecimal\":2}", "value", 1); /* a whole number is a decimal too */
    assert_true(v.kind == QV_DECIMAL && v.decimal == 2.0);
}

static void test_compare(void **state)
{
    QValue a = {.kind = QV_INTEGER, .integer = 2}, b = {.kind = QV_DECIMAL, .decimal = 2.0};
    int cmp = 9;
    assert_true(QValue_equal(&a, &b));
    b.decimal = 2.5;
    assert_true(QValue_order(&a, &b, &cmp) && cmp < 0);
    QValue x = QVALUE_INIT, y = QVALUE_INIT;
    QValue_parse_datetime(&x, "2026-06-01 10:00", 60); /* 09:00 UTC */
    QValue_parse_datetime(&y, "2026-06-01 09:30", 0);
    assert_true(QValue_order(&x, &y, &cmp) && cmp < 0);
    QValue_parse_datetime(&y, "2026-06-01T09:00Z", 0);
    assert_true(QValue_equal(&x, &y));
    QValue c1 = {.kind = QV_CODING, .str = "Y", .system = "custom"};
    QValue c2 = {.kind = QV_CODING, .str = "Y"};
    QValue c3 = {.kind = QV_CODING, .str = "Y", .system = "other"};
    assert_true(QValue_equal(&c1, &c2));  /* no system on one side: code decides */
    assert_false(QValue_equal(&c1, &c3));
    assert_false(QValue_order(&c1, &c2, &cmp));
    QValue s = {.kind = QV_STRING, .str = "Y"};
    assert_false(QValue_equal(&s, &c2));
    QValue_clear(&x);
    QValue_clear(&y);
}

static void test_display(void **state)
{
    static const struct { QValue v; const char *want; } cases[] = {
        {{.kind = QV_BOOLEAN, .boolean = true}, "Yes"},
        {{.kind = QV_BOOLEAN}, "No"},
        {{.kind = QV_INTEGER, .integer = -7}, "-7"},
        {{.kind = QV_DECIMAL, .decimal = 12.5}, "12.5"},
        {{.kind = QV_DATE, .str = "2026-11-23"}, "23/11/2026"},
        {{.kind = QV_DATETIME, .str = "2026-11-23T14:05:00Z"}, "23/11/2026 14:05 UTC"},
        {{.kind = QV_DATETIME, .str = "2026-06-01T09:30:00+01:00"}, "01/06/2026 09:30 +01:00"},
        {{.kind = QV_TIME, .str = "09:05:00"}, "09:05"},
        {{.kind = QV_TIME, .str = "09:05:30"}, "09:05:30"},
        {{.kind = QV_CODING, .str = "c", .display = "Shown"}, "Shown"},
        {{.kind = QV_CODING, .str = "c"}, "c"},
        {{.kind = QV_STRING, .str = "Zoë"}, "Zoë"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = QValue_display(&cases[i].v);
        assert_string_equal(s, cases[i].want);
        free(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_datetimes_and_times),
        cmocka_unit_test(test_numbers_and_booleans),
        cmocka_unit_test(test_fhir_json),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_display),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
