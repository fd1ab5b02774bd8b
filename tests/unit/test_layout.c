/* Layout arithmetic: regions, column widths, fitting text, list scrolling,
 * wrapping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "client/core/layout.h"
#include "common/text.h"

static void test_regions(void **state)
{
    Layout l;
    Layout_compute(&l, 24, 80, true);
    assert_false(l.too_small);
    assert_false(l.split);
    assert_int_equal(l.title.y, 0);
    assert_int_equal(l.body.y, 1);
    assert_int_equal(l.body.h, 21);
    assert_int_equal(l.status.y, 22);
    assert_int_equal(l.message_line.y, 23);
    assert_int_equal(l.left.w, 80);

    Layout_compute(&l, 50, 200, true);
    assert_true(l.split);
    assert_int_equal(l.left.w + 1 + l.right.w, 200);
    assert_int_equal(l.right.x, l.left.w + 1);
    assert_int_equal(l.right.h, 47);
    Layout_compute(&l, 50, 119, true);
    assert_false(l.split);
    Layout_compute(&l, 50, 200, false);
    assert_false(l.split);
    assert_int_equal(l.right.w, 0);
}

static void test_too_small(void **state)
{
    Layout l;
    Layout_compute(&l, 24, 79, true);
    assert_true(l.too_small);
    assert_string_equal(l.message, "Terminal too small (79x24). Frontdoor needs at least 80x24: "
                                   "make the window larger.");
    Layout_compute(&l, 23, 200, true);
    assert_true(l.too_small);
    Layout_compute(&l, 0, 0, true);
    assert_true(l.too_small);
}

/* The search screen's columns: Name, Born, Postcode, Address, Flags, Ref. */
static const ColumnSpec search_cols[] = {
    {0, 14, 3}, {11, 0, 0}, {8, 0, 0}, {0, 12, 4}, {0, 6, 2}, {10, 0, 0},
};

static void test_columns_fill_width(void **state)
{
    int w[6];
    assert_int_equal(Layout_columns(search_cols, 6, 80, 1, w), 6);
    int sum = 5;
    for (int i = 0; i < 6; i++)
        sum += w[i];
    assert_int_equal(sum, 80);
    assert_int_equal(w[1], 11);
    assert_int_equal(w[2], 8);
    assert_int_equal(w[5], 10);
    /* 14 spare columns shared 3:4:2, the rounding to the last flexible one */
    assert_int_equal(w[0], 18);
    assert_int_equal(w[3], 18);
    assert_int_equal(w[4], 10);

    assert_int_equal(Layout_columns(search_cols, 6, 250, 1, w), 6);
    sum = 5;
    for (int i = 0; i < 6; i++)
        sum += w[i];
    assert_int_equal(sum, 250);
    assert_true(w[3] > w[0] && w[0] > w[4]);   /* by weight */
}

static void test_columns_drop_from_right(void **state)
{
    int w[6];
    /* minimums need 14+11+8+12+6+10 + 5 gaps = 66 */
    assert_int_equal(Layout_columns(search_cols, 6, 66, 1, w), 6);
    assert_int_equal(Layout_columns(search_cols, 6, 65, 1, w), 5);
    assert_int_equal(w[5], 0);
    assert_int_equal(Layout_columns(search_cols, 6, 30, 1, w), 2);
    assert_int_equal(w[0] + w[1] + 1, 30);
    assert_int_equal(Layout_columns(search_cols, 6, 5, 1, w), 1);
    assert_int_equal(w[0], 5);
}

static void test_fit(void **state)
{
    char out[64];
    Layout_fit("Zoë", 5, ALIGN_LEFT, false, out, sizeof out);
    assert_string_equal(out, "Zoë  ");
    assert_int_equal(Text_display_width(out), 5);
    Layout_fit("O'Brien-Llewellyn", 8, ALIGN_LEFT, false, out, sizeof out);
    assert_string_equal(out, "O'Brien…");
    Layout_fit("O'Brien-Llewellyn", 8, ALIGN_LEFT, true, out, sizeof out);
    assert_string_equal(out, "O'Brien~");
    Layout_fit("£5", 5, ALIGN_RIGHT, false, out, sizeof out);
    assert_string_equal(out, "   £5");
    Layout_fit("ab", 6, ALIGN_CENTER, false, out, sizeof out);
    assert_string_equal(out, "  ab  ");
    /* double-width characters never straddle the edge */
    Layout_fit("日本語", 4, ALIGN_LEFT, false, out, sizeof out);
    assert_string_equal(out, "日… ");
    assert_int_equal(Text_display_width(out), 4);
    /* control characters from the server cannot reach the terminal */
    Layout_fit("a\x1b[2Jb", 6, ALIGN_LEFT, false, out, sizeof out);
    assert_string_equal(out, "a?[2Jb");
    Layout_fit("anything", 0, ALIGN_LEFT, false, out, sizeof out);
    assert_string_equal(out, "");
    /* a small buffer truncates but stays a string */
    Layout_fit("abcdef", 6, ALIGN_LEFT, false, out, 4);
    assert_string_equal(out, "abc");
}

static void test_list_scrolling(void **state)
{
    ListPos p = {.count = 10000, .visible = 20};
    Layout_list_clamp(&p);
    Layout_list_move(&p, 1);
    assert_int_equal(p.selected, 1);
    assert_int_equal(p.top, 0);
    Layout_list_move(&p, 19);
    assert_int_equal(p.selected, 20);
    assert_int_equal(p.top, 1);   /* the selection stays on screen */
    Layout_list_page(&p, 1);
    assert_int_equal(p.selected, 40);
    assert_int_equal(p.top, 21);
    Layout_list_page(&p, -5);
    assert_int_equal(p.top, 0);
    assert_int_equal(p.selected, 0);
    Layout_list_goto(&p, 1 << 30);
    assert_int_equal(p.selected, 9999);
    assert_int_equal(p.top, 9980);
    Layout_list_page(&p, 1);
    assert_int_equal(p.selected, 9999);
    assert_int_equal(p.top, 9980);
    assert_true(Layout_list_near_end(&p, 0));
    Layout_list_move(&p, -100);
    assert_false(Layout_list_near_end(&p, 10));
    assert_true(Layout_list_near_end(&p, 100));
    Layout_list_move(&p, -2147483647);
    assert_int_equal(p.selected, 0);

    /* a terminal made smaller keeps the selection visible */
    p = (ListPos){.count = 100, .visible = 40, .top = 10, .selected = 45};
    p.visible = 10;
    Layout_list_clamp(&p);
    assert_int_equal(p.top, 36);
    /* fewer rows than the screen: no scrolling past the end */
    p = (ListPos){.count = 5, .visible = 20, .top = 3, .selected = 4};
    Layout_list_clamp(&p);
    assert_int_equal(p.top, 0);
    p = (ListPos){.count = 0, .visible = 20, .top = 3, .selected = 4};
    Layout_list_move(&p, 1);
    assert_int_equal(p.selected, 0);
    assert_false(Layout_list_near_end(&p, 5));
}

static void test_wrap(void **state)
{
    size_t st[8], ln[8];
    const char *t = "Verbal abuse towards staff, 2025";
    int n = Layout_wrap(t, 12, st, ln, 8);
    assert_int_equal(n, 3);
    assert_memory_equal(t + st[0], "Verbal abuse", ln[0]);
    assert_int_equal(ln[0], 12);
    assert_memory_equal(t + st[1], "towards", ln[1]);
    assert_memory_equal(t + st[2], "staff, 2025", ln[2]);

    t = "Cymraeg\nSaesneg";
    assert_int_equal(Layout_wrap(t, 40, st, ln, 8), 2);
    assert_memory_equal(t + st[1], "Saesneg", ln[1]);

    t = "Pwllgwyngyllgogerychwyrndrobwll";
    assert_int_equal(Layout_wrap(t, 10, st, ln, 8), 4);
    assert_int_equal(ln[0], 10);
    assert_int_equal(ln[3], 1);

    assert_int_equal(Layout_wrap("", 10, st, ln, 8), 1);
    assert_int_equal(ln[0], 0);
    /* counts lines beyond max without storing them */
    assert_int_equal(Layout_wrap("a b c d e f", 1, st, ln, 2), 6);
    assert_int_equal(Layout_wrap("日本", 1, st, ln, 8), 2);
}

static void test_scroll_clamp(void **state)
{
    assert_int_equal(Layout_scroll_clamp(5, 30, 21), 5);
    assert_int_equal(Layout_scroll_clamp(50, 30, 21), 9);
    assert_int_equal(Layout_scroll_clamp(-3, 30, 21), 0);
    assert_int_equal(Layout_scroll_clamp(4, 10, 21), 0);
}

static void test_tabs_first(void **state)
{
    const int w[] = {20, 20, 20, 20, 20};
    assert_int_equal(Layout_tabs_first(w, 5, 0, 0, 80), 0);
    assert_int_equal(Layout_tabs_first(w, 5, 3, 0, 80), 0);
    /* the fifth tab does not fit after the first four: the row scrolls */
    assert_int_equal(Layout_tabs_first(w, 5, 4, 0, 80), 1);
    /* moving back within the row keeps it where it is */
    assert_int_equal(Layout_tabs_first(w, 5, 2, 1, 80), 1);
    assert_int_equal(Layout_tabs_first(w, 5, 0, 1, 80), 0);
    /* a tab wider than the row is still the one shown */
    const int wide[] = {10, 200};
    assert_int_equal(Layout_tabs_first(wide, 2, 1, 0, 80), 1);
    assert_int_equal(Layout_tabs_first(w, 0, 0, 0, 80), 0);
}

static void test_hint(void **state)
{
    char out[256];
    const char *h = "c claims the next item; Enter opens the selected one; Tab changes team.";
    Layout_hint(h, 80, false, out, sizeof out);
    assert_memory_equal(out, h, strlen(h));
    assert_int_equal(Text_display_width(out), 80);
    Layout_hint(h, 60, false, out, sizeof out);
    const char *cut = "c claims the next item; Enter opens the selected one \u2026 ";
    assert_memory_equal(out, cut, strlen(cut));
    assert_int_equal(Text_display_width(out), 60);
    Layout_hint("n note  H hand off  u status  b call-back", 30, true, out, sizeof out);
    cut = "n note  H hand off ... ";
    assert_memory_equal(out, cut, strlen(cut));
    assert_int_equal(Text_display_width(out), 30);
    /* no item boundary: a whole word */
    Layout_hint("!! VULNERABLE ADULT: lives alone with memory problems", 30, true, out, sizeof out);
    cut = "!! VULNERABLE ADULT: lives ...";
    assert_memory_equal(out, cut, strlen(cut));
    /* one word wider than the line is cut like any text */
    Layout_hint("abcdefghijklmnopqrstuvwxyz", 10, true, out, sizeof out);
    assert_string_equal(out, "abcdefghi~");
}

static void test_qa(void **state)
{
    char out[512];
    /* fits: both whole */
    Layout_qa("Which bin?", " - ", "Grey bin", 40, true, out, sizeof out);
    assert_string_equal(out, "Which bin? - Grey bin");
    /* too long: the question is cut, the short answer kept whole */
    Layout_qa("Is the household on the assisted collection list (the crew collects the bin)?",
              " - ", "No", 60, true, out, sizeof out);
    assert_int_equal(Text_display_width(out), 60);
    assert_string_equal(out + strlen(out) - 6, "~ - No");
    /* a long answer keeps half the line */
    Layout_qa("What do the crew app notes say for this address?", " - ",
              "Nothing recorded - round shown as completed", 40, true, out, sizeof out);
    assert_int_equal(Text_display_width(out), 40);
    assert_non_null(strstr(out, " - Nothing recorded"));
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_regions),
        cmocka_unit_test(test_too_small),
        cmocka_unit_test(test_columns_fill_width),
        cmocka_unit_test(test_columns_drop_from_right),
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_list_scrolling),
        cmocka_unit_test(test_wrap),
        cmocka_unit_test(test_scroll_clamp),
        cmocka_unit_test(test_tabs_first),
        cmocka_unit_test(test_hint),
        cmocka_unit_test(test_qa),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
