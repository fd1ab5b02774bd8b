/* Screen files: the parser, its errors, overrides, and value formats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client/core/embedded.h"
#include "client/core/screen.h"
#include "common/buf.h"

static void test_builtin_screens(void **state)
{
    Diag d = DIAG_INIT;
    Screen *s = Screen_load("search", NULL, &d);
    assert_non_null(s);
    assert_int_equal(d.count, 0);
    assert_int_equal(s->kind, SCREEN_LIST);
    assert_int_equal(s->ncolumns, 6);
    assert_string_equal(s->columns[0].path, "display_name");
    assert_int_equal(s->columns[4].format, FMT_FLAG);
    Screen_free(s);

    s = Screen_load("customer", NULL, &d);
    assert_non_null(s);
    assert_int_equal(d.count, 0);
    assert_int_equal(s->kind, SCREEN_RECORD);
    /* warnings first, impossible to miss */
    assert_string_equal(s->sections[0].title, "Warnings");
    assert_int_equal(s->sections[0].emphasis, EMPH_ALERT);
    assert_string_equal(s->sections[0].list_path, "flags");
    assert_string_equal(s->sections[0].fields[2].masked_if, "restricted");
    bool accounts = false, cases = false;
    for (size_t i = 0; i < s->nsections; i++) {
        const char *p = s->sections[i].list_path;
        accounts |= p && strcmp(p, "service_accounts") == 0;
        cases |= p && strcmp(p, "open_cases") == 0;
    }
    assert_true(accounts && cases);
    Screen_free(s);

    assert_null(Screen_load("nonesuch", NULL, &d));
    assert_string_equal(d.lines[0], "screens/nonesuch.screen: no such screen");
    Diag_free(&d);
}

static void test_embedded_copies_are_the_files(void **state)
{
    static const char *const names[] = {"screens/search.screen", "screens/customer.screen"};
    for (size_t i = 0; i < 2; i++) {
        Buf b = BUF_INIT;
        assert_int_equal(Buf_read_file(&b, names[i]), 0);
        assert_string_equal(Embedded_get(names[i]), b.data);
        Buf_free(&b);
    }
}

static void test_errors_and_recovery(void **state)
{
    const char *text =
        "screen record\n"
        "field \"Orphan\" path=x\n"
        "section \"Manylion personol\"\n"
        "field \"Enw\" path=display_name emphasis=strong\n"
        "field \"Dyddiad geni\" path=date_of_birth format=dat\n"
        "field \"Rhif ffôn\" path=phone format=phone width=abc\n"
        "field \"No path\" format=date\n"
        "field \"Odd\" path=x colour=red\n"
        "column \"C\" path=y\n"
        "frobnicate\n"
        "field \"Broken \n"
        "section \"Cyfrifon\" emphasis=loud\n"
        "section \"Cyfrifon\"\n"
        "list service_accounts empty=\"Dim cyfrifon\"\n"
        "field \"F\" path=z\n"
        "column \"Math\" path=label min=10 weight=2\n"
        "screen list\n"
        "field \"Cyfeiriad\" path=addresses.0.postcode optional\n";
    Diag d = DIAG_INIT;
    Screen *s = Screen_parse(text, "screens/customer.screen", &d);
    assert_non_null(s);
    static const char *const want[] = {
        "screens/customer.screen:2: field outside a section",
        "screens/customer.screen:5: unknown format 'dat'",
        "screens/customer.screen:6: bad width 'abc' (expected a number up to 200)",
        "screens/customer.screen:7: field 'No path' has no path=",
        "screens/customer.screen:8: unknown option 'colour'",
        "screens/customer.screen:9: column outside a list (start the section with 'list <json path>')",
        "screens/customer.screen:10: unknown directive 'frobnicate'",
        "screens/customer.screen:11: unterminated quote or more than 16 words",
        "screens/customer.screen:12: unknown emphasis 'loud' (normal, strong or alert)",
        "screens/customer.screen:15: section 'Cyfrifon' is a list: use column, not field",
        "screens/customer.screen:17: 'screen' must be the first line and appear once",
        "screens/customer.screen:18: section 'Cyfrifon' is a list: use column, not field",
    };
    assert_int_equal(d.count, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < d.count; i++)
        assert_string_equal(d.lines[i], want[i]);
    /* what was right is all there, UTF-8 labels intact */
    assert_int_equal(s->nsections, 2);
    assert_string_equal(s->sections[0].title, "Manylion personol");
    assert_int_equal(s->sections[0].nfields, 1);
    assert_string_equal(s->sections[0].fields[0].label, "Enw");
    assert_int_equal(s->sections[0].fields[0].emphasis, EMPH_STRONG);
    assert_string_equal(s->sections[1].empty_text, "Dim cyfrifon");
    assert_int_equal(s->sections[1].nfields, 1);
    assert_int_equal(s->sections[1].fields[0].col.min, 10);
    assert_int_equal(s->sections[1].fields[0].col.weight, 2);
    Screen_free(s);
    Diag_free(&d);
}

static void test_list_screen_and_quotes(void **state)
{
    Diag d = DIAG_INIT;
    Screen *s = Screen_parse("screen list\ntitle \"Cwsmeriaid\"\n"
                             "value cautionary_contact \"RHYBUDD\"\n"
                             "column \"Rhif \\\"ffôn\\\"\" path=phone align=right width=14\n"
                             "column Enw path=display_name   # comment\n"
                             "section \"X\"\n", "s", &d);
    assert_non_null(s);
    assert_string_equal(s->title, "Cwsmeriaid");
    assert_int_equal(s->ncolumns, 2);
    assert_string_equal(s->columns[0].label, "Rhif \"ffôn\"");
    assert_int_equal(s->columns[0].align, ALIGN_RIGHT);
    assert_int_equal(s->columns[0].col.width, 14);
    assert_int_equal(s->columns[1].col.weight, 1);   /* flexible by default */
    assert_string_equal(Screen_value_label(s, "cautionary_contact"), "RHYBUDD");
    assert_string_equal(Screen_value_label(s, "other"), "other");
    assert_int_equal(d.count, 1);
    assert_string_equal(d.lines[0], "s:6: sections belong in record screens (this is 'screen list')");
    Screen_free(s);
    Diag_free(&d);

    assert_null(Screen_parse("screen list\n# nothing\n", "empty.screen", &d));
    assert_string_equal(d.lines[0], "empty.screen: no columns declared");
    Diag_free(&d);
}

static void test_override_dir(void **state)
{
    char dir[] = "/tmp/fdscrXXXXXX", path[128];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/customer.screen", dir);
    FILE *f = fopen(path, "w");
    fputs("screen record\nsection \"Manylion\"\nfield \"Enw\" path=display_name\n", f);
    fclose(f);
    Diag d = DIAG_INIT;
    Screen *s = Screen_load("customer", dir, &d);
    assert_int_equal(s->nsections, 1);
    assert_string_equal(s->sections[0].title, "Manylion");
    Screen_free(s);
    s = Screen_load("search", dir, &d);   /* not overridden: built in */
    assert_int_equal(s->ncolumns, 6);
    Screen_free(s);
    assert_int_equal(d.count, 0);

    f = fopen(path, "w");
    fputs("screen record\nsectoin \"Manylion\"\n", f);
    fclose(f);
    s = Screen_load("customer", dir, &d);
    assert_non_null(s);
    assert_string_equal(s->sections[0].title, "Warnings");   /* fell back */
    assert_int_equal(d.count, 3);
    char want[200];
    snprintf(want, sizeof want, "%s:2: unknown directive 'sectoin'", path);
    assert_string_equal(d.lines[0], want);
    Screen_free(s);
    Diag_free(&d);
    unlink(path);
    rmdir(dir);
}

static void fmt_is(const char *json, FieldFormat fmt, bool masked, const char *want)
{
    char out[128];
    json_t *v = json ? json_loads(json, JSON_DECODE_ANY, NULL) : NULL;
    Screen_format_value(v, fmt, masked, out, sizeof out);
    assert_string_equal(out, want);
    json_decref(v);
}

static void test_formats(void **state)
{
    Screen_set_format_options(false, "Europe/London");
    fmt_is("\"Ms Zoë O'Brien\"", FMT_TEXT, false, "Ms Zoë O'Brien");
    fmt_is("\"1961-04-09\"", FMT_DATE, false, "09 Apr 1961");
    fmt_is("\"2026-11-23T14:05:00Z\"", FMT_DATETIME, false, "23 Nov 2026 14:05");
    fmt_is("\"2026-07-01T12:30:00Z\"", FMT_DATETIME, false, "01 Jul 2026 13:30");   /* BST */
    fmt_is("\"not a date\"", FMT_DATE, false, "not a date");
    fmt_is("\"01632 960123\"", FMT_PHONE, false, "01632 960123");
    fmt_is("\"07700900123\"", FMT_PHONE, false, "07700 900123");
    fmt_is("\"02079460000\"", FMT_PHONE, false, "020 7946 0000");
    fmt_is("12345", FMT_MONEY, false, "£123.45");
    fmt_is("-5", FMT_MONEY, false, "-£0.05");
    fmt_is("0", FMT_MONEY, false, "£0.00");
    fmt_is("true", FMT_BOOL, false, "Yes");
    fmt_is("false", FMT_BOOL, false, "No");
    fmt_is("\"cautionary_contact\"", FMT_FLAG, false, "[!] cautionary_contact");
    fmt_is("{\"code\":\"x\",\"label\":\"Cautionary contact\"}", FMT_FLAG, false,
           "[!] Cautionary contact");
    fmt_is("[\"a\",\"b\"]", FMT_FLAG, false, "[!] a [!] b");
    fmt_is("[]", FMT_FLAG, false, "");
    fmt_is("[\"BSL\",\"Large print\"]", FMT_LIST, false, "BSL, Large print");
    fmt_is("[]", FMT_LIST, false, "—");
    fmt_is("null", FMT_TEXT, false, "—");
    fmt_is(NULL, FMT_DATE, false, "—");
    fmt_is("\"\"", FMT_TEXT, false, "—");
    fmt_is("\"zoe@example.org\"", FMT_TEXT, true, "••••");
    fmt_is("null", FMT_TEXT, true, "—");
    Screen_set_format_options(true, NULL);
    fmt_is("null", FMT_TEXT, false, "-");
    fmt_is("\"secret\"", FMT_TEXT, true, "****");
    fmt_is("150", FMT_MONEY, false, "GBP 1.50");
    Screen_set_format_options(false, NULL);
    char small[4];
    json_t *v = json_string("Zoë Zoë");
    assert_int_equal(Screen_format_value(v, FMT_TEXT, false, small, sizeof small), 2);
    assert_string_equal(small, "Zo");   /* never cut inside a character */
    json_decref(v);
}

static void test_fields_in_context(void **state)
{
    Diag d = DIAG_INIT;
    Screen *s = Screen_load("customer", NULL, &d);
    Screen *list = Screen_load("search", NULL, &d);
    json_t *rec = json_loads(
        "{\"display_name\":\"Ms Zoë O'Brien\",\"title\":null,\"digitally_excluded\":true,"
        "\"addresses\":[{\"kind\":\"home\",\"postcode\":\"FD1 2AB\"}],"
        "\"flags\":[{\"code\":\"vulnerable_adult\",\"label\":\"Vulnerable adult\","
        "\"detail\":\"Lives alone\",\"restricted\":true,\"since\":\"2025-03-01\"}]}", 0, NULL);
    json_t *item = json_loads("{\"flags\":[\"cautionary_contact\",\"vulnerable_adult\"]}", 0, NULL);
    assert_non_null(rec);
    char out[128];
    const ScreenSection *warn = &s->sections[0];
    const json_t *flag = json_array_get(Screen_lookup(rec, warn->list_path), 0);
    Screen_format_field(s, &warn->fields[0], flag, false, out, sizeof out);
    assert_string_equal(out, "[!] Vulnerable adult");
    Screen_format_field(s, &warn->fields[2], flag, false, out, sizeof out);
    assert_string_equal(out, "••••");                        /* restricted */
    Screen_format_field(s, &warn->fields[2], flag, true, out, sizeof out);
    assert_string_equal(out, "Lives alone");                 /* revealed */
    Screen_format_field(s, &warn->fields[1], flag, false, out, sizeof out);
    assert_string_equal(out, "01 Mar 2025");

    ScreenField excluded = {.label = "Digitally excluded", .path = "digitally_excluded",
                            .format = FMT_FLAG};
    Screen_format_field(s, &excluded, rec, false, out, sizeof out);
    assert_string_equal(out, "[!] Digitally excluded");
    ScreenField title = {.label = "Title", .path = "title", .optional = true};
    assert_true(Screen_field_empty(&title, rec));
    ScreenField kind = {.label = "Kind", .path = "addresses.0.kind"};
    Screen_format_field(s, &kind, rec, false, out, sizeof out);
    assert_string_equal(out, "Home");                        /* value label */
    assert_string_equal(json_string_value(Screen_lookup(rec, "addresses.0.postcode")), "FD1 2AB");
    assert_null(Screen_lookup(rec, "addresses.1.postcode"));
    assert_null(Screen_lookup(rec, "addresses.x"));

    Screen_format_field(list, &list->columns[4], item, false, out, sizeof out);
    assert_string_equal(out, "[!] CAUTION [!] VULNERABLE");
    json_decref(rec);
    json_decref(item);
    Screen_free(s);
    Screen_free(list);
    assert_int_equal(d.count, 0);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_screens),
        cmocka_unit_test(test_embedded_copies_are_the_files),
        cmocka_unit_test(test_errors_and_recovery),
        cmocka_unit_test(test_list_screen_and_quotes),
        cmocka_unit_test(test_override_dir),
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_fields_in_context),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
