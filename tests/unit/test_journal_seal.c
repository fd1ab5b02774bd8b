/* The outbox journal sealed at rest (issue 9.6): ChaCha20-Poly1305
 * records inside the usual framing; no plaintext on disk; the wrong or a
 * missing key leaves records sealed (counted, never passed on, never
 * called damaged); a changed byte is damage; a torn sealed record is
 * recovered like a plain one; plain records from before still load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client/outbox/journal.h"
#include "client/outbox/seal.h"
#include "common/buf.h"

static char dir[256];
static unsigned char key[SEAL_KEY_LEN], other[SEAL_KEY_LEN];

static int setup(void **state)
{
    snprintf(dir, sizeof dir, "/tmp/fd-seal-test-XXXXXX");
    assert_non_null(mkdtemp(dir));
    assert_int_equal(Seal_new_key(key), 0);
    assert_int_equal(Seal_new_key(other), 0);
    return 0;
}

static int teardown(void **state)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

typedef struct Seen {
    int n;
    char last[200];
} Seen;

static void collect(void *ctx, const json_t *rec)
{
    Seen *s = ctx;
    s->n++;
    const char *addr = json_string_value(json_object_get(json_object_get(rec, "body"), "line1"));
    snprintf(s->last, sizeof s->last, "%s", addr ? addr : "");
}

static json_t *put(int i)
{
    char id[16];
    snprintf(id, sizeof id, "id%d", i);
    return json_pack("{s:s, s:s, s:{s:s}}", "op", "put", "id", id, "body", "line1",
                     "12 Quillfeather Lane");
}

static void write_journal(const char *path, const unsigned char *k, int n)
{
    Journal *j = Journal_open_keyed(path, k, NULL, NULL, NULL, NULL);
    assert_non_null(j);
    for (int i = 0; i < n; i++) {
        json_t *r = put(i);
        assert_int_equal(Journal_append(j, r), 0);
        json_decref(r);
    }
    Journal_close(j);
}

static void read_file(const char *path, Buf *b)
{
    Buf_reset(b);
    assert_int_equal(Buf_read_file(b, path), 0);
}

static void test_key_hex_round_trip(void **state)
{
    char hex[2 * SEAL_KEY_LEN + 1];
    unsigned char back[SEAL_KEY_LEN];
    Seal_key_to_hex(key, hex);
    assert_int_equal(strlen(hex), 64);
    assert_int_equal(Seal_key_from_hex(hex, back), 0);
    assert_memory_equal(back, key, SEAL_KEY_LEN);
    assert_int_equal(Seal_key_from_hex("abc", back), -1);
    hex[3] = 'z';
    assert_int_equal(Seal_key_from_hex(hex, back), -1);
}

static void test_sealed_on_disk_and_read_back(void **state)
{
    char path[300];
    snprintf(path, sizeof path, "%s/a.journal", dir);
    write_journal(path, key, 3);
    Buf b = BUF_INIT;
    read_file(path, &b);
    assert_null(strstr(b.data, "Quillfeather"));
    assert_non_null(strstr(b.data, "\"sealed\""));
    assert_non_null(strstr(b.data, "\"op\":\"put\""));   /* counted without the key */
    Seen s = {0};
    JournalDamage d;
    Journal *j = Journal_open_keyed(path, key, collect, &s, &d, NULL);
    assert_non_null(j);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.last, "12 Quillfeather Lane");
    assert_int_equal(d.damaged, 0);
    assert_int_equal(d.sealed, 0);
    /* compaction keeps it sealed */
    json_t *r = put(9);
    assert_int_equal(Journal_rewrite(j, &r, 1), 0);
    json_decref(r);
    Journal_close(j);
    read_file(path, &b);
    assert_null(strstr(b.data, "Quillfeather"));
    Buf_free(&b);
}

static void test_missing_or_wrong_key_is_sealed_not_damaged(void **state)
{
    char path[300];
    snprintf(path, sizeof path, "%s/b.journal", dir);
    write_journal(path, key, 2);
    const unsigned char *keys[] = {NULL, other};
    for (int i = 0; i < 2; i++) {
        Seen s = {0};
        JournalDamage d;
        Journal *j = Journal_open_keyed(path, keys[i], collect, &s, &d, NULL);
        assert_non_null(j);
        assert_int_equal(s.n, 0);
        assert_int_equal(d.sealed, 2);
        assert_int_equal(d.damaged, 0);
        Journal_close(j);
    }
}

static void test_changed_byte_is_damage(void **state)
{
    char path[300];
    snprintf(path, sizeof path, "%s/c.journal", dir);
    write_journal(path, key, 1);
    /* One character of the sealed text changed and the frame recomputed:
     * the CRC passes, so only the AEAD tag can notice. */
    Buf b = BUF_INIT;
    read_file(path, &b);
    json_t *env = Journal_decode_line(b.data, b.len - 1);
    assert_non_null(env);
    char *sealed = strdup(json_string_value(json_object_get(env, "sealed")));
    sealed[20] = sealed[20] == 'A' ? 'B' : 'A';
    json_object_set_new(env, "sealed", json_string(sealed));
    Buf line = BUF_INIT;
    assert_int_equal(Journal_encode(env, &line), 0);
    int fd = open(path, O_WRONLY | O_TRUNC);
    assert_int_equal(write(fd, line.data, line.len), (ssize_t)line.len);
    close(fd);
    Seen s = {0};
    JournalDamage d;
    Journal *j = Journal_open_keyed(path, key, collect, &s, &d, NULL);
    assert_int_equal(s.n, 0);
    assert_int_equal(d.damaged, 1);
    assert_int_equal(d.sealed, 0);
    Journal_close(j);
    free(sealed);
    json_decref(env);
    Buf_free(&line);
    Buf_free(&b);
}

static void test_torn_sealed_record_recovered(void **state)
{
    char path[300];
    snprintf(path, sizeof path, "%s/d.journal", dir);
    write_journal(path, key, 3);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(truncate(path, st.st_size - 30), 0);
    Seen s = {0};
    JournalDamage d;
    Journal *j = Journal_open_keyed(path, key, collect, &s, &d, NULL);
    assert_int_equal(s.n, 2);
    assert_int_equal(d.damaged, 1);
    assert_true(d.torn_bytes > 0);
    Journal_close(j);
}

static void test_plain_records_from_before_still_load(void **state)
{
    char path[300];
    snprintf(path, sizeof path, "%s/e.journal", dir);
    write_journal(path, NULL, 2);
    Seen s = {0};
    JournalDamage d;
    Journal *j = Journal_open_keyed(path, key, collect, &s, &d, NULL);
    assert_int_equal(s.n, 2);
    assert_int_equal(d.sealed + d.damaged, 0);
    Journal_close(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_hex_round_trip),
        cmocka_unit_test(test_sealed_on_disk_and_read_back),
        cmocka_unit_test(test_missing_or_wrong_key_is_sealed_not_damaged),
        cmocka_unit_test(test_changed_byte_is_damage),
        cmocka_unit_test(test_torn_sealed_record_recovered),
        cmocka_unit_test(test_plain_records_from_before_still_load),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
