/* Response compression: which Accept-Encoding values mean gzip, and that
 * what we send inflates back to the original. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zlib.h>

#include "server/compress.h"

static void test_accept_encoding(void **state)
{
    (void)state;
    assert_true(Compress_accepts_gzip("gzip"));
    assert_true(Compress_accepts_gzip("deflate, gzip"));
    assert_true(Compress_accepts_gzip("gzip;q=0.5, br"));
    assert_true(Compress_accepts_gzip("GZIP"));
    assert_true(Compress_accepts_gzip("*"));
    assert_false(Compress_accepts_gzip(NULL));
    assert_false(Compress_accepts_gzip(""));
    assert_false(Compress_accepts_gzip("br, deflate"));
    assert_false(Compress_accepts_gzip("gzip;q=0"));
    assert_false(Compress_accepts_gzip("gzip;q=0.000, br"));
    assert_false(Compress_accepts_gzip("x-gzip2"));
}

static void test_round_trip(void **state)
{
    (void)state;
    char in[8192];
    for (size_t i = 0; i < sizeof in; i++)
        in[i] = "{\"items\":[{\"display_name\":\"Ms Zoe O'Brien\"}]}"[i % 40];
    char *out;
    size_t len;
    assert_true(Compress_gzip(in, sizeof in, &out, &len));
    assert_true(len < sizeof in / 4);
    assert_int_equal((unsigned char)out[0], 0x1f); /* gzip magic */
    assert_int_equal((unsigned char)out[1], 0x8b);
    char back[sizeof in];
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(inflateInit2(&zs, 15 + 16), Z_OK);
    zs.next_in = (Bytef *)out;
    zs.avail_in = (uInt)len;
    zs.next_out = (Bytef *)back;
    zs.avail_out = sizeof back;
    assert_int_equal(inflate(&zs, Z_FINISH), Z_STREAM_END);
    assert_int_equal(zs.total_out, sizeof in);
    inflateEnd(&zs);
    assert_memory_equal(back, in, sizeof in);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_accept_encoding),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
