/* The outbox journal: record format, checksums, torn-record recovery,
 * compaction, permissions, locking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client/outbox/journal.h"

typedef struct Seen {
    int n;
    long long last;
} Seen;

static void collect(void *ctx, const json_t *rec)
{
    Seen *s = ctx;
    s->n++;
    s->last = json_integer_value(json_object_get(rec, "n"));
}

static char dir[256];

static int setup(void **state)
{
    snprintf(dir, sizeof dir, "/tmp/fd-journal-test-XXXXXX");
    assert_non_null(mkdtemp(dir));
    return 0;
}

static int teardown(void **state)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void path_of(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", dir, name);
}

static void test_crc32_known_values(void **state)
{
    /* The standard check value of CRC-32/ISO-HDLC (zlib's crc32). */
    assert_int_equal(Journal_crc32("123456789", 9), 0xCBF43926u);
    assert_int_equal(Journal_crc32("", 0), 0);
}

static void test_encode_decode_round_trip(void **state)
{
    json_t *rec = json_pack("{s:s, s:s}", "op", "put", "note", "line one\nline two \"quoted\" Zoë");
    Buf b = BUF_INIT;
    assert_int_equal(Journal_encode(rec, &b), 0);
    assert_true(b.len > 0);
    assert_int_equal(b.data[b.len - 1], '\n');
    /* exactly one newline: the record's own text never breaks the line */
    assert_ptr_equal(memchr(b.data, '\n', b.len), b.data + b.len - 1);
    assert_memory_equal(b.data, "FD1 ", 4);
    json_t *back = Journal_decode_line(b.data, b.len - 1);
    assert_non_null(back);
    assert_true(json_equal(rec, back));
    json_decref(back);
    json_decref(rec);
    Buf_free(&b);
}

static void test_decode_rejects_damage(void **state)
{
    json_t *rec = json_pack("{s:s, s:i}", "op", "put", "n", 42);
    Buf b = BUF_INIT;
    Journal_encode(rec, &b);
    size_t len = b.len - 1;
    /* every truncation is refused */
    for (size_t cut = 0; cut < len; cut++)
        assert_null(Journal_decode_line(b.data, cut));
    /* a flipped bit in the JSON fails the checksum */
    char *copy = malloc(len);
    memcpy(copy, b.data, len);
    copy[len - 3] ^= 0x01;
    assert_null(Journal_decode_line(copy, len));
    /* a wrong tag or a non-object */
    memcpy(copy, b.data, len);
    copy[2] = '2';
    assert_null(Journal_decode_line(copy, len));
    assert_null(Journal_decode_line("FD1 2 00000000 []", 17));
    free(copy);
    json_decref(rec);
    Buf_free(&b);
}

static void write_records(const char *path, int n)
{
    Journal *j = Journal_open(path, NULL, NULL, NULL, NULL);
    assert_non_null(j);
    for (int i = 1; i <= n; i++) {
        json_t *rec = json_pack("{s:s, s:i}", "op", "put", "n", i);
        assert_int_equal(Journal_append(j, rec), 0);
        json_decref(rec);
    }
    assert_int_equal((int)Journal_appended(j), n);
    Journal_close(j);
}

static void test_create_permissions_and_reload(void **state)
{
    char sub[300], path[400];
    snprintf(sub, sizeof sub, "%s/a/b/outbox", dir);
    assert_int_equal(Journal_mkdirs(sub), 0);
    struct stat st;
    assert_int_equal(stat(sub, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    snprintf(path, sizeof path, "%s/j.journal", sub);
    write_records(path, 3);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    Seen seen = {0};
    JournalDamage d;
    Journal *j = Journal_open(path, collect, &seen, &d, NULL);
    assert_non_null(j);
    assert_int_equal(seen.n, 3);
    assert_int_equal(seen.last, 3);
    assert_int_equal(d.records, 3);
    assert_int_equal(d.damaged, 0);
    Journal_close(j);
}

static void test_torn_last_record(void **state)
{
    char path[300];
    path_of(path, sizeof path, "torn.journal");
    write_records(path, 5);
    struct stat st;
    stat(path, &st);
    /* cut the last record in half, as a crash mid-write would */
    assert_int_equal(truncate(path, st.st_size - 20), 0);
    Seen seen = {0};
    JournalDamage d;
    Buf bad = BUF_INIT;
    Journal *j = Journal_open(path, collect, &seen, &d, &bad);
    assert_non_null(j);
    assert_int_equal(seen.n, 4);        /* every complete record kept */
    assert_int_equal(seen.last, 4);
    assert_int_equal(d.damaged, 1);
    assert_int_equal(d.first_line, 5);
    assert_true(d.torn_bytes > 0);
    assert_true(bad.len > 0);           /* the damaged bytes, to set aside */
    Buf_free(&bad);
    Journal_close(j);
}

static void test_damage_in_the_middle(void **state)
{
    char path[300];
    path_of(path, sizeof path, "mid.journal");
    write_records(path, 3);
    /* garbage between complete records (a torn write followed by more
     * appends from an older version that did not compact) */
    FILE *f = fopen(path, "a");
    fputs("FD1 99 deadbeef {\"op\":\"pu\n", f);
    fclose(f);
    Journal *j = Journal_open(path, NULL, NULL, NULL, NULL);
    json_t *rec = json_pack("{s:s, s:i}", "op", "put", "n", 9);
    Journal_append(j, rec);
    json_decref(rec);
    Journal_close(j);
    Seen seen = {0};
    JournalDamage d;
    j = Journal_open(path, collect, &seen, &d, NULL);
    assert_int_equal(seen.n, 4);
    assert_int_equal(seen.last, 9);
    assert_int_equal(d.damaged, 1);
    assert_int_equal(d.first_line, 4);
    assert_int_equal(d.torn_bytes, 0);
    Journal_close(j);
}

static void test_rewrite_compacts(void **state)
{
    char path[300], tmp[320];
    path_of(path, sizeof path, "compact.journal");
    write_records(path, 50);
    struct stat before, after;
    stat(path, &before);
    Journal *j = Journal_open(path, NULL, NULL, NULL, NULL);
    json_t *keep[2] = {json_pack("{s:s, s:i}", "op", "put", "n", 7),
                       json_pack("{s:s, s:i}", "op", "put", "n", 8)};
    assert_int_equal(Journal_rewrite(j, keep, 2), 0);
    assert_int_equal((int)Journal_appended(j), 0);
    /* still appendable, and still locked, after the rename */
    json_t *more = json_pack("{s:s, s:i}", "op", "put", "n", 10);
    assert_int_equal(Journal_append(j, more), 0);
    assert_null(Journal_open(path, NULL, NULL, NULL, NULL));
    assert_int_equal(errno, EWOULDBLOCK);
    Journal_close(j);
    stat(path, &after);
    assert_true(after.st_size < before.st_size);
    assert_int_equal(after.st_mode & 0777, 0600);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_equal(access(tmp, F_OK), -1);
    Seen seen = {0};
    j = Journal_open(path, collect, &seen, NULL, NULL);
    assert_int_equal(seen.n, 3);
    assert_int_equal(seen.last, 10);
    Journal_close(j);
    json_decref(keep[0]);
    json_decref(keep[1]);
    json_decref(more);
}

static void test_lock_is_exclusive(void **state)
{
    char path[300];
    path_of(path, sizeof path, "lock.journal");
    Journal *a = Journal_open(path, NULL, NULL, NULL, NULL);
    assert_non_null(a);
    errno = 0;
    assert_null(Journal_open(path, NULL, NULL, NULL, NULL));
    assert_int_equal(errno, EWOULDBLOCK);
    Journal_close(a);
    Journal *b = Journal_open(path, NULL, NULL, NULL, NULL);
    assert_non_null(b);
    Journal_close(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crc32_known_values),
        cmocka_unit_test(test_encode_decode_round_trip),
        cmocka_unit_test(test_decode_rejects_damage),
        cmocka_unit_test(test_create_permissions_and_reload),
        cmocka_unit_test(test_torn_last_record),
        cmocka_unit_test(test_damage_in_the_middle),
        cmocka_unit_test(test_rewrite_compacts),
        cmocka_unit_test(test_lock_is_exclusive),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
