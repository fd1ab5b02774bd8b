/* The actions table: names, contexts, and the man page kept in step. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/core/actions.h"
#include "common/buf.h"

static void test_names_round_trip(void **state)
{
    for (int a = 0; a < ACT_COUNT; a++) {
        const char *name = Action_name((Action)a);
        assert_non_null(name);
        assert_int_equal(Action_by_name(name), a);
        assert_non_null(Action_description((Action)a));
        assert_true(Action_contexts((Action)a) != 0);
        for (const char *p = name; *p; p++)   /* kebab-case, as tig */
            assert_true(islower((unsigned char)*p) || *p == '-');
    }
    assert_int_equal(Action_by_name("move-down"), ACT_MOVE_DOWN);
    assert_int_equal(Action_by_name("MOVE-DOWN"), ACT_MOVE_DOWN);
    assert_int_equal(Action_by_name("none"), ACT_NONE);
    assert_int_equal(Action_by_name("jump-moon"), -1);
    assert_null(Action_name(ACT_COUNT));
}

static void test_required_actions_exist(void **state)
{
    static const char *const required[] = {
        "view-help", "quit", "back", "cancel", "enter", "move-up", "move-down",
        "move-page-up", "move-page-down", "move-first-line", "move-last-line", "search",
        "more-results", "refresh", "screen-redraw", "logout", "lock", "scroll-line-up",
        "scroll-line-down", "reveal", "toggle-split", "next-field",
    };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        assert_true(Action_by_name(required[i]) > 0);
}

static void test_contexts(void **state)
{
    static const char *const names[] = {"global", "login", "search", "record", "help", "prompt",
                                        "triage", "kb", "form", "outbox", "case", "queue",
                                        "kb-list", "my-work"};
    for (int c = 0; c < CTX_COUNT; c++) {
        assert_string_equal(Context_name((Context)c), names[c]);
        assert_int_equal(Context_by_name(names[c]), c);
    }
    assert_int_equal(Context_by_name("Record"), CTX_RECORD);
    assert_int_equal(Context_by_name("moon"), -1);
    assert_true(Action_applies(ACT_REVEAL, CTX_RECORD));
    assert_false(Action_applies(ACT_REVEAL, CTX_SEARCH));
    assert_true(Action_applies(ACT_QUIT, CTX_PROMPT));   /* global */
    assert_true(Context_is_text_entry(CTX_PROMPT));
    assert_false(Context_is_text_entry(CTX_SEARCH));
    assert_true(Context_types_over(CTX_SEARCH));
    assert_true(Context_types_over(CTX_KB_LIST));
    assert_false(Context_types_over(CTX_RECORD));
}

static char *generated_section(void)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    Actions_write_man_section(f);
    fclose(f);
    return text;
}

/* The man page's ACTIONS list must be exactly what the table prints, so a
 * new or renamed action cannot go undocumented. */
static void test_man_page_matches_table(void **state)
{
    Buf page = BUF_INIT;
    assert_int_equal(Buf_read_file(&page, "man/frontdoor-keymap.5"), 0);
    const char *begin = strstr(page.data, ".\\\" BEGIN ACTIONS");
    const char *end = begin ? strstr(begin, ".\\\" END ACTIONS\n") : NULL;
    assert_non_null(begin);
    assert_non_null(end);
    end += strlen(".\\\" END ACTIONS\n");
    char *want = generated_section();
    size_t n = (size_t)(end - begin);
    if (strlen(want) != n || memcmp(want, begin, n) != 0)
        fail_msg("man/frontdoor-keymap.5 ACTIONS differ from the table; regenerate with "
                 "frontdoor --dump-actions-man");
    for (int a = 1; a < ACT_COUNT; a++) {   /* and every name is really in it */
        char needle[80], esc[64], *o = esc;
        for (const char *p = Action_name((Action)a); *p; p++) {
            if (*p == '-') *o++ = '\\';
            *o++ = *p;
        }
        *o = '\0';
        snprintf(needle, sizeof needle, ".B %s\n", esc);
        assert_non_null(strstr(page.data, needle));
    }
    free(want);
    Buf_free(&page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_round_trip),
        cmocka_unit_test(test_required_actions_exist),
        cmocka_unit_test(test_contexts),
        cmocka_unit_test(test_man_page_matches_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
