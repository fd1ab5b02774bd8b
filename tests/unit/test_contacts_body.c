/* api/contacts: the contact's wire body carries the screen pop's call
 * (call_id) when it answered one, and a contact refused for its call_id
 * alone is sent again without it (anything else wrong: the advisor
 * corrects it in the outbox). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <time.h>

#include "client/api/contacts.h"
#include "common/timefmt.h"

/* A five-minute phone contact that ended now (the times a real one has;
 * nothing here depends on the day). */
static ContactDraft draft(const char *call_id)
{
    static char started[TIMEFMT_LEN], ended[TIMEFMT_LEN];
    time_t now = time(NULL);
    Timefmt_utc(now - 300, started);
    Timefmt_utc(now, ended);
    return (ContactDraft){.channel = "phone", .started_at = started, .ended_at = ended,
                          .wrap_code = "ctax_payment", .outcome = "resolved", .avoidable = -1,
                          .call_id = call_id};
}

static void test_body_carries_the_call(void **state)
{
    (void)state;
    ContactDraft d = draft("17");
    json_t *b = ApiContacts_body(&d);
    assert_string_equal(json_string_value(json_object_get(b, "call_id")), "17");
    assert_string_equal(json_string_value(json_object_get(b, "channel")), "phone");
    json_decref(b);
}

static void test_no_call_no_field(void **state)
{
    (void)state;
    ContactDraft d = draft(NULL), e = draft("");
    json_t *b = ApiContacts_body(&d), *c = ApiContacts_body(&e);
    assert_null(json_object_get(b, "call_id"));
    assert_null(json_object_get(c, "call_id"));
    json_decref(b);
    json_decref(c);
}

static json_t *refused(const char *errors)
{
    json_t *p = json_pack("{s:s, s:o}", "title", "The request has invalid fields", "errors",
                          json_loads(errors, 0, NULL));
    assert_non_null(p);
    return p;
}

static void test_refused_for_the_call_alone_drops_it(void **state)
{
    (void)state;
    ContactDraft d = draft("17");
    json_t *b = ApiContacts_body(&d);
    json_t *p = refused("[{\"field\": \"call_id\", \"message\": \"This call was never answered\"}]");
    json_t *again = ApiContacts_without_call(b, p);
    assert_non_null(again);
    assert_null(json_object_get(again, "call_id"));
    assert_string_equal(json_string_value(json_object_get(again, "wrap_code")), "ctax_payment");
    assert_non_null(json_object_get(b, "call_id"));   /* the journalled body is not touched */
    json_decref(again);
    json_decref(p);
    json_decref(b);
}

static void test_refused_for_more_is_left_to_the_advisor(void **state)
{
    (void)state;
    ContactDraft d = draft("17"), none = draft(NULL);
    json_t *b = ApiContacts_body(&d), *nb = ApiContacts_body(&none);
    json_t *both = refused("[{\"field\": \"call_id\", \"message\": \"x\"}, "
                           "{\"field\": \"wrap_code\", \"message\": \"y\"}]");
    json_t *other = refused("[{\"field\": \"wrap_code\", \"message\": \"y\"}]");
    json_t *bare = json_pack("{s:s}", "detail", "Bad request");
    assert_null(ApiContacts_without_call(b, both));
    assert_null(ApiContacts_without_call(b, other));
    assert_null(ApiContacts_without_call(b, bare));    /* no field errors: not ours to guess */
    assert_null(ApiContacts_without_call(nb, other));  /* no call to drop */
    json_decref(both);
    json_decref(other);
    json_decref(bare);
    json_decref(b);
    json_decref(nb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_body_carries_the_call),
        cmocka_unit_test(test_no_call_no_field),
        cmocka_unit_test(test_refused_for_the_call_alone_drops_it),
        cmocka_unit_test(test_refused_for_more_is_left_to_the_advisor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
