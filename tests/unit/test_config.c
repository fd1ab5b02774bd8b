/* Client configuration: defaults, file syntax, errors with file:line,
 * layering, and the shipped example and man page kept complete. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client/core/config.h"
#include "common/buf.h"

static char tmpdir[64];

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static const char *tmp_path(const char *name)
{
    static char path[4][256];
    static int which;
    which = (which + 1) % 4;
    snprintf(path[which], sizeof path[which], "%s/%s", tmpdir, name);
    return path[which];
}

static void test_defaults(void **state)
{
    Config c;
    setenv("XDG_STATE_HOME", "/var/tmp/st", 1);
    Config_defaults(&c);
    assert_string_equal(c.server_url, "http://127.0.0.1:8080");
    assert_string_equal(c.keymap, "default");
    assert_string_equal(c.keymap_file, "");
    assert_int_equal(c.idle_lock_minutes, 10);
    assert_string_equal(c.timezone, "Europe/London");
    assert_int_equal(c.ascii_lines, TRI_AUTO);
    assert_int_equal(c.color, TRI_AUTO);
    assert_true(c.tls_verify);
    assert_int_equal(c.page_size, 50);
    assert_string_equal(c.state_dir, "/var/tmp/st/frontdoor");
    assert_string_equal(c.log_file, "/var/tmp/st/frontdoor/frontdoor.log");
    unsetenv("XDG_STATE_HOME");
}

static void test_syntax_and_errors(void **state)
{
    const char *path = tmp_path("a.conf");
    write_file(path,
               "# comment\n"
               "\n"
               "sever_url = http://x\n"
               "server_url = https://frontdoor.example:8443   # trailing comment\n"
               "idle_lock_minutes = ten\n"
               "idle_lock_minutes = 99999\n"
               "tls_verify = maybe\n"
               "just some words\n"
               "timezone = \"Europe/London # not a comment\"\n"
               "keymap = 'cua'\n"
               "ascii_lines = yes\n"
               "color = off\n"
               "page_size=100\n"
               "server_url = ftp://nope\n"
               "ca_file = \"unterminated\n"
               "screens_dir = ~/screens\n");
    Config c;
    Diag d = DIAG_INIT;
    Config_defaults(&c);
    assert_int_equal(Config_load_file(&c, path, true, &d), 8);
    assert_int_equal(d.count, 8);
    char want[512];
#define EXPECT(i, line, msg) \
    snprintf(want, sizeof want, "%s:%d: %s", path, line, msg); \
    assert_string_equal(d.lines[i], want)
    EXPECT(0, 3, "unknown option 'sever_url'");
    EXPECT(1, 5, "idle_lock_minutes: 'ten' must be a whole number from 0 to 1440");
    EXPECT(2, 6, "idle_lock_minutes: '99999' must be a whole number from 0 to 1440");
    EXPECT(3, 7, "tls_verify: 'maybe' must be yes or no");
    EXPECT(4, 8, "expected: key = value");
    EXPECT(5, 9, "timezone: 'Europe/London # not a comment' is not a time zone name (like Europe/London)");
    EXPECT(6, 14, "server_url: 'ftp://nope' must start with http:// or https://");
    EXPECT(7, 15, "ca_file: unterminated quote or text after the closing quote");
    /* every good line applied, bad ones left the earlier value */
    assert_string_equal(c.server_url, "https://frontdoor.example:8443");
    assert_int_equal(c.idle_lock_minutes, 10);
    assert_true(c.tls_verify);
    assert_string_equal(c.keymap, "cua");
    assert_int_equal(c.ascii_lines, TRI_YES);
    assert_int_equal(c.color, TRI_NO);
    assert_int_equal(c.page_size, 100);
    snprintf(want, sizeof want, "%s/screens", getenv("HOME"));
    assert_string_equal(c.screens_dir, want);
    Diag_free(&d);
}

/* identity_checks is a list: unknown names are errors (not skipped), the
 * known ones are kept, one naming none keeps the value it had; and
 * identity_checks_required above the list's length is an error too,
 * reported where it was set, whichever file set it. */
static void test_identity_checks_errors(void **state)
{
    const char *path = tmp_path("id.conf");
    write_file(path, "identity_checks = postcode, shoe_size,reference,postcode\n"
                     "identity_checks_required = 3\n"
                     "identity_checks = dob shoe\n");
    Config c;
    Diag d = DIAG_INIT;
    char want[512];
    Config_defaults(&c);
    assert_int_equal(Config_load_file(&c, path, true, &d), 2);
    assert_int_equal(d.count, 5);
    EXPECT(0, 1, "identity_checks: 'shoe_size' is not a way to check identity "
                 "(date_of_birth, postcode, reference)");
    EXPECT(1, 1, "identity_checks: 'postcode' is named twice; it is asked once");
    EXPECT(2, 3, "identity_checks: 'dob' is not a way to check identity (date_of_birth, postcode, reference)");
    EXPECT(3, 3, "identity_checks: 'shoe' is not a way to check identity (date_of_birth, postcode, reference)");
    EXPECT(4, 3, "identity_checks: 'dob shoe' names none of date_of_birth, postcode, reference; "
                 "still postcode,reference");
    assert_string_equal(c.identity_checks, "postcode,reference");
    assert_int_equal(Config_check(&c, &d), 1);
    EXPECT(5, 2, "identity_checks_required: 3 is more than the 2 in identity_checks "
                 "(postcode,reference); 2 will be asked for");
    assert_int_equal(c.identity_checks_required, 2);
    assert_int_equal(Config_check(&c, &d), 0);
    Diag_free(&d);

    /* The default number (2) against a shorter list: said at the list. */
    char xdg[128];
    snprintf(xdg, sizeof xdg, "%s/no-xdg", tmpdir);
    setenv("XDG_CONFIG_HOME", xdg, 1);
    unsetenv("FRONTDOOR_CONFIG");
    write_file(path, "\nidentity_checks = reference\n");
    Diag d2 = DIAG_INIT;
    assert_int_equal(Config_load_standard(&c, path, &d2), 1);
    assert_int_equal(d2.count, 1);
    snprintf(want, sizeof want, "%s:2: %s", path, "identity_checks: 'reference' names 1, fewer than "
             "identity_checks_required (2); 1 will be asked for");
    assert_string_equal(d2.lines[0], want);
    assert_int_equal(c.identity_checks_required, 1);
    Diag_free(&d2);
}

static void test_missing_files(void **state)
{
    Config c;
    Diag d = DIAG_INIT;
    Config_defaults(&c);
    assert_int_equal(Config_load_file(&c, tmp_path("none.conf"), false, &d), 0);
    assert_int_equal(d.count, 0);
    assert_int_equal(Config_load_file(&c, tmp_path("none.conf"), true, &d), 1);
    assert_non_null(strstr(d.lines[0], "none.conf: cannot read configuration: No such file"));
    Diag_free(&d);
}

static void test_command_line_origin(void **state)
{
    Config c;
    Diag d = DIAG_INIT;
    Config_defaults(&c);
    assert_int_equal(Config_set(&c, "server_url", "http://10.0.0.1:9", "--server", 0, &d), 0);
    assert_string_equal(c.server_url, "http://10.0.0.1:9");
    assert_int_equal(Config_set(&c, "server_url", "localhost", "--server", 0, &d), -1);
    assert_string_equal(d.lines[0], "--server: server_url: 'localhost' must start with http:// or https://");
    Diag_free(&d);
}

static void test_standard_layers(void **state)
{
    char xdg[256];
    snprintf(xdg, sizeof xdg, "%s/xdg", tmpdir);
    mkdir(xdg, 0700);
    mkdir(tmp_path("xdg/frontdoor"), 0700);
    write_file(tmp_path("xdg/frontdoor/frontdoor.conf"),
               "keymap = vi\npage_size = 20\nretry_seconds = 7\n");
    write_file(tmp_path("env.conf"), "page_size = 30\nidle_lock_minutes = 0\n");
    write_file(tmp_path("explicit.conf"), "idle_lock_minutes = 3\nbogus = 1\n");
    setenv("XDG_CONFIG_HOME", xdg, 1);
    setenv("FRONTDOOR_CONFIG", tmp_path("env.conf"), 1);
    Config c;
    Diag d = DIAG_INIT;
    int errors = Config_load_standard(&c, tmp_path("explicit.conf"), &d);
    /* /etc/frontdoor/frontdoor.conf is the machine's; only our errors count */
    assert_true(errors >= 1);
    assert_non_null(strstr(d.lines[d.count - 1], "explicit.conf:2: unknown option 'bogus'"));
    assert_string_equal(c.keymap, "vi");          /* user file */
    assert_int_equal(c.retry_seconds, 7);
    assert_int_equal(c.page_size, 30);            /* FRONTDOOR_CONFIG over user */
    assert_int_equal(c.idle_lock_minutes, 3);     /* --config over all */
    Diag_free(&d);

    setenv("FRONTDOOR_CONFIG", tmp_path("gone.conf"), 1);
    Config_load_standard(&c, NULL, &d);
    assert_non_null(strstr(d.lines[d.count - 1], "gone.conf: cannot read configuration"));
    assert_int_equal(c.page_size, 20);
    Diag_free(&d);
    unsetenv("FRONTDOOR_CONFIG");
    unsetenv("XDG_CONFIG_HOME");
}

/* Every option has the same value in a and b (what the file says; not
 * the bookkeeping of where a setting came from). */
static void assert_same_options(const Config *a, const Config *b)
{
    size_t n;
    const ConfigOption *o = Config_options(&n);
    for (size_t i = 0; i < n; i++) {
        char va[CONFIG_STR + 8], vb[CONFIG_STR + 8];
        Config_format(a, &o[i], va, sizeof va);
        Config_format(b, &o[i], vb, sizeof vb);
        if (strcmp(va, vb) != 0)
            fail_msg("%s: '%s' != '%s'", o[i].name, va, vb);
    }
}

/* The shipped example names every option at its default, and with the
 * '#' taken off every setting it still loads without a single error. */
static void test_example_file_is_complete(void **state)
{
    Buf b = BUF_INIT, un = BUF_INIT;
    assert_int_equal(Buf_read_file(&b, "config/frontdoor.conf"), 0);
    size_t n;
    const ConfigOption *o = Config_options(&n);
    for (size_t i = 0; i < n; i++) {
        char line[300];
        snprintf(line, sizeof line, "\n#%s = %s\n", o[i].name, *o[i].def ? o[i].def : "\"\"");
        if (!strstr(b.data, line))
            fail_msg("config/frontdoor.conf lacks '%s'", line + 1);
    }
    for (char *p = b.data; *p; p++) {
        if (*p == '#' && (p == b.data || p[-1] == '\n') && p[1] != ' ' && p[1] != '\n')
            continue;
        Buf_putc(&un, *p);
    }
    write_file(tmp_path("example.conf"), un.data);
    Config c, def;
    Diag d = DIAG_INIT;
    Config_defaults(&def);
    Config_defaults(&c);
    assert_int_equal(Config_load_file(&c, tmp_path("example.conf"), true, &d), 0);
    Config_resolve(&c);   /* state_dir = "" means the default, as in Config_load_standard */
    assert_same_options(&c, &def);
    Buf_free(&b);
    Buf_free(&un);
}

static void test_man_page_lists_every_option(void **state)
{
    Buf b = BUF_INIT;
    assert_int_equal(Buf_read_file(&b, "man/frontdoor.conf.5"), 0);
    size_t n;
    const ConfigOption *o = Config_options(&n);
    for (size_t i = 0; i < n; i++) {
        char needle[128];
        snprintf(needle, sizeof needle, ".BR %s \" = \"", o[i].name);
        if (!strstr(b.data, needle))
            fail_msg("man/frontdoor.conf.5 does not document %s", o[i].name);
    }
    Buf_free(&b);
}

static void test_write_reads_back(void **state)
{
    Config c, back;
    Diag d = DIAG_INIT;
    Config_defaults(&c);
    Config_set(&c, "color", "no", "t", 1, &d);
    Config_set(&c, "log_file", "/tmp/x # y", "t", 2, &d);
    FILE *f = fopen(tmp_path("dump.conf"), "w");
    Config_write(&c, f);
    fclose(f);
    Config_defaults(&back);
    assert_int_equal(Config_load_file(&back, tmp_path("dump.conf"), true, &d), 0);
    assert_same_options(&c, &back);
    assert_int_equal(d.count, 0);
}

static int setup(void **state)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/fdcfgXXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_syntax_and_errors),
        cmocka_unit_test(test_identity_checks_errors),
        cmocka_unit_test(test_missing_files),
        cmocka_unit_test(test_command_line_origin),
        cmocka_unit_test(test_standard_layers),
        cmocka_unit_test(test_example_file_is_complete),
        cmocka_unit_test(test_man_page_lists_every_option),
        cmocka_unit_test(test_write_reads_back),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
