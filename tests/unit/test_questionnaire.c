/* Loading triage scripts: what loads (our own scripts and Questionnaires
 * written by other FHIR tools), what the accessors say, and every reason a
 * script is refused, each with a message naming the item. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <unistd.h>

#include "common/triage.h"
#include "script_helpers.h"

static void test_missed_bin_loads(void **state)
{
    Questionnaire *q = must_load_file(FIXTURES "scripts/missed_bin.json");
    assert_non_null(q);
    assert_string_equal(Questionnaire_id(q), "missed-bin");
    assert_string_equal(Questionnaire_url(q), "urn:frontdoor:script:missed-bin");
    assert_string_equal(Questionnaire_version(q), "3");
    assert_string_equal(Questionnaire_name(q), "MissedBin");
    assert_string_equal(Questionnaire_title(q), "Missed bin collection");
    assert_string_equal(Questionnaire_status(q), "active");
    assert_true(Questionnaire_has_outcomes(q));
    assert_int_equal(Questionnaire_item_count(q), 13);
    assert_int_equal(Questionnaire_root_count(q), 9);
    assert_non_null(Questionnaire_json(q));

    const QItem *bin = Questionnaire_find(q, "bin");
    assert_int_equal(QItem_type(bin), QT_CHOICE);
    assert_true(QItem_required(bin));
    assert_true(QItem_is_question(bin));
    assert_int_equal(QItem_option_count(bin), 3);
    assert_string_equal(QItem_option_label(bin, 1), "Recycling (blue lid)");
    assert_string_equal(QItem_option(bin, 2)->str, "garden");
    assert_null(QItem_option(bin, 3));
    assert_int_equal(QItem_child_count(bin), 1);
    const QItem *help = QItem_child(bin, 0);
    assert_true(QItem_is_note(help));
    assert_ptr_equal(QItem_parent(help), bin);
    assert_null(QItem_parent(bin));
    assert_ptr_equal(Questionnaire_item(q, QItem_index(bin)), bin);
    assert_null(Questionnaire_item(q, 99));
    assert_null(Questionnaire_find(q, "nope"));

    const QItem *details = Questionnaire_find(q, "details");
    assert_int_equal(QItem_type(details), QT_GROUP);
    assert_false(QItem_is_question(details));
    assert_string_equal(QItem_link_id(QItem_child(details, 2)), "repeat-note");
    assert_int_equal(QItem_max_length(Questionnaire_find(q, "where")), 80);
    assert_int_equal(QItem_min_value(Questionnaire_find(q, "missed-before"))->integer, 0);
    assert_null(QItem_max_value(Questionnaire_find(q, "missed-before")));

    const QOutcome *o = QItem_outcome(Questionnaire_find(q, "raise"));
    assert_int_equal(o->kind, OUTCOME_CASE);
    assert_string_equal(o->service, "missed-bin");
    assert_string_equal(o->wrap, "waste.missed-case");
    assert_int_equal(o->kb_count, 0);
    o = QItem_outcome(Questionnaire_find(q, "signpost-garden"));
    assert_int_equal(o->kind, OUTCOME_SIGNPOST);
    assert_int_equal(o->kb_count, 1);
    assert_string_equal(o->kb[0], "kb-garden-waste");
    assert_string_equal(o->link_id, "signpost-garden");
    assert_non_null(strstr(o->text, "https://"));
    assert_null(QItem_outcome(bin));
    assert_null(QItem_outcome(Questionnaire_find(q, "intro")));
    Questionnaire_free(q);
}

static void test_all_types_load(void **state)
{
    static const QItemType want[] = {
        QT_DISPLAY, QT_GROUP, QT_BOOLEAN, QT_GROUP, QT_CHOICE, QT_CHOICE, QT_CHOICE,
        QT_STRING, QT_DISPLAY, QT_BOOLEAN, QT_TEXT, QT_INTEGER, QT_DECIMAL, QT_DATE,
        QT_DATETIME, QT_TIME, QT_DISPLAY,
    };
    static const char *const names[] = {
        "group", "display", "boolean", "choice", "string", "text", "integer", "decimal",
        "date", "dateTime", "time",
    };
    Questionnaire *q = must_load_file(FIXTURES "scripts/all_types.json");
    assert_non_null(q);
    assert_int_equal(Questionnaire_item_count(q), sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_int_equal(QItem_type(Questionnaire_item(q, i)), want[i]);
    for (int t = QT_GROUP; t <= QT_TIME; t++)
        assert_string_equal(QItem_type_name((QItemType)t), names[t]);
    assert_string_equal(QItem_prefix(Questionnaire_find(q, "say")), "0.");
    assert_null(QItem_prefix(Questionnaire_find(q, "g1")));

    size_t opt = 99;
    const QValue *init = QItem_initial(Questionnaire_find(q, "tone"), &opt);
    assert_int_equal(opt, 0);
    assert_string_equal(init->str, "Calm");
    init = QItem_initial(Questionnaire_find(q, "priority"), &opt);
    assert_int_equal(opt, 2);
    assert_int_equal(init->integer, 3);
    assert_string_equal(QItem_option_label(Questionnaire_find(q, "priority"), 0), "1");
    assert_null(QItem_initial(Questionnaire_find(q, "channel"), &opt));

    const QItem *notes = Questionnaire_find(q, "notes");
    assert_int_equal(QItem_max_length(notes), 500);
    assert_int_equal(QItem_min_length(notes), 3);
    assert_true(QItem_max_value(Questionnaire_find(q, "amount"))->decimal == 10000.5);
    assert_string_equal(QItem_min_value(Questionnaire_find(q, "dob"))->str, "1900-01-01");
    /* A boolean under a question is a question, not a note. */
    assert_false(QItem_is_note(Questionnaire_find(q, "name.ok")));
    assert_true(QItem_is_note(Questionnaire_find(q, "name.note")));
    assert_false(QItem_is_note(Questionnaire_find(q, "say")));
    Questionnaire_free(q);
}

/* ---- third-party Questionnaires ------------------------------------------ */

static void check_third_party(const char *dir, bool must_exist)
{
    static const char *const good[] = {
        "behavior_skip_logic.json", "component_single_choice.json",
        "component_boolean_choice.json",
    };
    static const char *const bad[][2] = {
        {"behavior_skip_logic_with_expression.json", "enableWhenExpression"},
        {"component_repeated_group.json", "item '1': repeats is not supported"},
    };
    char path[256];
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, good[i]);
        if (!must_exist && access(path, R_OK) != 0)
            continue;
        Questionnaire *q = must_load_file(path);
        assert_non_null(q);
        assert_false(Questionnaire_has_outcomes(q));
        Questionnaire_free(q);
    }
    for (size_t i = 0; i < 2; i++) {
        Diag d = DIAG_INIT;
        snprintf(path, sizeof path, "%s/%s", dir, bad[i][0]);
        if (!must_exist && access(path, R_OK) != 0)
            continue;
        assert_null(load_file(path, &d));
        if (!diag_has(&d, bad[i][1]))
            diag_print(&d);
        assert_true(diag_has(&d, bad[i][1]));
        assert_true(diag_has(&d, bad[i][0])); /* messages start with the file name */
        Diag_free(&d);
    }
}

static void test_third_party_fixtures(void **state)
{
    check_third_party(FIXTURES "fhir", true);
    Diag d = DIAG_INIT;
    assert_null(load_file(FIXTURES "fhir/behavior_skip_logic_with_expression.json", &d));
    /* Both pieces of logic it relies on are named, on the item and the resource. */
    assert_true(diag_has(&d, "behavior_skip_logic_with_expression.json: item '2': extension "
                             "'sdc-questionnaire-enableWhenExpression' is not supported"));
    assert_true(diag_has(&d, "questionnaire: extension 'variable' is not supported"));
    Diag_free(&d);
}

/* The shared originals, when this checkout sits beside them; the copies
 * must not drift. */
static void test_third_party_originals(void **state)
{
    const char *dir = "../shared/standards/fhir-questionnaires";
    if (access(dir, R_OK) != 0)
        skip();
    check_third_party(dir, false);
    static const char *const files[] = {
        "behavior_skip_logic.json", "component_single_choice.json",
        "component_boolean_choice.json", "behavior_skip_logic_with_expression.json",
        "component_repeated_group.json",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char a[256], b[256];
        Buf x = BUF_INIT, y = BUF_INIT;
        snprintf(a, sizeof a, "%s/%s", dir, files[i]);
        snprintf(b, sizeof b, FIXTURES "fhir/%s", files[i]);
        assert_int_equal(Buf_read_file(&x, a), 0);
        assert_int_equal(Buf_read_file(&y, b), 0);
        assert_int_equal(x.len, y.len);
        assert_memory_equal(x.data, y.data, x.len);
        Buf_free(&x);
        Buf_free(&y);
    }
}

/* ---- what is accepted and ignored --------------------------------------- */

static void test_presentation_is_ignored(void **state)
{
    Questionnaire *q = must_load_str(SCRIPT(
        "{'linkId':'a','type':'string','text':'A',"
        " '_text':{'extension':[{'url':'http://hl7.org/fhir/StructureDefinition/rendering-xhtml',"
        "   'valueString':'<b>A</b>'}]},"
        " 'extension':["
        "  {'url':'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl',"
        "   'valueCodeableConcept':{'coding':[{'code':'text-box'}]}},"
        "  {'url':'http://hl7.org/fhir/StructureDefinition/entryFormat','valueString':'name'},"
        "  {'url':'http://hl7.org/fhir/StructureDefinition/questionnaire-hidden','valueBoolean':false},"
        "  {'url':'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-itemExtractionContext',"
        "   'valueCode':'Patient'}],"
        " 'definition':'http://hl7.org/fhir/Patient#Patient.name',"
        " 'code':[{'system':'http://loinc.org','code':'1234-5'}]},"
        "{'linkId':'b','type':'boolean','repeats':false,'readOnly':false,"
        " 'enableWhen':[{'question':'a','operator':'exists','answerBoolean':true}],"
        " 'enableBehavior':'all'}"));
    assert_non_null(q);
    assert_null(QItem_outcome(Questionnaire_find(q, "a")));
    Questionnaire_free(q);
}

/* ---- refusals ------------------------------------------------------------ */

typedef struct Refusal {
    const char *json;
    const char *message;
} Refusal;

#define OUTCOME(codes) "{'linkId':'o','type':'display','text':'T','code':[" codes "]}"
#define OC(kind) "{'system':'urn:frontdoor:outcome','code':'" kind "'}"
#define WRAP "{'system':'urn:frontdoor:wrap','code':'w'}"
#define SVC "{'system':'urn:frontdoor:service','code':'s'}"
#define KB "{'system':'urn:frontdoor:kb','code':'k'}"
#define BOOLQ(id) "{'linkId':'" id "','type':'boolean'}"
#define CHOICE_C "{'linkId':'c','type':'choice','answerOption':[{'valueCoding':{'code':'x'}}]}"
#define EW1(q, op, ans) "'enableWhen':[{'question':'" q "','operator':'" op "'," ans "}]"
#define EXT(name) "'extension':[{'url':'http://hl7.org/fhir/uv/sdc/StructureDefinition/" name \
                  "','valueExpression':{'language':'text/fhirpath','expression':'true'}}]"

static const Refusal refusals[] = {
    /* the resource */
    {"{'resourceType':'Questionnaire',", "test.json:1: not valid JSON"},
    {"{'resourceType':'Patient','item':[]}", "questionnaire: resourceType is 'Patient'"},
    {"[]", "questionnaire: is not a JSON object"},
    {"{'resourceType':'Questionnaire'}", "questionnaire: has no items"},
    {"{'resourceType':'Questionnaire','item':[]}", "questionnaire: has no items"},
    {"{'resourceType':'Questionnaire','item':{}}", "questionnaire: has no items"},
    {"{'resourceType':'Questionnaire','item':[1]}", "items must be objects"},
    {"{'resourceType':'Questionnaire','implicitRules':'x','item':[" BOOLQ("a") "]}",
     "questionnaire: 'implicitRules' is not supported"},
    {"{'resourceType':'Questionnaire','answerConstraint':'x','item':[" BOOLQ("a") "]}",
     "questionnaire: 'answerConstraint' is not supported"},
    {"{'resourceType':'Questionnaire','modifierExtension':[{'url':'http://x/y/z'}],'item':["
     BOOLQ("a") "]}", "questionnaire: modifierExtension 'z'"},
    {"{'resourceType':'Questionnaire'," EXT("cqf-library") ",'item':[" BOOLQ("a") "]}",
     "questionnaire: extension 'cqf-library' is not supported"},
    {"{'resourceType':'Questionnaire','extension':[{'valueString':'x'}],'item':[" BOOLQ("a") "]}",
     "questionnaire: extension without a url"},
    /* item basics */
    {SCRIPT("{'type':'boolean'}"), "item at item[0]: missing linkId"},
    {SCRIPT("{'linkId':'g','type':'group','item':[{'linkId':'','type':'boolean'}]}"),
     "item at item[0].item[0]: missing linkId"},
    {SCRIPT("{'linkId':'a'}"), "item 'a': missing type"},
    {SCRIPT(BOOLQ("a") "," BOOLQ("a")), "item 'a': duplicate linkId (also used at item[0])"},
    {SCRIPT("{'linkId':'g','type':'group','item':[" BOOLQ("a") "]}," BOOLQ("a")),
     "item 'a': duplicate linkId (also used at item[0].item[0])"},
    {SCRIPT("{'linkId':'a','type':'question'}"), "type 'question' is not a FHIR R4 item type"},
    {SCRIPT("{'linkId':'a','type':'open-choice','answerOption':[{'valueString':'x'}]}"),
     "item 'a': type 'open-choice' is not supported"},
    {SCRIPT("{'linkId':'a','type':'attachment'}"), "type 'attachment' is not supported"},
    {SCRIPT("{'linkId':'a','type':'reference'}"), "type 'reference' is not supported"},
    {SCRIPT("{'linkId':'a','type':'quantity'}"), "type 'quantity' is not supported"},
    {SCRIPT("{'linkId':'a','type':'url'}"), "type 'url' is not supported"},
    {SCRIPT("{'linkId':'a','type':'boolean','text':5}"), "item 'a': text must be a string"},
    {SCRIPT("{'linkId':'a','type':'boolean','required':'yes'}"), "required must be true or false"},
    {SCRIPT("{'linkId':'a','type':'boolean','answerConstraint':'optionsOnly'}"),
     "item 'a': unknown property 'answerConstraint'"},
    {SCRIPT("{'linkId':'a','type':'boolean','repeats':true}"),
     "item 'a': repeats is not supported"},
    {SCRIPT("{'linkId':'a','type':'boolean','readOnly':true}"),
     "item 'a': readOnly is not supported"},
    {SCRIPT("{'linkId':'a','type':'choice','answerValueSet':'http://x/vs'}"),
     "item 'a': answerValueSet is not supported"},
    {SCRIPT("{'linkId':'g','type':'group'}"), "item 'g': a group must contain items"},
    {SCRIPT("{'linkId':'g','type':'group','required':true,'item':[" BOOLQ("a") "]}"),
     "item 'g': required on a group is not supported"},
    {SCRIPT("{'linkId':'d','type':'display','item':[" BOOLQ("a") "]}"),
     "item 'd': a display item cannot contain items"},
    {SCRIPT("{'linkId':'d','type':'display','required':true}"),
     "item 'd': a display item cannot be required"},
    /* options, defaults, limits */
    {SCRIPT("{'linkId':'c','type':'choice'}"), "item 'c': a choice item needs answerOption"},
    {SCRIPT("{'linkId':'c','type':'choice','answerOption':[]}"), "a choice item needs answerOption"},
    {SCRIPT("{'linkId':'s','type':'string','answerOption':[{'valueString':'x'}]}"),
     "item 's': answerOption is only supported on choice items"},
    {SCRIPT("{'linkId':'c','type':'choice','answerOption':[{'valueDate':'2026-01-01'}]}"),
     "item 'c': answerOption[0]: 'valueDate' is not supported"},
    {SCRIPT("{'linkId':'c','type':'choice','answerOption':[{'initialSelected':true}]}"),
     "item 'c': answerOption[0] has no value"},
    {SCRIPT("{'linkId':'c','type':'choice','answerOption':[{'valueCoding':{'display':'x'}}]}"),
     "item 'c': answerOption[0]: valueCoding is malformed"},
    {SCRIPT("{'linkId':'c','type':'choice','answerOption':[{'valueString':'x'},{'valueInteger':1}]}"),
     "item 'c': answerOption[1]: all options must have the same value type"},
    {SCRIPT("{'linkId':'c','type':'choice','answerOption':[{'valueString':'x'},{'valueString':'x'}]}"),
     "item 'c': answerOption[1] repeats answerOption[0]"},
    {SCRIPT("{'linkId':'c','type':'choice','answerOption':[{'valueString':'x','initialSelected':true},"
            "{'valueString':'y','initialSelected':true}]}"),
     "more than one answerOption has initialSelected"},
    {SCRIPT("{'linkId':'c','type':'choice','answerOption':[{'valueString':'x'}],"
            "'initial':[{'valueString':'y'}]}"),
     "item 'c': initial is not one of the answerOption values"},
    {SCRIPT("{'linkId':'a','type':'integer','initial':[{'valueString':'y'}]}"),
     "item 'a': initial: valueString does not fit; integer items need valueInteger"},
    {SCRIPT("{'linkId':'a','type':'integer','initial':[{'valueInteger':1},{'valueInteger':2}]}"),
     "item 'a': initial must hold exactly one value"},
    {SCRIPT("{'linkId':'d','type':'display','initial':[{'valueString':'y'}]}"),
     "item 'd': initial must hold exactly one value, on a question"},
    {SCRIPT("{'linkId':'a','type':'integer','maxLength':3}"),
     "item 'a': maxLength and minLength apply to string and text items only"},
    {SCRIPT("{'linkId':'a','type':'string','maxLength':0}"), "must be whole numbers above zero"},
    {SCRIPT("{'linkId':'a','type':'string','maxLength':2,'extension':[{'url':"
            "'http://hl7.org/fhir/StructureDefinition/minLength','valueInteger':3}]}"),
     "item 'a': minLength is above maxLength"},
    {SCRIPT("{'linkId':'a','type':'string','extension':[{'url':"
            "'http://hl7.org/fhir/StructureDefinition/minValue','valueInteger':3}]}"),
     "item 'a': minValue and maxValue apply to number, date and time items only"},
    {SCRIPT("{'linkId':'a','type':'integer','extension':["
            "{'url':'http://hl7.org/fhir/StructureDefinition/minValue','valueInteger':3},"
            "{'url':'http://hl7.org/fhir/StructureDefinition/maxValue','valueInteger':2}]}"),
     "item 'a': minValue is above maxValue"},
    {SCRIPT("{'linkId':'a','type':'date','extension':["
            "{'url':'http://hl7.org/fhir/StructureDefinition/minValue','valueDate':'01/01/2000'}]}"),
     "item 'a': minValue: valueDate is malformed"},
    /* logic carried by extensions */
    {SCRIPT("{'linkId':'a','type':'boolean'," EXT("sdc-questionnaire-enableWhenExpression") "}"),
     "item 'a': extension 'sdc-questionnaire-enableWhenExpression' is not supported"},
    {SCRIPT("{'linkId':'a','type':'integer'," EXT("sdc-questionnaire-calculatedExpression") "}"),
     "item 'a': extension 'sdc-questionnaire-calculatedExpression' is not supported"},
    {SCRIPT("{'linkId':'a','type':'choice','answerOption':[{'valueString':'x'}],"
            EXT("sdc-questionnaire-answerExpression") "}"),
     "extension 'sdc-questionnaire-answerExpression' is not supported"},
    {SCRIPT("{'linkId':'a','type':'string'," EXT("sdc-questionnaire-initialExpression") "}"),
     "extension 'sdc-questionnaire-initialExpression' is not supported"},
    {SCRIPT("{'linkId':'a','type':'string'," EXT("sdc-questionnaire-candidateExpression") "}"),
     "extension 'sdc-questionnaire-candidateExpression' is not supported"},
    {SCRIPT("{'linkId':'a','type':'string'," EXT("variable") "}"),
     "item 'a': extension 'variable' is not supported"},
    {SCRIPT("{'linkId':'a','type':'string','extension':[{'url':"
            "'http://hl7.org/fhir/StructureDefinition/questionnaire-hidden','valueBoolean':true}]}"),
     "item 'a': extension 'questionnaire-hidden' is not supported: hidden items"},
    {SCRIPT("{'linkId':'a','type':'string','extension':[{'url':"
            "'http://hl7.org/fhir/StructureDefinition/regex','valueString':'[0-9]+'}]}"),
     "item 'a': extension 'regex' is not supported"},
    {SCRIPT("{'linkId':'a','type':'string','modifierExtension':[{'url':'http://x/must-know'}]}"),
     "item 'a': modifierExtension 'must-know' is not supported"},
    {SCRIPT("{'linkId':'a','type':'string','_text':{'extension':[{'url':"
            "'http://hl7.org/fhir/StructureDefinition/cqf-expression','valueExpression':{}}]}}"),
     "item 'a': extension 'cqf-expression' on _text is not supported"},
    {SCRIPT("{'linkId':'c','type':'choice','answerOption':[{'valueString':'x','modifierExtension':"
            "[{'url':'http://x/m'}]}]}"),
     "item 'c': modifierExtension 'm' on answerOption[0] is not supported"},
    {SCRIPT("{'linkId':'a','type':'string','extension':{}}"), "item 'a': extension must be an array"},
    /* enableWhen */
    {SCRIPT(BOOLQ("a") ",{'linkId':'b','type':'string'," EW1("zz", "=", "'answerBoolean':true") "}"),
     "item 'b': enableWhen[0] refers to 'zz', which is not in this questionnaire"},
    {SCRIPT("{'linkId':'g','type':'group','item':[" BOOLQ("a") "]},"
            "{'linkId':'b','type':'string'," EW1("g", "exists", "'answerBoolean':true") "}"),
     "item 'b': enableWhen[0] refers to 'g', a group item, which has no answer"},
    {SCRIPT("{'linkId':'d','type':'display','text':'x'},"
            "{'linkId':'b','type':'string'," EW1("d", "exists", "'answerBoolean':true") "}"),
     "enableWhen[0] refers to 'd', a display item, which has no answer"},
    {SCRIPT(BOOLQ("a") ",{'linkId':'b','type':'string','enableWhen':[{'operator':'exists',"
            "'answerBoolean':true}]}"), "item 'b': enableWhen[0] has no question"},
    {SCRIPT(BOOLQ("a") ",{'linkId':'b','type':'string'," EW1("a", "like", "'answerBoolean':true") "}"),
     "item 'b': enableWhen[0]: operator 'like' is not one of exists, =, !=, <, >, <=, >="},
    {SCRIPT(BOOLQ("a") ",{'linkId':'b','type':'string','enableWhen':[{'question':'a',"
            "'operator':'='}]}"), "item 'b': enableWhen[0]: missing answer[x]"},
    {SCRIPT(BOOLQ("a") ",{'linkId':'b','type':'string'," EW1("a", "=", "'answerString':'yes'") "}"),
     "item 'b': enableWhen[0]: answerString does not fit 'a' (a boolean question); use "
     "answerBoolean"},
    {SCRIPT(BOOLQ("a") ",{'linkId':'b','type':'string'," EW1("a", "<", "'answerBoolean':true") "}"),
     "item 'b': enableWhen[0]: operator '<' cannot be used with boolean answers"},
    {SCRIPT(CHOICE_C ",{'linkId':'b','type':'string'," EW1("c", ">=", "'answerCoding':{'code':'x'}")
            "}"), "enableWhen[0]: operator '>=' cannot be used with coded answers"},
    {SCRIPT("{'linkId':'s','type':'string'},{'linkId':'b','type':'string',"
            EW1("s", ">", "'answerString':'m'") "}"),
     "enableWhen[0]: operator '>' cannot be used with text answers"},
    {SCRIPT(BOOLQ("a") ",{'linkId':'b','type':'string'," EW1("a", "exists", "'answerString':'x'") "}"),
     "item 'b': enableWhen[0]: operator 'exists' takes answerBoolean"},
    {SCRIPT(CHOICE_C ",{'linkId':'b','type':'string'," EW1("c", "=", "'answerCoding':{'code':'Q'}")
            "}"), "item 'b': enableWhen[0]: 'Q' is not one of the answer options of 'c'"},
    {SCRIPT("{'linkId':'n','type':'integer'},{'linkId':'b','type':'string',"
            EW1("n", "=", "'answerQuantity':{'value':1}") "}"),
     "item 'b': enableWhen[0]: this answer type is not supported"},
    {SCRIPT("{'linkId':'n','type':'date'},{'linkId':'b','type':'string',"
            EW1("n", "<", "'answerDate':'2026-02-30'") "}"),
     "item 'b': enableWhen[0]: answer is malformed"},
    {SCRIPT(BOOLQ("a") ",{'linkId':'b','type':'string','enableWhen':[{'question':'a',"
            "'operator':'=','answerBoolean':true,'answerFoo':1}]}"),
     "enableWhen[0]: this answer type is not supported"},
    {SCRIPT(BOOLQ("a") ",{'linkId':'b','type':'string','enableWhen':[{'question':'a',"
            "'operator':'=','answerBoolean':true,'weight':1}]}"),
     "item 'b': enableWhen[0]: unknown property 'weight'"},
    {SCRIPT(BOOLQ("a") ",{'linkId':'b','type':'string','enableWhen':[]}"),
     "item 'b': enableWhen must be a non-empty array"},
    {SCRIPT(BOOLQ("a") "," BOOLQ("c") ",{'linkId':'b','type':'string','enableWhen':["
            "{'question':'a','operator':'exists','answerBoolean':true},"
            "{'question':'c','operator':'exists','answerBoolean':true}]}"),
     "item 'b': enableBehavior (all or any) is required when there is more than one enableWhen"},
    {SCRIPT(BOOLQ("a") ",{'linkId':'b','type':'string','enableBehavior':'some',"
            EW1("a", "exists", "'answerBoolean':true") "}"),
     "item 'b': enableBehavior must be 'all' or 'any'"},
    /* cycles */
    {SCRIPT("{'linkId':'a','type':'boolean'," EW1("a", "exists", "'answerBoolean':false") "}"),
     "item 'a': enableWhen cycle: 'a' is enabled by 'a'"},
    {SCRIPT("{'linkId':'a','type':'boolean'," EW1("b", "=", "'answerBoolean':true") "},"
            "{'linkId':'b','type':'boolean'," EW1("a", "=", "'answerBoolean':true") "}"),
     "item 'a': enableWhen cycle: 'a' is enabled by 'b', 'b' is enabled by 'a'"},
    {SCRIPT("{'linkId':'a','type':'boolean'," EW1("c", "=", "'answerBoolean':true") "},"
            "{'linkId':'b','type':'boolean'," EW1("a", "=", "'answerBoolean':true") "},"
            "{'linkId':'c','type':'boolean'," EW1("b", "=", "'answerBoolean':true") "}"),
     "enableWhen cycle: 'a' is enabled by 'c', 'c' is enabled by 'b', 'b' is enabled by 'a'"},
    {SCRIPT("{'linkId':'g','type':'group'," EW1("q", "=", "'answerBoolean':true") ",'item':["
            BOOLQ("q") "]}"),
     "item 'g': enableWhen cycle: 'g' is enabled by 'q', 'q' is inside 'g'"},
    {SCRIPT("{'linkId':'p','type':'boolean'," EW1("k", "exists", "'answerBoolean':true") ",'item':["
            "{'linkId':'g','type':'group','item':[" BOOLQ("k") "]}]}"),
     "item 'p': enableWhen cycle: 'p' is enabled by 'k', 'k' is inside 'g', 'g' is inside 'p'"},
    /* outcomes */
    {SCRIPT(OUTCOME(OC("escalate") "," WRAP)),
     "item 'o': outcome 'escalate' is not one of resolve, signpost, case, transfer, callback, "
     "safeguarding"},
    {SCRIPT(OUTCOME(OC("resolve"))),
     "item 'o': outcome 'resolve' has no next step: add a urn:frontdoor:wrap code"},
    {SCRIPT(OUTCOME(OC("case") "," WRAP)),
     "item 'o': outcome 'case' has no next step: add a urn:frontdoor:service code"},
    {SCRIPT(OUTCOME(OC("signpost") "," WRAP)),
     "item 'o': outcome 'signpost' has no next step: give the text to read out, and a "
     "urn:frontdoor:kb article"},
    {SCRIPT("{'linkId':'o','type':'display','code':[" OC("signpost") "," WRAP "," KB "]}"),
     "outcome 'signpost' has no next step"},
    {SCRIPT("{'linkId':'o','type':'display','code':[" OC("resolve") "," WRAP "]}"),
     "outcome 'resolve' has no next step: give the information as text or a urn:frontdoor:kb"},
    {SCRIPT("{'linkId':'o','type':'display','code':[" OC("transfer") "," WRAP "]}"),
     "outcome 'transfer' has no next step: say in the text where to transfer the call"},
    {SCRIPT("{'linkId':'o','type':'display','code':[" OC("callback") "," WRAP "]}"),
     "outcome 'callback' has no next step"},
    {SCRIPT("{'linkId':'o','type':'display','text':'','code':[" OC("safeguarding") "," WRAP
            "," KB "]}"),
     "outcome 'safeguarding' has no next step: give the safeguarding procedure"},
    {SCRIPT(OUTCOME(OC("case") "," OC("resolve") "," WRAP "," SVC)),
     "item 'o': has more than one urn:frontdoor:outcome code"},
    {SCRIPT(OUTCOME(WRAP "," SVC)),
     "item 'o': has urn:frontdoor: codes but no urn:frontdoor:outcome code"},
    {SCRIPT(OUTCOME(OC("case") "," WRAP "," WRAP "," SVC)),
     "item 'o': an outcome has at most one service and one wrap code"},
    {SCRIPT(OUTCOME(OC("resolve") "," WRAP ",{'system':'urn:frontdoor:team','code':'t'}")),
     "item 'o': unknown code system 'urn:frontdoor:team'"},
    {SCRIPT(OUTCOME(OC("resolve") "," WRAP ",{'system':'urn:frontdoor:kb'}")),
     "item 'o': a urn:frontdoor:kb coding has no code"},
    {SCRIPT("{'linkId':'o','type':'boolean','code':[" OC("resolve") "," WRAP "]}"),
     "item 'o': urn:frontdoor: codes are only allowed on display items"},
    {SCRIPT("{'linkId':'o','type':'display','text':'x','code':{}}"),
     "item 'o': code must be an array of codings"},
};

static void test_refusals(void **state)
{
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
        Diag d = DIAG_INIT;
        Questionnaire *q = load_str(refusals[i].json, &d);
        if (q || !diag_has(&d, refusals[i].message)) {
            fprintf(stderr, "refusal %zu: expected \"%s\"\n", i, refusals[i].message);
            diag_print(&d);
        }
        assert_null(q);
        assert_true(diag_has(&d, refusals[i].message));
        for (size_t k = 0; k < d.count; k++)
            assert_int_equal(strncmp(d.lines[k], "test.json:", 10), 0);
        Diag_free(&d);
    }
}

/* Every problem is reported in one pass, not one per attempt. */
static void test_all_problems_at_once(void **state)
{
    Diag d = DIAG_INIT;
    assert_null(load_str(SCRIPT("{'linkId':'a','type':'boolean','repeats':true},"
                                "{'linkId':'a','type':'string'},"
                                "{'linkId':'c','type':'choice'},"
                                "{'linkId':'b','type':'string',"
                                EW1("zz", "=", "'answerBoolean':true") "}," OUTCOME(OC("case"))),
                         &d));
    assert_true(diag_has(&d, "item 'a': repeats is not supported"));
    assert_true(diag_has(&d, "item 'a': duplicate linkId"));
    assert_true(diag_has(&d, "item 'c': a choice item needs answerOption"));
    assert_true(diag_has(&d, "item 'b': enableWhen[0] refers to 'zz'"));
    assert_true(diag_has(&d, "item 'o': outcome 'case' has no next step"));
    Diag_free(&d);
}

static void test_limits(void **state)
{
    /* 25 nested groups is past QITEM_MAX_DEPTH. */
    Buf b = BUF_INIT;
    Buf_puts(&b, "{'resourceType':'Questionnaire','item':[");
    for (int i = 0; i < 25; i++)
        Buf_printf(&b, "{'linkId':'g%d','type':'group','item':[", i);
    Buf_puts(&b, "{'linkId':'a','type':'boolean'}");
    for (int i = 0; i < 25; i++)
        Buf_puts(&b, "]}");
    Buf_puts(&b, "]}");
    Diag d = DIAG_INIT;
    assert_null(load_str(b.data, &d));
    assert_true(diag_has(&d, "nested at most 20 deep"));
    Diag_free(&d);
    Buf_free(&b);
    /* Deeper JSON than any script needs is refused before parsing. */
    Buf_puts(&b, "{'resourceType':'Questionnaire','x':");
    for (int i = 0; i < 100; i++)
        Buf_puts(&b, "[");
    for (int i = 0; i < 100; i++)
        Buf_puts(&b, "]");
    Buf_puts(&b, "}");
    assert_null(load_str(b.data, &d));
    assert_true(diag_has(&d, "test.json: JSON nested more than 64 deep"));
    Diag_free(&d);
    Buf_free(&b);
    /* Duplicate JSON keys are ambiguous; jansson refuses them. */
    assert_null(load_str(SCRIPT("{'linkId':'a','linkId':'b','type':'boolean'}"), &d));
    assert_true(diag_has(&d, "not valid JSON"));
    Diag_free(&d);
}

/* The parsed tree is a private copy: changing the caller's JSON later
 * changes nothing. */
static void test_from_json_copies(void **state)
{
    char *text = sq(SCRIPT("{'linkId':'a','type':'boolean','text':'Asked?'}"));
    json_t *root = json_loads(text, 0, NULL);
    Diag d = DIAG_INIT;
    Questionnaire *q = Questionnaire_from_json(root, NULL, &d);
    assert_non_null(q);
    json_object_set_new(json_array_get(json_object_get(root, "item"), 0), "text",
                        json_string("Changed"));
    json_decref(root);
    assert_string_equal(QItem_text(Questionnaire_find(q, "a")), "Asked?");
    Questionnaire_free(q);
    free(text);
    assert_null(Questionnaire_from_json(NULL, NULL, &d));
    assert_true(diag_has(&d, "questionnaire: questionnaire: is not a JSON object"));
    Diag_free(&d);
}

static void test_outcome_names(void **state)
{
    static const char *const names[] = {"resolve", "signpost", "case", "transfer", "callback",
                                        "safeguarding"};
    for (int k = OUTCOME_RESOLVE; k <= OUTCOME_SAFEGUARDING; k++) {
        assert_string_equal(Outcome_kind_name((OutcomeKind)k), names[k - 1]);
        assert_int_equal(Outcome_kind_by_name(names[k - 1]), k);
    }
    assert_int_equal(Outcome_kind_by_name("Resolve"), OUTCOME_NONE);
    assert_int_equal(Outcome_kind_by_name(NULL), OUTCOME_NONE);
    /* Each kind loads when its next step is there. */
    static const char *const good[] = {
        SCRIPT("{'linkId':'o','type':'display','code':[" OC("resolve") "," WRAP "," KB "]}"),
        SCRIPT(OUTCOME(OC("resolve") "," WRAP)),
        SCRIPT(OUTCOME(OC("signpost") "," WRAP "," SVC)),
        SCRIPT("{'linkId':'o','type':'display','text':'Go to https://x.example','code':["
               OC("signpost") "," WRAP "]}"),
        SCRIPT("{'linkId':'o','type':'display','code':[" OC("case") "," WRAP "," SVC "]}"),
        SCRIPT(OUTCOME(OC("transfer") "," WRAP)),
        SCRIPT(OUTCOME(OC("callback") "," WRAP)),
        SCRIPT(OUTCOME(OC("safeguarding") "," WRAP)),
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        Questionnaire *q = must_load_str(good[i]);
        assert_non_null(q);
        assert_non_null(QItem_outcome(Questionnaire_find(q, "o")));
        Questionnaire_free(q);
    }
}

/* The worked example in frontdoor-scripts(5) is a fixture, and it runs. */
static void test_man_page_example(void **state)
{
    Buf man = BUF_INIT, fix = BUF_INIT, ex = BUF_INIT;
    assert_int_equal(Buf_read_file(&man, "man/frontdoor-scripts.5"), 0);
    assert_int_equal(Buf_read_file(&fix, FIXTURES "scripts/noise.json"), 0);
    const char *start = strstr(man.data, ".SH EXAMPLE");
    assert_non_null(start);
    start = strstr(start, ".nf\n") + 4;
    const char *end = strstr(start, ".fi\n");
    for (const char *p = start; p < end; p++) {
        if (p[0] == '\\' && (p[1] == '-' || p[1] == 'e'))
            Buf_putc(&ex, *++p == '-' ? '-' : '\\');
        else
            Buf_putc(&ex, *p);
    }
    assert_string_equal(ex.data, fix.data);
    Buf_free(&man);
    Buf_free(&ex);
    Buf_free(&fix);

    Questionnaire *q = must_load_file(FIXTURES "scripts/noise.json");
    assert_non_null(q);
    Triage *t = Triage_new(q);
    assert_int_equal(Triage_acknowledge(t), TRIAGE_OK);
    assert_int_equal(Triage_answer_input(t, "no", 0), TRIAGE_OK);
    assert_int_equal(Triage_answer_input(t, "A home", 0), TRIAGE_OK);
    assert_int_equal(Triage_answer_input(t, "23:30", 0), TRIAGE_OK);
    assert_string_equal(QItem_link_id(Triage_current(t)), "nights");
    assert_int_equal(Triage_answer_input(t, "4", 0), TRIAGE_OK);
    assert_string_equal(Triage_outcome(t)->service, "noise-nuisance");
    assert_int_equal(Triage_back_to(t, "started"), TRIAGE_OK);
    assert_int_equal(Triage_answer_input(t, "19:00", 0), TRIAGE_OK);
    assert_false(Triage_is_enabled(t, "nights"));
    assert_int_equal(Triage_outcome(t)->kind, OUTCOME_CASE);
    assert_int_equal(Triage_back_to(t, "source"), TRIAGE_OK);
    assert_int_equal(Triage_answer_input(t, "3", 0), TRIAGE_OK);
    assert_int_equal(Triage_outcome(t)->kind, OUTCOME_SIGNPOST);
    assert_int_equal(Triage_back_to(t, "threat"), TRIAGE_OK);
    assert_int_equal(Triage_answer_input(t, "yes", 0), TRIAGE_OK);
    assert_true(Triage_outcome_requires_confirmation(t));
    Triage_free(t);
    Questionnaire_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missed_bin_loads),
        cmocka_unit_test(test_all_types_load),
        cmocka_unit_test(test_third_party_fixtures),
        cmocka_unit_test(test_third_party_originals),
        cmocka_unit_test(test_presentation_is_ignored),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_all_problems_at_once),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_from_json_copies),
        cmocka_unit_test(test_outcome_names),
        cmocka_unit_test(test_man_page_example),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
