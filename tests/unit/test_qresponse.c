/* The QuestionnaireResponse a triage produces (shape, nesting, only
 * enabled answered items, outcome and confirmation), and reopening a saved
 * response, including the ways a response can fail to fit its script. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/jsonx.h"
#include "common/triage.h"
#include "script_helpers.h"

#define NOW "2026-11-23T14:05:00Z"

/* Answers every item of all_types.json. */
static Triage *walk_all_types(const Questionnaire *q)
{
    Triage *t = Triage_new(q);
    static const char *const inputs[] = {
        "yes", "1", "2", "3", "Sam", "no", "Lid broken", "4", "12.5", "1950-03-02",
        "2026-06-01 21:15", "17:30",
    };
    assert_int_equal(Triage_acknowledge(t), TRIAGE_OK);
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
        assert_int_equal(Triage_answer_input(t, inputs[i], 60), TRIAGE_OK);
    assert_non_null(Triage_outcome(t));
    return t;
}

/* The answer object of an item found by linkId anywhere in the tree. */
static const json_t *find_item(const json_t *items, const char *id)
{
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        if (strcmp(Jsonx_str(it, "linkId", ""), id) == 0)
            return it;
        const json_t *found = find_item(json_object_get(it, "item"), id);
        json_t *ans = json_array_get(json_object_get(it, "answer"), 0);
        if (!found)
            found = find_item(json_object_get(ans, "item"), id);
        if (found)
            return found;
    }
    return NULL;
}

static const json_t *answer_of(const json_t *qr, const char *id)
{
    const json_t *it = find_item(json_object_get(qr, "item"), id);
    return it ? json_array_get(json_object_get(it, "answer"), 0) : NULL;
}

static void test_response_shape(void **state)
{
    Questionnaire *q = must_load_file(FIXTURES "scripts/all_types.json");
    Triage *t = walk_all_types(q);
    json_t *qr = Triage_response(t, NOW);
    assert_string_equal(Jsonx_str(qr, "resourceType", ""), "QuestionnaireResponse");
    assert_string_equal(Jsonx_str(qr, "questionnaire", ""), "urn:frontdoor:script:all-types|1");
    assert_string_equal(Jsonx_str(qr, "status", ""), "completed");
    assert_string_equal(Jsonx_str(qr, "authored", ""), NOW);

    /* Nested like the Questionnaire: g1 > consent, g1 > g2 > channel. */
    const json_t *items = json_object_get(qr, "item");
    assert_int_equal(json_array_size(items), 8); /* no display items, no empty groups */
    const json_t *g1 = json_array_get(items, 0);
    assert_string_equal(Jsonx_str(g1, "linkId", ""), "g1");
    assert_string_equal(Jsonx_str(g1, "text", ""), "About the caller");
    assert_null(json_object_get(g1, "answer"));
    const json_t *g2 = json_array_get(json_object_get(g1, "item"), 1);
    assert_string_equal(Jsonx_str(g2, "linkId", ""), "g2");
    assert_string_equal(Jsonx_str(json_array_get(json_object_get(g2, "item"), 0), "linkId", ""),
                        "channel");

    assert_true(json_is_true(json_object_get(answer_of(qr, "consent"), "valueBoolean")));
    const json_t *coding = json_object_get(answer_of(qr, "channel"), "valueCoding");
    assert_string_equal(Jsonx_str(coding, "system", ""), "urn:frontdoor:channel");
    assert_string_equal(Jsonx_str(coding, "code", ""), "phone");
    assert_string_equal(Jsonx_str(coding, "display", ""), "Phone");
    assert_string_equal(Jsonx_str(answer_of(qr, "tone"), "valueString", ""), "Upset");
    assert_int_equal(Jsonx_int(answer_of(qr, "priority"), "valueInteger", 0), 3);
    assert_string_equal(Jsonx_str(answer_of(qr, "name"), "valueString", ""), "Sam");
    assert_string_equal(Jsonx_str(answer_of(qr, "notes"), "valueString", ""), "Lid broken");
    assert_int_equal(Jsonx_int(answer_of(qr, "people"), "valueInteger", 0), 4);
    assert_true(json_real_value(json_object_get(answer_of(qr, "amount"), "valueDecimal")) == 12.5);
    assert_string_equal(Jsonx_str(answer_of(qr, "dob"), "valueDate", ""), "1950-03-02");
    assert_string_equal(Jsonx_str(answer_of(qr, "seen"), "valueDateTime", ""),
                        "2026-06-01T21:15:00+01:00");
    assert_string_equal(Jsonx_str(answer_of(qr, "at"), "valueTime", ""), "17:30:00");

    /* A question's children sit under its answer. */
    const json_t *name = find_item(items, "name");
    assert_null(json_object_get(name, "item"));
    const json_t *ok = json_array_get(json_object_get(answer_of(qr, "name"), "item"), 0);
    assert_string_equal(Jsonx_str(ok, "linkId", ""), "name.ok");
    assert_false(json_is_true(json_object_get(json_array_get(json_object_get(ok, "answer"), 0),
                                              "valueBoolean")));
    assert_null(find_item(items, "say"));
    assert_null(find_item(items, "name.note"));

    /* The outcome travels with the answers. */
    const json_t *ext = json_object_get(qr, "extension");
    assert_int_equal(json_array_size(ext), 2);
    assert_string_equal(Jsonx_str(json_array_get(ext, 0), "url", ""), "urn:frontdoor:outcome");
    assert_string_equal(Jsonx_str(Jsonx_path(json_array_get(ext, 0), "valueCoding"), "code", ""),
                        "resolve");
    assert_string_equal(Jsonx_str(json_array_get(ext, 1), "valueString", ""), "done");
    json_decref(qr);
    Triage_free(t);
    Questionnaire_free(q);
}

/* In progress: only what has been answered so far; skipped and disabled
 * items are left out; no outcome yet. */
static void test_partial_response(void **state)
{
    Questionnaire *q = must_load_file(FIXTURES "scripts/missed_bin.json");
    Triage *t = Triage_new(q);
    json_t *qr = Triage_response(t, NULL);
    assert_string_equal(Jsonx_str(qr, "status", ""), "in-progress");
    assert_null(json_object_get(qr, "authored"));
    assert_null(json_object_get(qr, "extension"));
    assert_int_equal(json_array_size(json_object_get(qr, "item")), 0);
    json_decref(qr);

    Triage_acknowledge(t);
    Triage_answer_option(t, 2);            /* garden */
    Triage_answer_boolean(t, true);        /* subscribed */
    Triage_back_to(t, "bin");
    Triage_answer_option(t, 0);            /* general: garden-sub disabled */
    Triage_answer_date(t, "2026-11-20");
    Triage_answer_boolean(t, true);
    Triage_skip(t);                        /* where */
    qr = Triage_response(t, NOW);
    assert_string_equal(Jsonx_str(qr, "status", ""), "in-progress");
    const json_t *items = json_object_get(qr, "item");
    assert_int_equal(json_array_size(items), 3); /* bin, when, out */
    assert_null(find_item(items, "garden-sub"));
    assert_null(find_item(items, "where"));
    assert_null(find_item(items, "details"));
    json_decref(qr);
    Triage_free(t);
    Questionnaire_free(q);
}

static void test_safeguarding_response(void **state)
{
    Questionnaire *q = must_load_file(FIXTURES "scripts/adult_social_care.json");
    Triage *t = Triage_new(q);
    Triage_answer_boolean(t, true);
    Triage_answer_option(t, 0);
    json_t *qr = Triage_response(t, NOW);
    assert_string_equal(Jsonx_str(qr, "status", ""), "in-progress"); /* not yet confirmed */
    assert_int_equal(json_array_size(json_object_get(qr, "extension")), 2);
    json_decref(qr);
    Triage_confirm(t, "Called 999");
    qr = Triage_response(t, NOW);
    assert_string_equal(Jsonx_str(qr, "status", ""), "completed");
    const json_t *c = json_array_get(json_object_get(qr, "extension"), 2);
    assert_string_equal(Jsonx_str(c, "url", ""), "urn:frontdoor:safeguarding-confirmation");
    assert_string_equal(Jsonx_str(c, "valueString", ""), "Called 999");
    json_decref(qr);
    Triage_free(t);
    Questionnaire_free(q);
}

/* Third-party scripts have no url: the id names the Questionnaire, or
 * nothing does. */
static void test_canonical_fallbacks(void **state)
{
    Questionnaire *q = must_load_str("{'resourceType':'Questionnaire','id':'x','item':["
                                     "{'linkId':'a','type':'boolean'}]}");
    Triage *t = Triage_new(q);
    json_t *qr = Triage_response(t, NOW);
    assert_string_equal(Jsonx_str(qr, "questionnaire", ""), "Questionnaire/x");
    json_decref(qr);
    Triage_free(t);
    Questionnaire_free(q);
    q = must_load_file(FIXTURES "fhir/component_boolean_choice.json");
    t = Triage_new(q);
    qr = Triage_response(t, NOW);
    assert_null(json_object_get(qr, "questionnaire"));
    json_decref(qr);
    Triage_free(t);
    Questionnaire_free(q);
    q = must_load_str("{'resourceType':'Questionnaire','url':'urn:u','item':["
                      "{'linkId':'a','type':'boolean'}]}");
    t = Triage_new(q);
    qr = Triage_response(t, NOW);
    assert_string_equal(Jsonx_str(qr, "questionnaire", ""), "urn:u");
    json_decref(qr);
    Triage_free(t);
    Questionnaire_free(q);
}

/* Saving and reopening gives back the same triage. */
static Triage *reopen(const Questionnaire *q, const Triage *t)
{
    json_t *qr = Triage_response(t, NOW);
    char *text = json_dumps(qr, 0); /* through text, as it is stored */
    json_t *back = json_loads(text, 0, NULL);
    Diag d = DIAG_INIT;
    Triage *r = Triage_from_response(q, back, "saved", &d);
    diag_print(&d);
    assert_non_null(r);
    json_t *again = Triage_response(r, NOW);
    assert_true(json_equal(qr, again));
    json_decref(again);
    json_decref(back);
    json_decref(qr);
    free(text);
    Diag_free(&d);
    return r;
}

static void test_reopen(void **state)
{
    Questionnaire *q = must_load_file(FIXTURES "scripts/all_types.json");
    Triage *t = walk_all_types(q);
    Triage *r = reopen(q, t);
    assert_string_equal(QItem_link_id(Triage_current(r)), "done");
    assert_true(Triage_is_complete(r));
    Triage_free(r);
    Triage_free(t);
    Questionnaire_free(q);

    /* Part way: displays already read and optional questions passed over
     * before the last answer stay dealt with; the walk resumes in place. */
    q = must_load_file(FIXTURES "scripts/missed_bin.json");
    t = Triage_new(q);
    Triage_acknowledge(t);
    Triage_answer_option(t, 1);
    Triage_answer_date(t, "2026-11-20");
    Triage_answer_boolean(t, true);
    Triage_skip(t);
    Triage_answer_integer(t, 0);
    r = reopen(q, t);
    assert_string_equal(QItem_link_id(Triage_current(r)), "raise");
    assert_int_equal(Triage_state(r, Questionnaire_find(q, "intro")), TRIAGE_ACKNOWLEDGED);
    assert_int_equal(Triage_state(r, Questionnaire_find(q, "where")), TRIAGE_SKIPPED);
    size_t opt;
    assert_non_null(Triage_answer(r, Questionnaire_find(q, "bin"), &opt));
    assert_int_equal(opt, 1);
    Triage_free(r);
    Triage_free(t);
    Questionnaire_free(q);

    /* A confirmed safeguarding outcome comes back confirmed and locked. */
    q = must_load_file(FIXTURES "scripts/adult_social_care.json");
    t = Triage_new(q);
    Triage_answer_boolean(t, true);
    Triage_answer_option(t, 1);
    Triage_confirm(t, "Referred to the safeguarding team");
    r = reopen(q, t);
    assert_string_equal(Triage_confirmation(r), "Referred to the safeguarding team");
    assert_true(Triage_is_complete(r));
    assert_int_equal(Triage_back(r), TRIAGE_LOCKED);
    Triage_free(r);
    Triage_free(t);
    Questionnaire_free(q);
}

typedef struct BadResponse {
    const char *json;
    const char *message;
} BadResponse;

#define QR(items) "{'resourceType':'QuestionnaireResponse','questionnaire':" \
                  "'urn:frontdoor:script:adult-social-care|2','item':[" items "]}"
#define ANS(id, value) "{'linkId':'" id "','answer':[{" value "}]}"

static const BadResponse bad_responses[] = {
    {"{'resourceType':'Questionnaire'}", "saved: not a QuestionnaireResponse"},
    {"{'resourceType':'QuestionnaireResponse','questionnaire':'urn:other|2'}",
     "saved: the response is for 'urn:other|2', not this questionnaire"},
    {"{'resourceType':'QuestionnaireResponse','questionnaire':'urn:frontdoor:script:"
     "adult-social-care|1'}", "not this questionnaire"},
    {QR(ANS("ghost", "'valueBoolean':true")), "saved: item 'ghost': not in this questionnaire"},
    {QR(ANS("risk", "'valueString':'yes'")),
     "saved: item 'risk': the answer does not fit this boolean question"},
    {QR(ANS("risk", "'valueBoolean':true") "," ANS("who", "'valueString':'Nobody'")),
     "item 'who': the answer does not fit this choice question"},
    {QR(ANS("risk", "'valueBoolean':false") "," ANS("who", "'valueString':'The caller'")),
     "item 'who': answered, but the other answers do not enable it"},
    {QR(ANS("risk", "'valueBoolean':false") "," ANS("risk", "'valueBoolean':false")),
     "item 'risk': answered twice"},
    {QR("{'linkId':'risk','answer':[{'valueBoolean':true},{'valueBoolean':false}]}"),
     "item 'risk': has answers this item cannot have"},
    {QR("{'linkId':'refer','answer':[{'valueString':'x'}]}"),
     "item 'refer': has answers this item cannot have"},
    {"{'resourceType':'QuestionnaireResponse','extension':[{'url':"
     "'urn:frontdoor:safeguarding-confirmation','valueString':'done'}],'item':["
     ANS("risk", "'valueBoolean':false") "]}",
     "a safeguarding confirmation is recorded, but the answers do not reach a safeguarding"},
    {"{'resourceType':'QuestionnaireResponse','extension':[{'url':"
     "'urn:frontdoor:safeguarding-confirmation','valueString':' '}],'item':["
     ANS("risk", "'valueBoolean':true") "," ANS("who", "'valueString':'The caller'") "]}",
     "the safeguarding confirmation is blank"},
};

static void test_reopen_refusals(void **state)
{
    Questionnaire *q = must_load_file(FIXTURES "scripts/adult_social_care.json");
    for (size_t i = 0; i < sizeof bad_responses / sizeof bad_responses[0]; i++) {
        char *text = sq(bad_responses[i].json);
        json_t *j = json_loads(text, 0, NULL);
        assert_non_null(j);
        Diag d = DIAG_INIT;
        Triage *t = Triage_from_response(q, j, "saved", &d);
        if (t || !diag_has(&d, bad_responses[i].message)) {
            fprintf(stderr, "response %zu: expected \"%s\"\n", i, bad_responses[i].message);
            diag_print(&d);
        }
        assert_null(t);
        assert_true(diag_has(&d, bad_responses[i].message));
        Diag_free(&d);
        json_decref(j);
        free(text);
    }
    /* Whole numbers are fine for decimals, and the script's coding wins. */
    Questionnaire *all = must_load_file(FIXTURES "scripts/all_types.json");
    char *text = sq("{'resourceType':'QuestionnaireResponse','item':["
                    ANS("amount", "'valueDecimal':12") ","
                    ANS("channel", "'valueCoding':{'code':'chat'}") "]}");
    json_t *j = json_loads(text, 0, NULL);
    Diag d = DIAG_INIT;
    Triage *t = Triage_from_response(all, j, "saved", &d);
    assert_non_null(t);
    assert_true(Triage_answer(t, Questionnaire_find(all, "amount"), NULL)->decimal == 12.0);
    assert_string_equal(Triage_answer(t, Questionnaire_find(all, "channel"), NULL)->display,
                        "Web chat");
    /* Required consent was never answered: it is asked again. */
    assert_string_equal(QItem_link_id(Triage_current(t)), "consent");
    Triage_free(t);
    json_decref(j);
    free(text);
    Diag_free(&d);
    Questionnaire_free(all);
    Questionnaire_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_response_shape),
        cmocka_unit_test(test_partial_response),
        cmocka_unit_test(test_safeguarding_response),
        cmocka_unit_test(test_canonical_fallbacks),
        cmocka_unit_test(test_reopen),
        cmocka_unit_test(test_reopen_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
