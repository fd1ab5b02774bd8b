/* text: byte-bounded copies never leave half a character (issue 10.6). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "client/core/screen.h"
#include "common/diag.h"
#include "common/text.h"

static void test_format_cuts_at_character(void **state)
{
    (void)state;
    char out[8];
    /* "漢" is 3 bytes: 7 bytes of room hold two, not two and a third. */
    assert_int_equal(Text_format(out, sizeof out, "%s", "漢漢漢"), 6);
    assert_string_equal(out, "漢漢");
    /* 4-byte emoji: one fits in 7 bytes, the second would be cut. */
    assert_int_equal(Text_format(out, sizeof out, "%s", "😀😀"), 4);
    assert_string_equal(out, "😀");
    assert_int_equal(Text_format(out, sizeof out, "a%s", "😀😀"), 5);
    assert_true(Text_utf8_valid(out, strlen(out)));
    /* what fits is untouched */
    assert_int_equal(Text_format(out, sizeof out, "%s", "Zoë"), 4);
    assert_string_equal(out, "Zoë");
}

static void test_cut_every_length(void **state)
{
    (void)state;
    const char *src = "aé漢😀b😀漢éa";
    for (size_t cap = 1; cap <= strlen(src) + 1; cap++) {
        char out[64];
        size_t n = Text_format(out, cap, "%s", src);
        assert_int_equal(n, strlen(out));
        assert_true(n < cap);
        assert_true(Text_utf8_valid(out, n));
        assert_memory_equal(out, src, n);
    }
}

static void test_diag_long_message_stays_utf8(void **state)
{
    (void)state;
    Diag d = DIAG_INIT;
    char big[2000] = "";
    for (int i = 0; i < 300; i++)
        strcat(big, "😀");
    Diag_add(&d, "f", 1, "resourceType is '%s'", big);
    Diag_add(&d, "f", 0, "%s", big);
    for (size_t i = 0; i < d.count; i++)
        assert_true(Text_utf8_valid(d.lines[i], strlen(d.lines[i])));
    Diag_free(&d);
}

/* Parsers echo what they could not read; a long multi-byte word must not
 * leave half a character in the message (found by tests/fuzz). */
static void test_parser_messages_stay_utf8(void **state)
{
    (void)state;
    char text[4096] = "screen record\nsection \"S\" ";
    for (int i = 0; i < 300; i++)
        strcat(text, "é");
    strcat(text, "\n");
    Diag d = DIAG_INIT;
    Screen_free(Screen_parse(text, "x.screen", &d));
    assert_true(d.count > 0);
    for (size_t i = 0; i < d.count; i++)
        assert_true(Text_utf8_valid(d.lines[i], strlen(d.lines[i])));
    Diag_free(&d);
}

/* Issue 10 F1: other scripts keep their letters, lower-cased; Latin still
 * folds to ASCII. */
static void test_fold_keeps_every_script(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } cases[] = {
        {"Олена ШЕВЧЕНКО", "олена шевченко"},
        {"Νίκος ΠΑΠΑΔΌΠΟΥΛΟΣ", "νικοσ παπαδοπουλοσ"},
        {"王 小明", "王 小明"},
        {"Արամ", "արամ"},
        {"Zoë O'Brien-Smith", "zoe obrien smith"},
        {"Zoe\xcc\x88", "zoe"},
        {"\xe2\x84\xaa" "ate STRA\xe1\xba\x9e" "E", "kate strasse"},
        {"Łukasz Straße", "lukasz strasse"},
        {"«Шевч*» OR \"x\"", "шевч or x"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[128];
        Text_fold(cases[i].in, out, sizeof out, FOLD_JOIN_APOSTROPHE);
        assert_string_equal(out, cases[i].want);
    }
}

static void test_fold_cuts_at_character(void **state)
{
    (void)state;
    char out[6];
    /* "шев" is 6 bytes: 5 bytes of room hold two letters, not a half. */
    assert_int_equal(Text_fold("шев", out, sizeof out, 0), 4);
    assert_string_equal(out, "ше");
}

static void test_fts_terms_are_quoted_prefixes(void **state)
{
    (void)state;
    char out[256];
    assert_int_equal(Text_fts_terms("Шевченко \"Олена\"* OR", 6, out, sizeof out), 3);
    assert_string_equal(out, "\"шевченко\"* AND \"олена\"* AND \"or\"*");
    assert_int_equal(Text_fts_terms(" -*\" ", 6, out, sizeof out), 0);
    assert_string_equal(out, "");
}

static void test_user_server_stem(void **state)
{
    (void)state;
    char out[96];
    /* The outbox journal's and the live channel's file names: FNV-1a of
     * the URL (the same for both, so an existing journal is still found). */
    Text_user_server_stem("advisor", "http://127.0.0.1:8080", out, sizeof out);
    assert_string_equal(out, "advisor-8e9aa643b4573ec0");
    Text_user_server_stem("../a b", "http://127.0.0.1:8080", out, sizeof out);
    assert_string_equal(out, ".._a_b-8e9aa643b4573ec0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_cuts_at_character),
        cmocka_unit_test(test_cut_every_length),
        cmocka_unit_test(test_diag_long_message_stays_utf8),
        cmocka_unit_test(test_parser_messages_stay_utf8),
        cmocka_unit_test(test_fold_keeps_every_script),
        cmocka_unit_test(test_fold_cuts_at_character),
        cmocka_unit_test(test_fts_terms_are_quoted_prefixes),
        cmocka_unit_test(test_user_server_stem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
