/* The outbox over its journal, without a network (no token: nothing is
 * sent): backoff arithmetic, entries surviving a restart, resubmit and
 * discard records, a torn last record, a second instance's journal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client/outbox/journal.h"
#include "client/outbox/outbox.h"

static char dir[256];
static const char server[] = "http://127.0.0.1:9/";

static int setup(void **state)
{
    snprintf(dir, sizeof dir, "/tmp/fd-outbox-test-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return 0;
}

static int teardown(void **state)
{
    Outbox_close();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* The one journal file in <dir>/outbox. */
static void journal_path(char *out, size_t cap)
{
    char sub[280];
    snprintf(sub, sizeof sub, "%s/outbox", dir);
    DIR *d = opendir(sub);
    assert_non_null(d);
    struct dirent *e;
    out[0] = '\0';
    while ((e = readdir(d)))
        if (strstr(e->d_name, ".journal") && !strstr(e->d_name, ".damaged"))
            snprintf(out, cap, "%.280s/%.100s", sub, e->d_name);
    closedir(d);
    assert_true(out[0] != '\0');
}

static void test_backoff(void **state)
{
    /* equal jitter: between half and all of 1 s, 2 s, 4 s ... capped at 60 s */
    assert_int_equal(Outbox_backoff_ms(1, 60000, 0), 500);
    assert_int_equal(Outbox_backoff_ms(1, 60000, 500), 1000);
    assert_int_equal(Outbox_backoff_ms(2, 60000, 0), 1000);
    assert_int_equal(Outbox_backoff_ms(3, 60000, 0), 2000);
    assert_int_equal(Outbox_backoff_ms(7, 60000, 0), 30000);
    assert_int_equal(Outbox_backoff_ms(8, 60000, 0), 30000);   /* 64 s capped to 60 */
    assert_int_equal(Outbox_backoff_ms(50, 60000, 0), 30000);  /* no overflow */
    for (unsigned r = 0; r < 100000; r += 977) {
        long long d = Outbox_backoff_ms(8, 60000, r * 2654435761u);
        assert_true(d >= 30000 && d <= 60000);
    }
    assert_int_equal(Outbox_backoff_ms(0, 60000, 0), 500);
    assert_int_equal(Outbox_backoff_ms(3, 2000, 0), 1000);
}

static json_t *contact(int n)
{
    return json_pack("{s:s, s:s, s:i}", "channel", "phone", "wrap_code", "bins-missed", "n", n);
}

static void test_survives_restart(void **state)
{
    assert_int_equal(Outbox_open(dir, server, "advisor"), 0);
    assert_int_equal((int)Outbox_count(), 0);
    char id[3][OUTBOX_ID_LEN];
    for (int i = 0; i < 3; i++) {
        json_t *b = contact(i);
        assert_int_equal(Outbox_submit("contact", "POST", "/api/v1/contacts", NULL, b,
                                       "Contact for Ms O'Brien", id[i]), 0);
        json_decref(b);
    }
    assert_int_equal((int)Outbox_count(), 3);
    assert_int_equal((int)Outbox_count_state(OUTBOX_WAITING), 3);
    char status[200];
    Outbox_status(status, sizeof status);
    assert_string_equal(status, "3 waiting to send");
    assert_int_equal(Outbox_discard(id[1]), 0);
    Outbox_close();

    char path[400];
    journal_path(path, sizeof path);
    struct stat st;
    stat(path, &st);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(Outbox_open(dir, server, "advisor"), 0);
    assert_int_equal((int)Outbox_count(), 2);
    const OutboxEntry *e = Outbox_entry(0);
    assert_string_equal(e->id, id[0]);
    assert_string_equal(e->kind, "contact");
    assert_string_equal(e->label, "Contact for Ms O'Brien");
    assert_int_equal(strlen(e->key), 64);
    assert_int_equal(json_integer_value(json_object_get(e->body, "n")), 0);
    assert_string_equal(Outbox_entry(1)->id, id[2]);
    assert_non_null(strstr(Outbox_notice(), "2 records from your last session"));
    /* another user on the same server has a journal of their own */
    Outbox_close();
    assert_int_equal(Outbox_open(dir, server, "backoffice"), 0);
    assert_int_equal((int)Outbox_count(), 0);
    Outbox_close();
}

/* The screen pop's call_id rides in the journalled body, so a contact
 * recorded offline still carries its call after a restart (a journal
 * from before call_id loads as ever: test_survives_restart). */
static void test_call_id_survives_restart(void **state)
{
    (void)state;
    char id[OUTBOX_ID_LEN];
    assert_int_equal(Outbox_open(dir, server, "caller"), 0);
    json_t *b = json_pack("{s:s, s:s, s:s}", "channel", "phone", "wrap_code", "bins-missed", "call_id", "17");
    assert_int_equal(Outbox_submit("contact", "POST", "/api/v1/contacts", NULL, b, "Contact", id), 0);
    json_decref(b);
    Outbox_close();
    assert_int_equal(Outbox_open(dir, server, "caller"), 0);
    const OutboxEntry *e = Outbox_find(id);
    assert_non_null(e);
    assert_string_equal(json_string_value(json_object_get(e->body, "call_id")), "17");
    assert_int_equal(Outbox_discard(id), 0);
    Outbox_close();
}

static void test_torn_record_reported(void **state)
{
    assert_int_equal(Outbox_open(dir, server, "advisor"), 0);
    int before = (int)Outbox_count();
    char kept[64];
    snprintf(kept, sizeof kept, "%d unsent records kept", before + 3);
    for (int i = 0; i < 4; i++) {
        json_t *b = contact(i);
        Outbox_submit("contact", "POST", "/api/v1/contacts", NULL, b, "Contact", NULL);
        json_decref(b);
    }
    Outbox_close();
    char path[400], side[500];
    journal_path(path, sizeof path);
    struct stat st;
    stat(path, &st);
    assert_int_equal(truncate(path, st.st_size - 30), 0);
    assert_int_equal(Outbox_open(dir, server, "advisor"), 0);
    assert_int_equal((int)Outbox_count(), before + 3);
    assert_non_null(strstr(Outbox_notice(), "1 damaged record"));
    assert_non_null(strstr(Outbox_notice(), kept));
    snprintf(side, sizeof side, "%s.damaged", path);
    stat(side, &st);
    assert_true(st.st_size > 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    Outbox_close();
    /* compaction on open removed the torn tail: the next start is clean */
    assert_int_equal(Outbox_open(dir, server, "advisor"), 0);
    assert_int_equal((int)Outbox_count(), before + 3);
    assert_null(strstr(Outbox_notice(), "damaged"));
    Outbox_close();
}

static void test_second_instance_adopted(void **state)
{
    assert_int_equal(Outbox_open(dir, server, "advisor"), 0);
    size_t before = Outbox_count();
    /* a second client of the same user: the first journal is locked, so
     * it writes to a sibling... */
    char first[400];
    journal_path(first, sizeof first);
    Journal *held = Journal_open(first, NULL, NULL, NULL, NULL);
    assert_null(held);  /* locked by this process's outbox (flock is per open file) */
    Outbox_close();
    held = Journal_open(first, NULL, NULL, NULL, NULL);
    assert_non_null(held);
    assert_int_equal(Outbox_open(dir, server, "advisor"), 0);
    assert_int_equal((int)Outbox_count(), 0);
    json_t *b = contact(99);
    Outbox_submit("contact", "POST", "/api/v1/contacts", NULL, b, "Contact", NULL);
    json_decref(b);
    Outbox_close();
    Journal_close(held);
    /* ...and the next start takes that sibling's entries over */
    assert_int_equal(Outbox_open(dir, server, "advisor"), 0);
    assert_int_equal((int)Outbox_count(), before + 1);
    Outbox_close();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backoff),
        cmocka_unit_test(test_survives_restart),
        cmocka_unit_test(test_call_id_survives_restart),
        cmocka_unit_test(test_torn_record_reported),
        cmocka_unit_test(test_second_instance_adopted),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
