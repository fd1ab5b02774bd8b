/* Unit tests for scriptwalk: every path through a script, walked by the
 * triage engine. A script with a path that ends without an outcome is
 * refused (issue 9.2: it used to pass `frontdoor script check` as "ok"),
 * so is one with an outcome no path reaches; the shipped fixtures pass. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/scriptwalk.h"
#include "script_helpers.h"

#define OUTCOME(id, kind, when) \
    "{'linkId':'" id "','type':'display','text':'Say: done'," \
    "'code':[{'system':'urn:frontdoor:outcome','code':'" kind "'}," \
    "{'system':'urn:frontdoor:wrap','code':'w'},{'system':'urn:frontdoor:service','code':'s'}],'enableWhen':[" when "]}"
#define WHEN_BOOL(q, v) "{'question':'" q "','operator':'=','answerBoolean':" v "}"

static int walk(const char *single_quoted, ScriptWalk *w, Diag *d)
{
    Questionnaire *q = must_load_str(single_quoted);
    assert_non_null(q);
    int errors = Scriptwalk_check(q, "test.json", d, w);
    Questionnaire_free(q);
    return errors;
}

static void test_every_path_ends_in_an_outcome(void **state)
{
    (void)state;
    Diag d = DIAG_INIT;
    ScriptWalk w;
    int errors = walk(SCRIPT("{'linkId':'a','type':'boolean','text':'A?','required':true},"
                             OUTCOME("yes", "resolve", WHEN_BOOL("a", "true")) ","
                             OUTCOME("no", "signpost", WHEN_BOOL("a", "false"))), &w, &d);
    diag_print(&d);
    assert_int_equal(errors, 0);
    assert_int_equal(w.paths, 2);
    assert_int_equal(w.dead_ends, 0);
    Diag_free(&d);
}

static void test_a_path_without_an_outcome_is_refused(void **state)
{
    (void)state;
    Diag d = DIAG_INIT;
    ScriptWalk w;
    /* "No" to the second question reaches no outcome. */
    int errors = walk(SCRIPT("{'linkId':'a','type':'boolean','text':'A?','required':true},"
                             "{'linkId':'b','type':'boolean','text':'B?','required':true},"
                             OUTCOME("o-a", "resolve", WHEN_BOOL("a", "false")) ","
                             OUTCOME("o-b", "signpost", WHEN_BOOL("b", "true"))), &w, &d);
    assert_true(errors > 0);
    assert_int_equal(w.paths, 4);
    assert_int_equal(w.dead_ends, 1);
    assert_true(diag_has(&d, "test.json: a path ends without an outcome: a = Yes; b = No"));
    Diag_free(&d);
}

static void test_a_script_without_outcomes_is_refused(void **state)
{
    (void)state;
    Diag d = DIAG_INIT;
    ScriptWalk w;
    int errors = walk(SCRIPT("{'linkId':'a','type':'string','text':'Name?','required':true}"), &w, &d);
    assert_true(errors > 0);
    assert_int_equal(w.dead_ends, 1);
    Diag_free(&d);
}

static void test_an_unreachable_outcome_is_refused(void **state)
{
    (void)state;
    Diag d = DIAG_INIT;
    ScriptWalk w;
    /* The first outcome is enabled on every path, so the walk stops there. */
    int errors = walk(SCRIPT("{'linkId':'a','type':'integer','text':'How many?','required':true},"
                             OUTCOME("any", "resolve", "{'question':'a','operator':'exists','answerBoolean':true}") ","
                             OUTCOME("many", "signpost", "{'question':'a','operator':'>','answerInteger':3}")),
                      &w, &d);
    assert_true(errors > 0);
    assert_int_equal(w.dead_ends, 0);
    assert_true(diag_has(&d, "item 'many': no path reaches this outcome"));
    Diag_free(&d);
}

static void test_numbers_are_tried_on_both_sides_of_a_limit(void **state)
{
    (void)state;
    Diag d = DIAG_INIT;
    ScriptWalk w;
    int errors = walk(SCRIPT("{'linkId':'a','type':'decimal','text':'Owed?','required':true},"
                             OUTCOME("small", "resolve", "{'question':'a','operator':'<','answerDecimal':1500}") ","
                             OUTCOME("large", "signpost", "{'question':'a','operator':'>=','answerDecimal':1500}")),
                      &w, &d);
    diag_print(&d);
    assert_int_equal(errors, 0);
    assert_int_equal(w.paths, 3);
    Diag_free(&d);
}

static void test_fixtures_pass(void **state)
{
    (void)state;
    static const char *const files[] = {"missed_bin.json", "adult_social_care.json", "noise.json"};
    for (size_t i = 0; i < 3; i++) {
        char path[200];
        snprintf(path, sizeof path, FIXTURES "scripts/%s", files[i]);
        Questionnaire *q = must_load_file(path);
        assert_non_null(q);
        Diag d = DIAG_INIT;
        ScriptWalk w;
        int errors = Scriptwalk_check(q, files[i], &d, &w);
        diag_print(&d);
        assert_int_equal(errors, 0);
        assert_true(w.paths > 1);
        Diag_free(&d);
        Questionnaire_free(q);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_path_ends_in_an_outcome),
        cmocka_unit_test(test_a_path_without_an_outcome_is_refused),
        cmocka_unit_test(test_a_script_without_outcomes_is_refused),
        cmocka_unit_test(test_an_unreachable_outcome_is_refused),
        cmocka_unit_test(test_numbers_are_tried_on_both_sides_of_a_limit),
        cmocka_unit_test(test_fixtures_pass),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
