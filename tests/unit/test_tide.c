/* tide: the server's rising-tide level (issue 12) agrees with the one the
 * client computed until now (client/queue/surge.c with frontdoor.conf's
 * defaults, kept below as the reference now that the client shows the
 * server's level), with the shipped config/tide.conf and without it; a
 * broken tide.conf is refused with its line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/tide.h"

/* The client's rule before the server owned it: the highest level whose
 * depth (10, 25, 50, 100) or oldest age (60, 240, 480, 1440 min) is
 * reached; an empty queue has no oldest item. */
static int client_level(long depth, long oldest_seconds)
{
    static const long at_depth[] = {10, 25, 50, 100}, at_minutes[] = {60, 240, 480, 1440};
    for (int i = 3; i >= 0; i--)
        if (depth >= at_depth[i] || (depth > 0 && oldest_seconds >= at_minutes[i] * 60))
            return i + 1;
    return 0;
}

static void assert_agrees_with_client(void)
{
    static const long depths[] = {0, 1, 9, 10, 24, 25, 49, 50, 99, 100, 5000};
    static const long ages[] = {0, 59 * 60, 3600, 4 * 3600 - 1, 4 * 3600, 8 * 3600, 86400, 9 * 86400};
    for (size_t d = 0; d < sizeof depths / sizeof depths[0]; d++)
        for (size_t a = 0; a < sizeof ages / sizeof ages[0]; a++)
            assert_int_equal(Tide_level(depths[d], ages[a]), client_level(depths[d], ages[a]));
}

static void test_defaults_agree(void **state)
{
    (void)state;
    assert_agrees_with_client();
}

static void test_shipped_file_agrees(void **state)
{
    (void)state;
    char err[256] = "";
    assert_int_equal(Tide_load("config", err, sizeof err), 0);
    assert_agrees_with_client();
}

static void test_bad_file_refused(void **state)
{
    (void)state;
    char dir[] = "/tmp/fd-tide-XXXXXX", path[64], err[256] = "";
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/tide.conf", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("# ok\nsurge_level1_depth = 10\nsurge_level9_depth = 3\n", f);
    fclose(f);
    assert_int_equal(Tide_load(dir, err, sizeof err), -1);
    assert_non_null(strstr(err, "tide.conf:3"));
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_agree),
        cmocka_unit_test(test_shipped_file_agrees),
        cmocka_unit_test(test_bad_file_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
