/* The triage walk: one item at a time, every answer type with its checks,
 * required and optional questions, notes, stepping back, changing an
 * earlier answer, outcomes and the safeguarding confirmation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/triage.h"
#include "script_helpers.h"

static const char *current_id(const Triage *t)
{
    const QItem *it = Triage_current(t);
    return it ? QItem_link_id(it) : "(end)";
}

static void test_missed_bin_walk(void **state)
{
    Questionnaire *q = must_load_file(FIXTURES "scripts/missed_bin.json");
    Triage *t = Triage_new(q);
    assert_ptr_equal(Triage_questionnaire(t), q);
    assert_string_equal(current_id(t), "intro");
    assert_false(Triage_is_complete(t));
    assert_null(Triage_outcome(t));
    /* Display items are acknowledged, not answered or skipped. */
    assert_int_equal(Triage_answer_boolean(t, true), TRIAGE_WRONG_ITEM);
    assert_string_equal(Triage_error(t), "This is information to read out; acknowledge it to go on");
    assert_int_equal(Triage_skip(t), TRIAGE_WRONG_ITEM);
    assert_int_equal(Triage_acknowledge(t), TRIAGE_OK);
    assert_int_equal(Triage_state(t, Questionnaire_find(q, "intro")), TRIAGE_ACKNOWLEDGED);

    assert_string_equal(current_id(t), "bin");
    assert_int_equal(Triage_acknowledge(t), TRIAGE_WRONG_ITEM);
    const QItem *notes[4];
    assert_int_equal(Triage_notes(t, Triage_current(t), notes, 4), 1);
    assert_string_equal(QItem_link_id(notes[0]), "bin.help");
    assert_int_equal(Triage_skip(t), TRIAGE_REQUIRED);
    assert_string_equal(Triage_error(t), "This question must be answered");
    assert_int_equal(Triage_answer_option(t, 3), TRIAGE_INVALID);
    assert_string_equal(Triage_error(t), "Choose an option from 1 to 3");
    assert_int_equal(Triage_answer_option(t, 0), TRIAGE_OK);
    assert_false(Triage_is_enabled(t, "garden-sub"));

    assert_string_equal(current_id(t), "when");
    assert_int_equal(Triage_answer_date(t, "31/11/2026"), TRIAGE_INVALID);
    assert_string_equal(Triage_error(t), "Enter a date as DD/MM/YYYY or YYYY-MM-DD");
    assert_string_equal(current_id(t), "when"); /* nothing changed */
    assert_int_equal(Triage_answer_date(t, "23/11/2026"), TRIAGE_OK);
    assert_string_equal(Triage_answer(t, Questionnaire_find(q, "when"), NULL)->str, "2026-11-23");
    assert_int_equal(Triage_answer_input(t, "y", 0), TRIAGE_OK);

    /* Into the group: its children are asked, with the group as context. */
    assert_string_equal(current_id(t), "where");
    assert_string_equal(QItem_text(QItem_parent(Triage_current(t))), "Collection details");
    assert_int_equal(Triage_skip(t), TRIAGE_OK);
    assert_int_equal(Triage_answer_integer(t, -1), TRIAGE_INVALID);
    assert_string_equal(Triage_error(t), "Enter at least 0");
    assert_int_equal(Triage_answer_input(t, "3", 0), TRIAGE_OK);
    assert_string_equal(current_id(t), "repeat-note");
    assert_int_equal(Triage_answer_string(t, "   "), TRIAGE_INVALID);
    assert_string_equal(Triage_error(t), "Type an answer, or skip the question");
    assert_int_equal(Triage_answer_string(t, "Missed twice in October"), TRIAGE_OK);

    /* The outcome is reached and is current. */
    assert_string_equal(current_id(t), "raise");
    const QOutcome *o = Triage_outcome(t);
    assert_non_null(o);
    assert_int_equal(o->kind, OUTCOME_CASE);
    assert_string_equal(o->service, "missed-bin");
    assert_string_equal(o->wrap, "waste.missed-case");
    assert_false(Triage_outcome_requires_confirmation(t));
    assert_true(Triage_is_complete(t));
    assert_int_equal(Triage_answer_string(t, "x"), TRIAGE_WRONG_ITEM);
    assert_int_equal(Triage_confirm(t, "done"), TRIAGE_WRONG_ITEM);
    assert_null(Triage_default(t, NULL));

    TriageCrumb crumbs[8];
    static const char *const want[][2] = {
        {"Which bin was missed?", "General waste (black lid)"},
        {"Which day should it have been collected?", "23/11/2026"},
        {"Was the bin out by 7am?", "Yes"},
        {"Where was the bin left?", ""},
        {"How many times has it been missed in the last 3 months?", "3"},
        {"Describe the previous misses", "Missed twice in October"},
    };
    assert_int_equal(Triage_breadcrumb(t, crumbs, 8), 6);
    assert_int_equal(Triage_breadcrumb(t, crumbs, 2), 6); /* counts past max */
    Triage_breadcrumb(t, crumbs, 8);
    for (size_t i = 0; i < 6; i++) {
        assert_string_equal(crumbs[i].question, want[i][0]);
        assert_string_equal(crumbs[i].answer, want[i][1]);
        assert_int_equal(crumbs[i].skipped, i == 3);
    }
    Triage_free(t);
    Questionnaire_free(q);
}

/* The first enabled outcome in document order ends the triage, even when
 * later outcomes are enabled too. */
static void test_first_outcome_wins(void **state)
{
    Questionnaire *q = must_load_file(FIXTURES "scripts/missed_bin.json");
    Triage *t = Triage_new(q);
    Triage_acknowledge(t);
    assert_int_equal(Triage_answer_input(t, "Garden waste (brown lid)", 0), TRIAGE_OK);
    assert_string_equal(current_id(t), "garden-sub");
    assert_int_equal(Triage_answer_boolean(t, false), TRIAGE_OK);
    assert_string_equal(current_id(t), "signpost-garden");
    assert_int_equal(Triage_outcome(t)->kind, OUTCOME_SIGNPOST);
    assert_string_equal(Triage_outcome(t)->kb[0], "kb-garden-waste");
    assert_true(Triage_is_complete(t));
    Triage_free(t);
    Questionnaire_free(q);
}

static void test_back_keeps_answers(void **state)
{
    Questionnaire *q = must_load_file(FIXTURES "scripts/missed_bin.json");
    Triage *t = Triage_new(q);
    assert_int_equal(Triage_back(t), TRIAGE_WRONG_ITEM); /* nothing before the first item */
    assert_string_equal(Triage_error(t), "This is the first question; there is nothing to go back to");
    Triage_acknowledge(t);
    Triage_answer_option(t, 2);
    Triage_answer_boolean(t, false);
    assert_string_equal(current_id(t), "signpost-garden");

    /* Back from the outcome: the last answer is offered again. */
    assert_int_equal(Triage_back(t), TRIAGE_OK);
    assert_string_equal(current_id(t), "garden-sub");
    assert_null(Triage_outcome(t));
    assert_false(Triage_is_complete(t));
    size_t opt;
    const QValue *d = Triage_default(t, &opt);
    assert_non_null(d);
    assert_int_equal(d->kind, QV_BOOLEAN);
    assert_false(d->boolean);
    assert_int_equal(opt, SIZE_MAX);
    assert_null(Triage_answer(t, Questionnaire_find(q, "garden-sub"), NULL)); /* pending again */
    assert_int_equal(Triage_back(t), TRIAGE_OK);
    assert_string_equal(current_id(t), "bin");
    assert_int_equal(Triage_default(t, &opt)->kind, QV_CODING);
    assert_int_equal(opt, 2);
    assert_int_equal(Triage_back(t), TRIAGE_OK);
    assert_string_equal(current_id(t), "intro");
    /* Going forward with the same answers arrives at the same place. */
    Triage_acknowledge(t);
    Triage_answer_option(t, 2);
    assert_string_equal(current_id(t), "garden-sub");
    Triage_answer_boolean(t, true);
    assert_string_equal(current_id(t), "when");
    assert_int_equal(Triage_back_to(t, "intro"), TRIAGE_OK);
    assert_string_equal(current_id(t), "intro");
    assert_int_equal(Triage_back_to(t, "when"), TRIAGE_WRONG_ITEM);
    assert_string_equal(Triage_error(t), "'when' is not an earlier question");
    assert_int_equal(Triage_back_to(t, "nope"), TRIAGE_WRONG_ITEM);
    Triage_free(t);
    Questionnaire_free(q);
}

/* Changing an earlier answer drops answers to items it disables; if they
 * are enabled again they are asked afresh. Answers still enabled stay. */
static void test_change_drops_disabled_answers(void **state)
{
    Questionnaire *q = must_load_file(FIXTURES "scripts/missed_bin.json");
    const QItem *sub = Questionnaire_find(q, "garden-sub");
    Triage *t = Triage_new(q);
    Triage_acknowledge(t);
    Triage_answer_option(t, 2);
    Triage_answer_boolean(t, true);
    Triage_answer_date(t, "2026-11-20");
    assert_string_equal(current_id(t), "out");
    assert_int_equal(Triage_back_to(t, "bin"), TRIAGE_OK);
    assert_int_equal(Triage_answer_option(t, 1), TRIAGE_OK); /* recycling */
    assert_false(Triage_item_enabled(t, sub));
    assert_int_equal(Triage_state(t, sub), TRIAGE_PENDING);
    /* garden-sub is gone; 'when' (still enabled) keeps its answer as default. */
    assert_string_equal(current_id(t), "when");
    assert_string_equal(Triage_default(t, NULL)->str, "2026-11-20");
    TriageCrumb crumbs[8];
    assert_int_equal(Triage_breadcrumb(t, crumbs, 8), 1);
    assert_int_equal(Triage_back(t), TRIAGE_OK);
    assert_string_equal(current_id(t), "bin");
    assert_int_equal(Triage_answer_option(t, 2), TRIAGE_OK); /* garden again */
    assert_string_equal(current_id(t), "garden-sub");
    assert_null(Triage_default(t, NULL)); /* asked afresh */
    Triage_free(t);
    Questionnaire_free(q);
}

static void test_every_answer_type(void **state)
{
    Questionnaire *q = must_load_file(FIXTURES "scripts/all_types.json");
    Triage *t = Triage_new(q);
    size_t opt;
    assert_int_equal(Triage_acknowledge(t), TRIAGE_OK);
    /* boolean inside two groups */
    assert_string_equal(current_id(t), "consent");
    assert_int_equal(Triage_answer_string(t, "yes"), TRIAGE_WRONG_ITEM);
    assert_string_equal(Triage_error(t), "This question needs a yes or no answer");
    assert_int_equal(Triage_answer_input(t, "perhaps", 0), TRIAGE_INVALID);
    assert_string_equal(Triage_error(t), "Answer yes or no");
    assert_int_equal(Triage_answer_boolean(t, true), TRIAGE_OK);
    /* coded choice, by number */
    assert_string_equal(current_id(t), "channel");
    assert_null(Triage_default(t, &opt));
    assert_int_equal(Triage_answer_input(t, "0", 0), TRIAGE_INVALID);
    assert_int_equal(Triage_answer_input(t, "2", 0), TRIAGE_OK);
    /* text choice with an initial value offered as default */
    assert_string_equal(current_id(t), "tone");
    assert_string_equal(Triage_default(t, &opt)->str, "Calm");
    assert_int_equal(opt, 0);
    assert_int_equal(Triage_answer_input(t, "UPSET", 0), TRIAGE_OK);
    /* whole-number choice with initialSelected */
    assert_string_equal(current_id(t), "priority");
    assert_int_equal(Triage_default(t, &opt)->integer, 3);
    assert_int_equal(opt, 2);
    assert_int_equal(Triage_answer_option(t, 0), TRIAGE_OK);
    /* string, with a question nested under it and a note shown with it */
    assert_string_equal(current_id(t), "name");
    const QItem *notes[2];
    assert_int_equal(Triage_notes(t, Triage_current(t), notes, 2), 1);
    assert_int_equal(Triage_answer_integer(t, 1), TRIAGE_WRONG_ITEM);
    assert_int_equal(Triage_answer_string(t, "Zo\xc3\xab"), TRIAGE_OK);
    assert_string_equal(current_id(t), "name.ok");
    assert_int_equal(Triage_skip(t), TRIAGE_OK);
    /* text, with length limits counted in characters */
    assert_string_equal(current_id(t), "notes");
    assert_int_equal(Triage_answer_string(t, "\xc3\xa9\xc3\xa9"), TRIAGE_INVALID);
    assert_string_equal(Triage_error(t), "Enter at least 3 characters");
    assert_int_equal(Triage_answer_string(t, "bad \xff"), TRIAGE_INVALID);
    char big[600];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(Triage_answer_string(t, big), TRIAGE_INVALID);
    assert_string_equal(Triage_error(t), "Keep the answer to 500 characters or fewer");
    assert_int_equal(Triage_answer_input(t, "Bin lid broken", 0), TRIAGE_OK);
    /* integer with minValue and maxValue */
    assert_string_equal(current_id(t), "people");
    assert_int_equal(Triage_answer_input(t, "2.5", 0), TRIAGE_INVALID);
    assert_string_equal(Triage_error(t), "Enter a whole number, e.g. 42");
    assert_int_equal(Triage_answer_integer(t, 0), TRIAGE_INVALID);
    assert_string_equal(Triage_error(t), "Enter at least 1");
    assert_int_equal(Triage_answer_integer(t, 21), TRIAGE_INVALID);
    assert_string_equal(Triage_error(t), "Enter at most 20");
    assert_int_equal(Triage_answer_integer(t, 3000000000LL), TRIAGE_INVALID);
    assert_int_equal(Triage_answer_integer(t, 4), TRIAGE_OK);
    /* decimal */
    assert_string_equal(current_id(t), "amount");
    assert_int_equal(Triage_answer_decimal(t, 10000.6), TRIAGE_INVALID);
    assert_string_equal(Triage_error(t), "Enter at most 10000.5");
    assert_int_equal(Triage_answer_decimal(t, 1.0 / 0.0), TRIAGE_INVALID);
    assert_int_equal(Triage_answer_input(t, "abc", 0), TRIAGE_INVALID);
    assert_int_equal(Triage_answer_input(t, "120.75", 0), TRIAGE_OK);
    /* date with minValue */
    assert_string_equal(current_id(t), "dob");
    assert_int_equal(Triage_answer_date(t, "31/12/1899"), TRIAGE_INVALID);
    assert_string_equal(Triage_error(t), "Enter at least 01/01/1900");
    assert_int_equal(Triage_answer_input(t, "02/03/1950", 0), TRIAGE_OK);
    /* dateTime: local time, stored with the offset given */
    assert_string_equal(current_id(t), "seen");
    assert_int_equal(Triage_answer_datetime(t, "yesterday", 60), TRIAGE_INVALID);
    assert_int_equal(Triage_answer_datetime(t, "01/06/2026 21:15", 60), TRIAGE_OK);
    assert_string_equal(Triage_answer(t, Questionnaire_find(q, "seen"), NULL)->str,
                        "2026-06-01T21:15:00+01:00");
    /* time */
    assert_string_equal(current_id(t), "at");
    assert_int_equal(Triage_answer_time(t, "25:00"), TRIAGE_INVALID);
    assert_string_equal(Triage_error(t), "Enter a time as HH:MM (24-hour clock)");
    assert_int_equal(Triage_answer_date(t, "2026-01-01"), TRIAGE_WRONG_ITEM);
    assert_string_equal(Triage_error(t), "This question needs a time");
    assert_int_equal(Triage_answer_input(t, "17:30", 0), TRIAGE_OK);

    assert_string_equal(current_id(t), "done");
    assert_int_equal(Triage_outcome(t)->kind, OUTCOME_RESOLVE);
    TriageCrumb c[16];
    assert_int_equal(Triage_breadcrumb(t, c, 16), 12);
    static const char *const shown[] = {
        "Yes", "Web chat", "Upset", "1", "Zoë", "", "Bin lid broken", "4", "120.75",
        "02/03/1950", "01/06/2026 21:15 +01:00", "17:30",
    };
    for (size_t i = 0; i < 12; i++)
        assert_string_equal(c[i].answer, shown[i]);
    Triage_free(t);
    Questionnaire_free(q);
}

static void test_safeguarding_cannot_be_skipped(void **state)
{
    Questionnaire *q = must_load_file(FIXTURES "scripts/adult_social_care.json");
    Triage *t = Triage_new(q);
    assert_int_equal(Triage_confirm(t, "x"), TRIAGE_WRONG_ITEM);
    assert_string_equal(Triage_error(t), "Only a safeguarding outcome needs confirming");
    assert_int_equal(Triage_answer_boolean(t, true), TRIAGE_OK);
    assert_string_equal(current_id(t), "who");
    assert_int_equal(Triage_answer_input(t, "2", 0), TRIAGE_OK);
    assert_string_equal(current_id(t), "safeguard");
    assert_int_equal(Triage_outcome(t)->kind, OUTCOME_SAFEGUARDING);
    assert_true(Triage_outcome_requires_confirmation(t));
    assert_false(Triage_is_complete(t));
    assert_null(Triage_confirmation(t));
    /* Nothing gets past it: not Back, not an answer, not a skip. */
    assert_int_equal(Triage_back(t), TRIAGE_LOCKED);
    assert_non_null(strstr(Triage_error(t), "confirm the action taken"));
    assert_int_equal(Triage_back_to(t, "risk"), TRIAGE_LOCKED);
    assert_int_equal(Triage_acknowledge(t), TRIAGE_LOCKED);
    assert_int_equal(Triage_skip(t), TRIAGE_LOCKED);
    assert_int_equal(Triage_answer_boolean(t, false), TRIAGE_LOCKED);
    assert_int_equal(Triage_answer_input(t, "no", 0), TRIAGE_LOCKED);
    assert_int_equal(Triage_confirm(t, "  \n"), TRIAGE_INVALID);
    assert_string_equal(Triage_error(t), "Describe the action taken before confirming");
    assert_int_equal(Triage_confirm(t, NULL), TRIAGE_INVALID);
    assert_int_equal(Triage_confirm(t, "\xc3("), TRIAGE_INVALID);
    assert_false(Triage_is_complete(t));
    assert_int_equal(Triage_confirm(t, "Called the safeguarding team; referral SG-1"), TRIAGE_OK);
    assert_true(Triage_is_complete(t));
    assert_false(Triage_outcome_requires_confirmation(t));
    assert_string_equal(Triage_confirmation(t), "Called the safeguarding team; referral SG-1");
    assert_int_equal(Triage_confirm(t, "changed my mind"), TRIAGE_WRONG_ITEM);
    assert_int_equal(Triage_back(t), TRIAGE_LOCKED);
    Triage_free(t);
    Questionnaire_free(q);
}

/* Issue 9.1: the action taken is chosen from a list; its code travels in
 * the response (the server acts on "duty_no_answer") and survives reopening. */
static void test_safeguarding_action_from_the_list(void **state)
{
    Questionnaire *q = must_load_file(FIXTURES "scripts/adult_social_care.json");
    Triage *t = Triage_new(q);
    assert_int_equal(Triage_confirm_action(t, SAFEGUARD_NO_ANSWER, NULL), TRIAGE_WRONG_ITEM);
    Triage_answer_boolean(t, true);
    Triage_answer_input(t, "2", 0);
    assert_true(Triage_outcome_requires_confirmation(t));
    assert_int_equal(Triage_confirmation_action(t), -1);
    assert_int_equal(Triage_confirm_action(t, SAFEGUARD_ACTION_COUNT, NULL), TRIAGE_INVALID);
    assert_int_equal(Triage_confirm_action(t, SAFEGUARD_OTHER, " "), TRIAGE_INVALID);
    assert_int_equal(Triage_confirm_action(t, SAFEGUARD_NO_ANSWER, NULL), TRIAGE_OK);
    assert_true(Triage_is_complete(t));
    assert_string_equal(Triage_confirmation(t), "Duty team did not answer, referral raised");
    assert_int_equal(Triage_confirmation_action(t), SAFEGUARD_NO_ANSWER);
    assert_int_equal(Triage_confirm_action(t, SAFEGUARD_CALLED_999, NULL), TRIAGE_WRONG_ITEM);

    json_t *qr = Triage_response(t, NULL);
    assert_int_equal(Triage_response_outcome(qr), OUTCOME_SAFEGUARDING);
    assert_string_equal(Triage_response_action(qr), "duty_no_answer");
    Diag d = DIAG_INIT;
    Triage *again = Triage_from_response(q, qr, "saved", &d);
    diag_print(&d);
    assert_non_null(again);
    assert_int_equal(Triage_confirmation_action(again), SAFEGUARD_NO_ANSWER);
    assert_string_equal(Triage_confirmation(again), "Duty team did not answer, referral raised");
    Diag_free(&d);
    Triage_free(again);
    json_decref(qr);
    assert_int_equal(Safeguard_action_by_code("called_999"), SAFEGUARD_CALLED_999);
    assert_int_equal(Safeguard_action_by_code("nonsense"), -1);
    Triage_free(t);
    Questionnaire_free(q);
}

/* With no risk, the same script goes past the safeguarding outcome. */
static void test_no_risk_path(void **state)
{
    Questionnaire *q = must_load_file(FIXTURES "scripts/adult_social_care.json");
    Triage *t = Triage_new(q);
    Triage_answer_boolean(t, false);
    assert_false(Triage_is_enabled(t, "safeguard"));
    assert_string_equal(current_id(t), "need");
    assert_int_equal(Triage_answer_input(t, "personal care at home", 0), TRIAGE_OK);
    assert_int_equal(Triage_outcome(t)->kind, OUTCOME_CASE);
    assert_string_equal(Triage_outcome(t)->service, "adult-social-care");
    assert_int_equal(Triage_back(t), TRIAGE_OK);
    assert_int_equal(Triage_answer_input(t, "Equipment or adaptations", 0), TRIAGE_OK);
    assert_int_equal(Triage_outcome(t)->kind, OUTCOME_SIGNPOST);
    Triage_free(t);
    Questionnaire_free(q);
}

/* Questionnaires from other tools have no outcomes: the walk simply ends. */
static void test_third_party_runs(void **state)
{
    Questionnaire *q = must_load_file(FIXTURES "fhir/behavior_skip_logic.json");
    Triage *t = Triage_new(q);
    assert_string_equal(current_id(t), "1.0");
    const QItem *notes[2];
    assert_int_equal(Triage_notes(t, Triage_current(t), notes, 2), 1);
    assert_string_equal(QItem_text(notes[0]), "Select one");
    assert_false(Triage_is_enabled(t, "1.1"));
    assert_int_equal(Triage_answer_input(t, "Yes", 0), TRIAGE_OK);
    assert_string_equal(current_id(t), "1.1");
    assert_int_equal(Triage_answer_input(t, "01/10/2026", 0), TRIAGE_OK);
    assert_null(Triage_current(t));
    assert_null(Triage_outcome(t));
    assert_true(Triage_is_complete(t));
    /* Back from the end returns to the last question. */
    assert_int_equal(Triage_back(t), TRIAGE_OK);
    assert_string_equal(current_id(t), "1.1");
    assert_int_equal(Triage_back(t), TRIAGE_OK);
    assert_int_equal(Triage_answer_input(t, "3", 0), TRIAGE_OK); /* Unknown */
    assert_false(Triage_is_enabled(t, "1.1"));
    assert_true(Triage_is_complete(t));
    Triage_free(t);
    Questionnaire_free(q);

    q = must_load_file(FIXTURES "fhir/component_boolean_choice.json");
    t = Triage_new(q);
    assert_string_equal(current_id(t), "1");
    assert_int_equal(Triage_skip(t), TRIAGE_OK); /* optional */
    assert_true(Triage_is_complete(t));
    Triage_free(t);
    Questionnaire_free(q);

    q = must_load_file(FIXTURES "fhir/component_single_choice.json");
    t = Triage_new(q);
    assert_int_equal(Triage_answer_input(t, "Option 5", 0), TRIAGE_OK);
    assert_string_equal(Triage_answer(t, Questionnaire_find(q, "1"), NULL)->str, "sibling");
    assert_true(Triage_is_complete(t));
    Triage_free(t);
    Questionnaire_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missed_bin_walk),
        cmocka_unit_test(test_first_outcome_wins),
        cmocka_unit_test(test_safeguarding_action_from_the_list),
        cmocka_unit_test(test_back_keeps_answers),
        cmocka_unit_test(test_change_drops_disabled_answers),
        cmocka_unit_test(test_every_answer_type),
        cmocka_unit_test(test_safeguarding_cannot_be_skipped),
        cmocka_unit_test(test_no_risk_path),
        cmocka_unit_test(test_third_party_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
