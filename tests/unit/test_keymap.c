/* Keymap files: key names, bind/unbind, errors with file:line, lookup
 * order and layering of the shipped keymaps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client/core/embedded.h"
#include "client/core/keymap.h"
#include "common/buf.h"

static void test_parse_key_names(void **state)
{
    assert_int_equal(Keymap_parse_key("<F1>"), KEY_F(1));
    assert_int_equal(Keymap_parse_key("<f12>"), KEY_F(12));
    assert_int_equal(Keymap_parse_key("<F24>"), KEY_F(24));
    assert_int_equal(Keymap_parse_key("<C-x>"), 24);
    assert_int_equal(Keymap_parse_key("<c-X>"), 24);
    assert_int_equal(Keymap_parse_key("<M-x>"), 'x' | KEYMAP_META);
    assert_int_equal(Keymap_parse_key("<M-X>"), 'X' | KEYMAP_META);
    assert_int_equal(Keymap_parse_key("<M-Enter>"), '\n' | KEYMAP_META);
    assert_int_equal(Keymap_parse_key("<Enter>"), '\n');
    assert_int_equal(Keymap_parse_key("<ENTER>"), '\n');
    assert_int_equal(Keymap_parse_key("<Esc>"), 27);
    assert_int_equal(Keymap_parse_key("<Tab>"), '\t');
    assert_int_equal(Keymap_parse_key("<BTab>"), KEY_BTAB);
    assert_int_equal(Keymap_parse_key("<Space>"), ' ');
    assert_int_equal(Keymap_parse_key("<Backspace>"), KEY_BACKSPACE);
    assert_int_equal(Keymap_parse_key("<C-h>"), KEY_BACKSPACE);
    assert_int_equal(Keymap_parse_key("<Up>"), KEY_UP);
    assert_int_equal(Keymap_parse_key("<Down>"), KEY_DOWN);
    assert_int_equal(Keymap_parse_key("<Left>"), KEY_LEFT);
    assert_int_equal(Keymap_parse_key("<Right>"), KEY_RIGHT);
    assert_int_equal(Keymap_parse_key("<PgUp>"), KEY_PPAGE);
    assert_int_equal(Keymap_parse_key("<pgdn>"), KEY_NPAGE);
    assert_int_equal(Keymap_parse_key("<Home>"), KEY_HOME);
    assert_int_equal(Keymap_parse_key("<End>"), KEY_END);
    assert_int_equal(Keymap_parse_key("<Insert>"), KEY_IC);
    assert_int_equal(Keymap_parse_key("<Delete>"), KEY_DC);
    assert_int_equal(Keymap_parse_key("q"), 'q');
    assert_int_equal(Keymap_parse_key("?"), '?');
    assert_int_equal(Keymap_parse_key("/"), '/');
    assert_int_equal(Keymap_parse_key("<lt>"), '<');
    assert_int_equal(Keymap_parse_key("<Hash>"), '#');
    /* and what is not a key */
    assert_int_equal(Keymap_parse_key("<F25>"), -1);
    assert_int_equal(Keymap_parse_key("<F0>"), -1);
    assert_int_equal(Keymap_parse_key("<Moon>"), -1);
    assert_int_equal(Keymap_parse_key("ab"), -1);
    assert_int_equal(Keymap_parse_key("<C-1>"), -1);
    assert_int_equal(Keymap_parse_key("<M-M-x>"), -1);
    assert_int_equal(Keymap_parse_key(""), -1);
    assert_int_equal(Keymap_parse_key(" "), -1);
}

static void test_key_names_round_trip(void **state)
{
    static const char *const names[] = {
        "<F1>", "<F24>", "<C-x>", "<M-x>", "<M-Enter>", "<Enter>", "<Esc>", "<Tab>",
        "<BTab>", "<Space>", "<Backspace>", "<Up>", "<PgUp>", "<PgDn>", "<Home>", "<End>",
        "<Insert>", "<Delete>", "q", "G", "?", "/", "<lt>", "<Hash>",
    };
    char buf[32];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        int key = Keymap_parse_key(names[i]);
        assert_true(key >= 0);
        assert_string_equal(Keymap_key_name(key, buf, sizeof buf), names[i]);
    }
}

static void test_errors_are_reported_with_file_and_line(void **state)
{
    const char *text =
        "# a comment\n"
        "\n"
        "bind record j move-down\n"
        "bind search k jump-moon\n"
        "bind kitchen k move-up\n"
        "bind search <F99> move-up\n"
        "bind search k\n"
        "rebind search k move-up\n"
        "bind search <F4> reveal\n"
        "unbind search\n"
        "bind search <C-n> more-results   # trailing comment\n"
        "bind search t triage\n";
    Keymap *km = Keymap_new();
    Diag d = DIAG_INIT;
    assert_int_equal(Keymap_load_string(km, text, "keymaps/x.keymap", &d), 8);
    assert_int_equal(d.count, 8);
    assert_string_equal(d.lines[0], "keymaps/x.keymap:4: unknown action 'jump-moon'");
    assert_string_equal(d.lines[1], "keymaps/x.keymap:5: unknown context 'kitchen'");
    assert_string_equal(d.lines[2], "keymaps/x.keymap:6: unknown key name '<F99>'");
    assert_string_equal(d.lines[3], "keymaps/x.keymap:7: expected: bind <context> <key> <action>");
    assert_string_equal(d.lines[4],
                        "keymaps/x.keymap:8: unknown command 'rebind' (expected bind or unbind)");
    assert_string_equal(d.lines[5],
                        "keymaps/x.keymap:9: action 'reveal' does not apply in context 'search'");
    assert_string_equal(d.lines[6], "keymaps/x.keymap:10: expected: unbind <context> <key>");
    /* a letter over a results list is typed into the search box */
    assert_string_equal(d.lines[7], "keymaps/x.keymap:12: 't' is typed (into the box or as the answer) in "
                                    "context 'search'; bind a function key, <C-x> or <M-x> there");
    /* the good lines around the bad ones still count */
    assert_int_equal(Keymap_lookup(km, CTX_RECORD, 'j'), ACT_MOVE_DOWN);
    assert_int_equal(Keymap_lookup(km, CTX_SEARCH, 14), ACT_MORE_RESULTS);
    assert_int_equal(Keymap_lookup(km, CTX_SEARCH, 'k'), ACT_NONE);
    /* on a triage question too: an answer starting "bins" is typed */
    assert_int_equal(Keymap_lookup(km, CTX_TRIAGE, 'b'), ACT_NONE);
    assert_int_equal(Keymap_lookup(km, CTX_TRIAGE, 'k'), ACT_NONE);
    Diag_free(&d);
    Keymap_free(km);
}

static void test_lookup_order(void **state)
{
    Keymap *km = Keymap_new();
    Diag d = DIAG_INIT;
    assert_int_equal(Keymap_load_string(km,
        "bind global q quit\n"
        "bind global <F1> view-help\n"
        "bind global r reveal\n"
        "bind global <Enter> enter\n"
        "bind case q back\n"
        "bind record q none\n", "t", &d), 0);
    assert_int_equal(Keymap_lookup(km, CTX_CASE, 'q'), ACT_BACK);     /* context first */
    assert_int_equal(Keymap_lookup(km, CTX_HELP, 'q'), ACT_QUIT);     /* then global */
    assert_int_equal(Keymap_lookup(km, CTX_RECORD, 'q'), ACT_NONE);   /* masked by none */
    /* printable keys are text in the search box and login form */
    assert_int_equal(Keymap_lookup(km, CTX_PROMPT, 'q'), ACT_NONE);
    assert_int_equal(Keymap_lookup(km, CTX_LOGIN, 'q'), ACT_NONE);
    assert_int_equal(Keymap_lookup(km, CTX_PROMPT, KEY_F(1)), ACT_VIEW_HELP);
    /* a global binding is used only where its action means something */
    assert_int_equal(Keymap_lookup(km, CTX_RECORD, 'r'), ACT_REVEAL);
    assert_int_equal(Keymap_lookup(km, CTX_SEARCH, 'r'), ACT_NONE);
    /* what terminals send for Enter is folded */
    assert_int_equal(Keymap_lookup(km, CTX_SEARCH, '\r'), ACT_ENTER);
    assert_int_equal(Keymap_lookup(km, CTX_SEARCH, KEY_ENTER), ACT_ENTER);
    Keymap_load_string(km, "unbind case q\nunbind record q\n", "t2", &d);
    assert_int_equal(Keymap_lookup(km, CTX_CASE, 'q'), ACT_QUIT);
    assert_int_equal(Keymap_lookup(km, CTX_RECORD, 'q'), ACT_QUIT);
    assert_int_equal(d.count, 0);
    Diag_free(&d);
    Keymap_free(km);
}

/* Over a results list no key that can be part of a name, postcode, phone
 * number or reference is a command, whatever a keymap binds globally: in
 * every shipped keymap, "taylor", "smith" and "CUS0000009" are typed. */
static void test_typing_over_a_results_list(void **state)
{
    static const char *const names[] = {"default", "vi", "cua"};
    static const char typed[] = "taylorsmithCUS0000009QqkKnmcCtT";
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    setenv("FRONTDOOR_DATA_DIR", cwd, 1);
    setenv("XDG_CONFIG_HOME", "/nonexistent", 1);   /* no stray user keymap */
    for (size_t i = 0; i < 3; i++) {
        Diag d = DIAG_INIT;
        Keymap *km = Keymap_build(names[i], "", &d);
        assert_int_equal(d.count, 0);
        for (const char *c = typed; *c; c++) {
            assert_int_equal(Keymap_lookup(km, CTX_SEARCH, *c), ACT_NONE);
            assert_int_equal(Keymap_lookup(km, CTX_KB_LIST, *c), ACT_NONE);
        }
        assert_int_equal(Keymap_lookup(km, CTX_SEARCH, 0xc3), ACT_NONE);   /* UTF-8 lead byte */
        assert_int_equal(Keymap_lookup(km, CTX_SEARCH, '\r'), ACT_ENTER);
        assert_int_equal(Keymap_lookup(km, CTX_SEARCH, KEY_F(1)), ACT_VIEW_HELP);
        Keymap_free(km);
        Diag_free(&d);
    }
    unsetenv("FRONTDOOR_DATA_DIR");
}

static void test_keys_for_help(void **state)
{
    Keymap *km = Keymap_new();
    Diag d = DIAG_INIT;
    Keymap_load_string(km, "bind global <F1> view-help\nbind global ? view-help\n"
                           "bind search <F2> view-help\nbind search ? none\n", "t", &d);
    int keys[8];
    size_t n = Keymap_keys_for(km, CTX_SEARCH, ACT_VIEW_HELP, keys, 8);
    assert_int_equal(n, 2);
    assert_int_equal(keys[0], KEY_F(2));
    assert_int_equal(keys[1], KEY_F(1));   /* '?' is shadowed in search */
    assert_int_equal(Keymap_keys_for(km, CTX_HELP, ACT_VIEW_HELP, keys, 1), 1);
    Diag_free(&d);
    Keymap_free(km);
}

static void test_embedded_default_is_the_file(void **state)
{
    Buf b = BUF_INIT;
    assert_int_equal(Buf_read_file(&b, "keymaps/default.keymap"), 0);
    assert_string_equal(Embedded_get("keymaps/default.keymap"), b.data);
    assert_null(Embedded_get("keymaps/none.keymap"));
    Buf_free(&b);
}

static void test_shipped_keymaps_load_cleanly(void **state)
{
    static const char *const files[] = {"keymaps/default.keymap", "keymaps/vi.keymap",
                                        "keymaps/cua.keymap"};
    for (size_t i = 0; i < 3; i++) {
        Keymap *km = Keymap_new();
        Diag d = DIAG_INIT;
        assert_int_equal(Keymap_load_file(km, files[i], &d), 0);
        assert_int_equal(d.count, 0);
        Diag_free(&d);
        Keymap_free(km);
    }
}

static void test_build_layers(void **state)
{
    char dir[] = "/tmp/fdkmXXXXXX", user[300];
    assert_non_null(mkdtemp(dir));
    snprintf(user, sizeof user, "%s/mine.keymap", dir);
    FILE *f = fopen(user, "w");
    fputs("bind help j move-up\nbind global <F9> moonwalk\n", f);
    fclose(f);
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    setenv("FRONTDOOR_DATA_DIR", cwd, 1);
    setenv("XDG_CONFIG_HOME", dir, 1);   /* no stray user keymap */

    Diag d = DIAG_INIT;
    Keymap *km = Keymap_build("default", NULL, &d);
    assert_int_equal(Keymap_lookup(km, CTX_SEARCH, KEY_F(1)), ACT_VIEW_HELP);
    assert_int_equal(Keymap_lookup(km, CTX_SEARCH, 'j'), ACT_NONE);
    Keymap_free(km);

    km = Keymap_build("vi", user, &d);
    assert_int_equal(Keymap_lookup(km, CTX_RECORD, 'j'), ACT_SCROLL_DOWN);   /* vi */
    assert_int_equal(Keymap_lookup(km, CTX_HELP, 'j'), ACT_MOVE_UP);         /* user */
    assert_int_equal(Keymap_lookup(km, CTX_SEARCH, 'j'), ACT_NONE);          /* typed */
    assert_int_equal(Keymap_lookup(km, CTX_SEARCH, 14), ACT_MOVE_DOWN);      /* vi C-n */
    assert_int_equal(Keymap_lookup(km, CTX_SEARCH, KEY_F(1)), ACT_VIEW_HELP); /* default */
    assert_int_equal(d.count, 1);
    char want[400];
    snprintf(want, sizeof want, "%s:2: unknown action 'moonwalk'", user);
    assert_string_equal(d.lines[0], want);
    Keymap_free(km);
    Diag_free(&d);

    km = Keymap_build("cua", "", &d);
    assert_int_equal(Keymap_lookup(km, CTX_SEARCH, KEY_F(3)), ACT_BACK);
    assert_int_equal(Keymap_lookup(km, CTX_SEARCH, KEY_F(8)), ACT_PAGE_DOWN);
    assert_int_equal(Keymap_lookup(km, CTX_PROMPT, KEY_F(12)), ACT_CANCEL);
    assert_int_equal(Keymap_lookup(km, CTX_LOGIN, '\n'), ACT_ENTER);
    Keymap_free(km);

    km = Keymap_build("klingon", NULL, &d);
    assert_non_null(km);
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.lines[0], "klingon: keymap not found"));
    Keymap_free(km);
    Diag_free(&d);
    unsetenv("FRONTDOOR_DATA_DIR");
    unlink(user);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_key_names),
        cmocka_unit_test(test_key_names_round_trip),
        cmocka_unit_test(test_errors_are_reported_with_file_and_line),
        cmocka_unit_test(test_lookup_order),
        cmocka_unit_test(test_typing_over_a_results_list),
        cmocka_unit_test(test_keys_for_help),
        cmocka_unit_test(test_embedded_default_is_the_file),
        cmocka_unit_test(test_shipped_keymaps_load_cleanly),
        cmocka_unit_test(test_build_layers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
