/* enableWhen: every operator on every answer type, unanswered questions,
 * enableBehavior all and any, disabled parents and disabled questions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/triage.h"
#include "script_helpers.h"

typedef struct Case {
    const char *source;  /* the rest of item 's' after its linkId */
    const char *op;
    const char *answer;  /* the enableWhen answer[x] member */
    const char *input;   /* typed into 's'; NULL skips it */
    bool enabled;        /* whether 't' is then enabled */
} Case;

#define BOOL_S "'type':'boolean'"
#define INT_S "'type':'integer'"
#define DEC_S "'type':'decimal'"
#define DATE_S "'type':'date'"
#define DT_S "'type':'dateTime'"
#define TIME_S "'type':'time'"
#define STR_S "'type':'string'"
#define TEXT_S "'type':'text'"
#define CODED_S "'type':'choice','answerOption':[{'valueCoding':{'system':'urn:x','code':'a'}}," \
                "{'valueCoding':{'system':'urn:x','code':'b','display':'Bee'}}]"
#define STROPT_S "'type':'choice','answerOption':[{'valueString':'Calm'},{'valueString':'Upset'}]"
#define INTOPT_S "'type':'choice','answerOption':[{'valueInteger':1},{'valueInteger':2}]"
#define TENS_S "'type':'choice','answerOption':[{'valueInteger':10},{'valueInteger':20}]"

static const Case cases[] = {
    /* boolean */
    {BOOL_S, "=", "'answerBoolean':true", "yes", true},
    {BOOL_S, "=", "'answerBoolean':true", "no", false},
    {BOOL_S, "=", "'answerBoolean':false", "no", true},
    {BOOL_S, "!=", "'answerBoolean':true", "no", true},
    {BOOL_S, "!=", "'answerBoolean':true", "yes", false},
    {BOOL_S, "exists", "'answerBoolean':true", "no", true},
    {BOOL_S, "exists", "'answerBoolean':true", NULL, false},
    {BOOL_S, "exists", "'answerBoolean':false", NULL, true},
    {BOOL_S, "exists", "'answerBoolean':false", "yes", false},
    /* unanswered: only 'exists false' and '!=' hold (FHIR R5 wording of !=) */
    {BOOL_S, "=", "'answerBoolean':true", NULL, false},
    {BOOL_S, "!=", "'answerBoolean':true", NULL, true},
    {INT_S, "<", "'answerInteger':5", NULL, false},
    {INT_S, ">=", "'answerInteger':5", NULL, false},
    /* integer */
    {INT_S, "=", "'answerInteger':5", "5", true},
    {INT_S, "=", "'answerInteger':5", "6", false},
    {INT_S, "!=", "'answerInteger':5", "6", true},
    {INT_S, "!=", "'answerInteger':5", "5", false},
    {INT_S, "<", "'answerInteger':5", "4", true},
    {INT_S, "<", "'answerInteger':5", "5", false},
    {INT_S, ">", "'answerInteger':5", "6", true},
    {INT_S, ">", "'answerInteger':5", "5", false},
    {INT_S, "<=", "'answerInteger':5", "5", true},
    {INT_S, "<=", "'answerInteger':5", "6", false},
    {INT_S, ">=", "'answerInteger':5", "5", true},
    {INT_S, ">=", "'answerInteger':5", "4", false},
    {INT_S, ">", "'answerDecimal':4.5", "5", true},
    {INT_S, ">", "'answerInteger':-1", "0", true},
    {INT_S, "exists", "'answerBoolean':true", "0", true},
    /* decimal */
    {DEC_S, "<", "'answerDecimal':2.5", "2.4", true},
    {DEC_S, "<", "'answerDecimal':2.5", "2.5", false},
    {DEC_S, ">=", "'answerDecimal':2.5", "2.50", true},
    {DEC_S, "=", "'answerDecimal':2.5", "2.5", true},
    {DEC_S, "!=", "'answerDecimal':2.5", "2.5", false},
    {DEC_S, ">", "'answerInteger':2", "2.1", true},
    {DEC_S, "<=", "'answerDecimal':0", "-0.1", true},
    /* date: input in either form, compared as dates */
    {DATE_S, "<", "'answerDate':'2026-01-01'", "31/12/2025", true},
    {DATE_S, "<", "'answerDate':'2026-01-01'", "2026-01-01", false},
    {DATE_S, ">", "'answerDate':'2026-01-01'", "02/01/2026", true},
    {DATE_S, "=", "'answerDate':'2026-01-01'", "1/1/2026", true},
    {DATE_S, "!=", "'answerDate':'2026-01-01'", "01/01/2026", false},
    {DATE_S, "<=", "'answerDate':'2026-01-01'", "2026-01-01", true},
    {DATE_S, ">=", "'answerDate':'2026-01-01'", "2025-12-31", false},
    /* dateTime: instants, whatever the zone */
    {DT_S, ">", "'answerDateTime':'2026-06-01T09:00:00Z'", "2026-06-01 10:30", true},
    {DT_S, ">", "'answerDateTime':'2026-06-01T09:00:00Z'", "2026-06-01T09:30+01:00", false},
    {DT_S, "=", "'answerDateTime':'2026-06-01T09:00:00Z'", "01/06/2026 10:00+01:00", true},
    {DT_S, "<=", "'answerDateTime':'2026-06-01T09:00:00+01:00'", "2026-06-01 08:00", true},
    /* time */
    {TIME_S, "<", "'answerTime':'12:00:00'", "11:59", true},
    {TIME_S, "<", "'answerTime':'12:00:00'", "12:00", false},
    {TIME_S, ">=", "'answerTime':'12:00:00'", "12:00", true},
    {TIME_S, "=", "'answerTime':'07:30:00'", "07:30", true},
    /* string and text: exact */
    {STR_S, "=", "'answerString':'abc'", "abc", true},
    {STR_S, "=", "'answerString':'abc'", "ABC", false},
    {STR_S, "!=", "'answerString':'abc'", "abd", true},
    {TEXT_S, "=", "'answerString':'x'", "x", true},
    {TEXT_S, "exists", "'answerBoolean':true", "anything", true},
    /* choices: coded, text and whole-number options */
    {CODED_S, "=", "'answerCoding':{'system':'urn:x','code':'b'}", "2", true},
    {CODED_S, "=", "'answerCoding':{'code':'b'}", "Bee", true},
    {CODED_S, "=", "'answerCoding':{'code':'b'}", "1", false},
    {CODED_S, "!=", "'answerCoding':{'code':'b'}", "1", true},
    {CODED_S, "!=", "'answerCoding':{'code':'b'}", "2", false},
    {CODED_S, "exists", "'answerBoolean':true", "1", true},
    {STROPT_S, "=", "'answerString':'Upset'", "upset", true},
    {STROPT_S, "=", "'answerString':'Upset'", "1", false},
    {INTOPT_S, "=", "'answerInteger':2", "2", true},
    {INTOPT_S, "!=", "'answerInteger':2", "1", true},
    /* whole-number options are typed as shown; otherwise by position */
    {TENS_S, "=", "'answerInteger':20", "20", true},
    {TENS_S, "=", "'answerInteger':20", "2", true},
    {TENS_S, "=", "'answerInteger':20", "1", false},
};

static bool enabled_after(const Case *c)
{
    char buf[1024];
    snprintf(buf, sizeof buf, SCRIPT("{'linkId':'s',%s},{'linkId':'t','type':'string',"
                                     "'enableWhen':[{'question':'s','operator':'%s',%s}]}"),
             c->source, c->op, c->answer);
    Questionnaire *q = must_load_str(buf);
    assert_non_null(q);
    Triage *t = Triage_new(q);
    int rc = c->input ? Triage_answer_input(t, c->input, 0) : Triage_skip(t);
    if (rc != TRIAGE_OK)
        fprintf(stderr, "input '%s': %s\n", c->input ? c->input : "(skip)", Triage_error(t));
    assert_int_equal(rc, TRIAGE_OK);
    bool on = Triage_is_enabled(t, "t");
    /* The walk agrees: t is asked exactly when it is enabled. */
    assert_true(on == (Triage_current(t) == Questionnaire_find(q, "t")));
    Triage_free(t);
    Questionnaire_free(q);
    return on;
}

static void test_operators(void **state)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool on = enabled_after(&cases[i]);
        if (on != cases[i].enabled)
            fprintf(stderr, "case %zu: s{%s} %s %s with '%s'\n", i, cases[i].source, cases[i].op,
                    cases[i].answer, cases[i].input ? cases[i].input : "(skip)");
        assert_int_equal(on, cases[i].enabled);
    }
}

/* Every operator and every answer type appears in the table above. */
static void test_table_is_exhaustive(void **state)
{
    static const char *const ops[] = {"exists", "=", "!=", "<", ">", "<=", ">="};
    static const char *const answers[] = {"answerBoolean", "answerInteger", "answerDecimal",
                                          "answerDate", "answerDateTime", "answerTime",
                                          "answerString", "answerCoding"};
    for (size_t o = 0; o < 7; o++) {
        bool seen = false;
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
            seen |= strcmp(cases[i].op, ops[o]) == 0;
        assert_true(seen);
    }
    for (size_t a = 0; a < 8; a++) {
        bool seen = false;
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
            seen |= strstr(cases[i].answer, answers[a]) != NULL;
        assert_true(seen);
    }
}

#define TWO_BOOLS(behaviour)                                                                  \
    SCRIPT("{'linkId':'a','type':'boolean'},{'linkId':'b','type':'boolean'},"                 \
           "{'linkId':'t','type':'string','enableBehavior':'" behaviour "','enableWhen':["    \
           "{'question':'a','operator':'=','answerBoolean':true},"                            \
           "{'question':'b','operator':'=','answerBoolean':true}]}")

static bool behaviour(const char *script, bool a, bool b)
{
    Questionnaire *q = must_load_str(script);
    Triage *t = Triage_new(q);
    assert_int_equal(Triage_answer_boolean(t, a), TRIAGE_OK);
    assert_int_equal(Triage_answer_boolean(t, b), TRIAGE_OK);
    bool on = Triage_is_enabled(t, "t");
    Triage_free(t);
    Questionnaire_free(q);
    return on;
}

static void test_enable_behavior(void **state)
{
    assert_true(behaviour(TWO_BOOLS("all"), true, true));
    assert_false(behaviour(TWO_BOOLS("all"), true, false));
    assert_false(behaviour(TWO_BOOLS("all"), false, true));
    assert_false(behaviour(TWO_BOOLS("all"), false, false));
    assert_true(behaviour(TWO_BOOLS("any"), true, true));
    assert_true(behaviour(TWO_BOOLS("any"), true, false));
    assert_true(behaviour(TWO_BOOLS("any"), false, true));
    assert_false(behaviour(TWO_BOOLS("any"), false, false));
}

/* A disabled group disables everything inside it, however deep. */
static void test_disabled_parent(void **state)
{
    Questionnaire *q = must_load_str(SCRIPT(
        "{'linkId':'a','type':'boolean'},"
        "{'linkId':'g','type':'group','enableWhen':[{'question':'a','operator':'=',"
        "'answerBoolean':true}],'item':[{'linkId':'h','type':'group','item':["
        "{'linkId':'c','type':'string'}]}]},"
        "{'linkId':'z','type':'string'}"));
    Triage *t = Triage_new(q);
    assert_false(Triage_is_enabled(t, "g")); /* a is unanswered */
    assert_int_equal(Triage_answer_boolean(t, false), TRIAGE_OK);
    assert_false(Triage_is_enabled(t, "g"));
    assert_false(Triage_is_enabled(t, "h"));
    assert_false(Triage_is_enabled(t, "c"));
    assert_string_equal(QItem_link_id(Triage_current(t)), "z");
    assert_int_equal(Triage_back(t), TRIAGE_OK);
    assert_int_equal(Triage_answer_boolean(t, true), TRIAGE_OK);
    assert_true(Triage_is_enabled(t, "c"));
    assert_string_equal(QItem_link_id(Triage_current(t)), "c");
    assert_false(Triage_is_enabled(t, "nope"));
    Triage_free(t);
    Questionnaire_free(q);
}

/* A question that is disabled counts as unanswered, even if it was
 * answered before it was disabled (FHIR). */
static void test_disabled_question_is_unanswered(void **state)
{
    Questionnaire *q = must_load_str(SCRIPT(
        "{'linkId':'a','type':'boolean'},"
        "{'linkId':'b','type':'string','enableWhen':[{'question':'a','operator':'=',"
        "'answerBoolean':true}]},"
        "{'linkId':'c','type':'string','enableWhen':[{'question':'b','operator':'exists',"
        "'answerBoolean':true}]},"
        "{'linkId':'d','type':'string','enableWhen':[{'question':'b','operator':'!=',"
        "'answerString':'x'}]}"));
    Triage *t = Triage_new(q);
    assert_int_equal(Triage_answer_boolean(t, true), TRIAGE_OK);
    assert_int_equal(Triage_answer_string(t, "x"), TRIAGE_OK);
    assert_true(Triage_is_enabled(t, "c"));
    assert_false(Triage_is_enabled(t, "d"));
    assert_int_equal(Triage_back_to(t, "a"), TRIAGE_OK);
    assert_int_equal(Triage_answer_boolean(t, false), TRIAGE_OK);
    assert_false(Triage_is_enabled(t, "b"));
    assert_false(Triage_is_enabled(t, "c"));
    assert_true(Triage_is_enabled(t, "d")); /* no answer equals 'x' */
    Triage_free(t);
    Questionnaire_free(q);
}

/* An item may depend on a question further down the script; it is asked
 * once that question makes it enabled. */
static void test_forward_reference(void **state)
{
    Questionnaire *q = must_load_str(SCRIPT(
        "{'linkId':'early','type':'string','enableWhen':[{'question':'late','operator':'=',"
        "'answerBoolean':true}]},"
        "{'linkId':'late','type':'boolean'}"));
    Triage *t = Triage_new(q);
    assert_string_equal(QItem_link_id(Triage_current(t)), "late");
    assert_int_equal(Triage_answer_boolean(t, true), TRIAGE_OK);
    assert_string_equal(QItem_link_id(Triage_current(t)), "early");
    Triage_free(t);
    Questionnaire_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_table_is_exhaustive),
        cmocka_unit_test(test_enable_behavior),
        cmocka_unit_test(test_disabled_parent),
        cmocka_unit_test(test_disabled_question_is_unanswered),
        cmocka_unit_test(test_forward_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
