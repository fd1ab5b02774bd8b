/* kbrender: knowledge-base Markdown laid out as terminal lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "client/kb/kbrender.h"
#include "common/text.h"

static const char article[] =
    "# Bin collection day rules\n"
    "\n"
    "Use this article when a customer says their bin was missed,\n"
    "or asks when to put it out.\n"
    "\n"
    "## What to tell the customer\n"
    "\n"
    "- Put bins out by **7am** on collection day.\n"
    "- See [Garden waste](kb:garden-waste-subscription) for green bins.\n"
    "1. The calendar is at [Collection days](https://www.frontdoor.example/bins).\n"
    "2. It must be reported by the end of the\n"
    "   **second working day**.\n";

static const KbLine *find_line(const KbDoc *d, const char *needle)
{
    for (size_t i = 0; i < d->nlines; i++)
        if (strstr(d->lines[i].text, needle))
            return &d->lines[i];
    return NULL;
}

static void test_headings_and_rules(void **state)
{
    KbDoc *d = Kbrender(article, 60, true);
    assert_non_null(d);
    assert_string_equal(d->lines[0].text, "Bin collection day rules");
    assert_int_equal(d->lines[0].style, KBL_H1);
    assert_int_equal(d->lines[1].style, KBL_RULE);
    assert_int_equal(strlen(d->lines[1].text), strlen("Bin collection day rules"));
    assert_int_equal(d->lines[1].text[0], '=');
    const KbLine *h2 = find_line(d, "What to tell the customer");
    assert_non_null(h2);
    assert_int_equal(h2->style, KBL_H2);
    assert_int_equal(h2[1].style, KBL_RULE);
    assert_int_equal(h2[1].text[0], '-');
    assert_string_equal(h2[-1].text, "");    /* a blank line before a section */
    KbDoc_free(d);
}

static void test_paragraph_joined_and_wrapped(void **state)
{
    KbDoc *d = Kbrender(article, 40, true);
    assert_string_equal(d->lines[3].text, "Use this article when a customer says");
    assert_string_equal(d->lines[4].text, "their bin was missed, or asks when to");
    assert_string_equal(d->lines[5].text, "put it out.");
    for (size_t i = 0; i < d->nlines; i++)
        assert_true(Text_display_width(d->lines[i].text) <= 40);
    KbDoc_free(d);
}

static void test_lists_bold_and_continuation(void **state)
{
    KbDoc *d = Kbrender(article, 40, true);
    const KbLine *l = find_line(d, "Put bins out");
    assert_string_equal(l->text, "  * Put bins out by 7am on collection");
    assert_int_equal(l->nspans, 1);
    assert_int_equal(l->spans[0].style, KBS_BOLD);
    assert_memory_equal(l->text + l->spans[0].start, "7am", 3);
    assert_int_equal(l->spans[0].len, 3);
    assert_string_equal(l[1].text, "    day.");           /* hangs under the text */
    const KbLine *n = find_line(d, "2. It must");
    assert_string_equal(n->text, "  2. It must be reported by the end of");
    assert_string_equal(n[1].text, "     the second working day.");
    assert_int_equal(n[1].nspans, 1);
    assert_memory_equal(n[1].text + n[1].spans[0].start, "second working day", 18);
    /* no blank lines between the items of one list */
    const KbLine *cal = find_line(d, "1. The calendar");
    assert_true(cal > d->lines);
    assert_int_not_equal(cal[-1].text[0], '\0');
    KbDoc_free(d);
}

static void test_links(void **state)
{
    KbDoc *d = Kbrender(article, 200, false);
    assert_int_equal(d->nlinks, 2);
    assert_true(d->links[0].kb);
    assert_string_equal(d->links[0].target, "garden-waste-subscription");
    assert_string_equal(d->links[0].text, "Garden waste");
    assert_false(d->links[1].kb);
    assert_string_equal(d->links[1].target, "https://www.frontdoor.example/bins");
    const KbLine *l = &d->lines[d->links[0].line];
    assert_non_null(strstr(l->text, "See [Garden waste] for green bins."));
    assert_non_null(strstr(l->text, "\u2022 See"));
    assert_int_equal(l->nspans, 1);
    assert_int_equal(l->spans[0].style, KBS_LINK);
    assert_int_equal(l->spans[0].link, 0);
    assert_memory_equal(l->text + l->spans[0].start, "[Garden waste]", 14);
    l = &d->lines[d->links[1].line];
    assert_non_null(strstr(l->text, "Collection days <https://www.frontdoor.example/bins>."));
    assert_int_equal(KbDoc_next_link(d, -1, 1), 0);
    assert_int_equal(KbDoc_next_link(d, 0, 1), 1);
    assert_int_equal(KbDoc_next_link(d, 1, 1), 0);
    assert_int_equal(KbDoc_next_link(d, 0, -1), 1);
    assert_int_equal(KbDoc_next_link(d, -1, -1), 1);
    KbDoc_free(d);
}

static void test_link_wrapped_over_lines(void **state)
{
    KbDoc *d = Kbrender("Read [the long article title here](kb:x) now.", 20, true);
    assert_int_equal(d->nlinks, 1);
    size_t first = d->links[0].line;
    assert_int_equal(first, 0);
    int parts = 0;
    for (size_t i = 0; i < d->nlines; i++)
        for (size_t s = 0; s < d->lines[i].nspans; s++)
            parts += d->lines[i].spans[s].link == 0;
    assert_true(parts >= 2);    /* every wrapped piece stays a link */
    assert_int_equal(KbDoc_next_link(d, -1, 1), 0);
    KbDoc_free(d);
}

static void test_utf8_and_odd_input(void **state)
{
    KbDoc *d = Kbrender("Zoë’s café — “quoted” text that wraps across the line", 12, false);
    for (size_t i = 0; i < d->nlines; i++) {
        assert_true(Text_display_width(d->lines[i].text) <= 12);
        assert_true(Text_utf8_valid(d->lines[i].text, strlen(d->lines[i].text)));
    }
    KbDoc_free(d);
    d = Kbrender("[not a link] and [broken](  and **unclosed bold\n\n\n#\n-\n1.", 30, true);
    assert_non_null(d);
    assert_int_equal(d->nlinks, 0);
    assert_non_null(find_line(d, "[not a link] and [broken]("));
    KbDoc_free(d);
    d = Kbrender("", 80, true);
    assert_int_equal(d->nlines, 0);
    assert_int_equal(KbDoc_next_link(d, -1, 1), -1);
    KbDoc_free(d);
    d = Kbrender(NULL, 3, true);     /* width below the minimum is raised */
    assert_int_equal(d->width, 10);
    KbDoc_free(d);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headings_and_rules),
        cmocka_unit_test(test_paragraph_joined_and_wrapped),
        cmocka_unit_test(test_lists_bold_and_continuation),
        cmocka_unit_test(test_links),
        cmocka_unit_test(test_link_wrapped_over_lines),
        cmocka_unit_test(test_utf8_and_odd_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
