/* script_cmd: `frontdoor script check` and `frontdoor script try`.
 *
 * check runs every file through the same loader the server and the triage
 * view use, so a script that passes here loads everywhere, then walks every
 * path through it with the same engine (scriptwalk.h): a path that ends
 * without an outcome, or an outcome nothing reaches, rejects the script.
 * With --content DIR it also checks what the script names against that
 * content (script_content.h). Each problem is one line, "FILE: item
 * 'linkId': message", on stderr.
 *
 * try opens the real triage view on the terminal with no server: the
 * curses screen goes to /dev/tty when stdout is redirected, so
 * `frontdoor script try x.json > response.json` keeps the response clean. */
#include "client/triage/script_cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "client/core/app.h"
#include "client/core/frame.h"
#include "client/core/loop.h"
#include "client/triage/script_content.h"
#include "client/core/term.h"
#include "client/triage/triage_state.h"
#include "client/triage/triage_start.h"
#include "client/core/view.h"
#include "common/buf.h"
#include "common/log.h"
#include "common/scriptwalk.h"

static void Script_usage(FILE *out)
{
    fprintf(out, "usage: frontdoor script check [--content DIR] FILE...\n"
                 "       frontdoor script try FILE\n"
                 "\nSee frontdoor-scripts(5).\n");
}

/* NULL (and the problems in diag) when the file is not a usable script. */
static Questionnaire *Script_load(const char *path, Diag *diag)
{
    Buf b = BUF_INIT;
    if (Buf_read_file(&b, path) < 0) {
        Diag_add(diag, path, 0, "cannot read the file: %s", strerror(errno));
        Buf_free(&b);
        return NULL;
    }
    Questionnaire *q = Questionnaire_parse(b.data ? b.data : "", b.len, path, diag);
    Buf_free(&b);
    return q;
}

/* Loads, walks and (with content) cross-checks one file; false when the
 * script is rejected. Problems go to stderr, the verdict to stdout. */
static bool Script_check_one(const char *path, const ScriptContent *content)
{
    Diag diag = DIAG_INIT;
    ScriptWalk walk;
    Questionnaire *q = Script_load(path, &diag);
    int errors = q ? Scriptwalk_check(q, path, &diag, &walk) : 1;
    if (q && content)
        errors += ScriptContent_check(content, q, path, &diag);
    for (size_t d = 0; d < diag.count; d++)
        fprintf(stderr, "%s\n", diag.lines[d]);
    if (q && !errors)
        printf("%s: ok (%zu items, %zu paths%s)\n", path, Questionnaire_item_count(q), walk.paths,
               walk.truncated ? ", not all walked: too many" : "");
    Questionnaire_free(q);
    Diag_free(&diag);
    return errors == 0;
}

static int Script_check(int argc, char **argv)
{
    ScriptContent *content = NULL;
    if (argc >= 2 && strcmp(argv[0], "--content") == 0) {
        Diag diag = DIAG_INIT;
        content = ScriptContent_load(argv[1], &diag);
        for (size_t d = 0; d < diag.count; d++)
            fprintf(stderr, "%s\n", diag.lines[d]);
        Diag_free(&diag);
        if (!content)
            return 1;
        argc -= 2;
        argv += 2;
    }
    if (argc < 1) {
        Script_usage(stderr);
        ScriptContent_free(content);
        return 2;
    }
    int bad = 0;
    for (int i = 0; i < argc; i++)
        bad += !Script_check_one(argv[i], content);
    if (bad)
        fprintf(stderr, "%d of %d script%s rejected\n", bad, argc, argc == 1 ? "" : "s");
    ScriptContent_free(content);
    return bad ? 1 : 0;
}

/* Curses on the terminal even when stdout is a file; returns the saved
 * stdout (or -1 when it was already the terminal). */
static int Script_tty_stdout(void)
{
    if (isatty(STDOUT_FILENO))
        return -1;
    int tty = open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (tty < 0)
        return -1;
    int saved = dup(STDOUT_FILENO);
    dup2(tty, STDOUT_FILENO);
    close(tty);
    return saved;
}

static int Script_setup(Diag *diag)
{
    Config_load_standard(&app.cfg, NULL, diag);
    Log_set_file(app.cfg.log_file);
    app.km = Keymap_build(app.cfg.keymap, app.cfg.keymap_file, diag);
    LoopHooks hooks = {
        .key = Frame_key, .resize = Frame_winch, .relayout = Frame_resize, .draw = Frame_draw,
        .signal_quit = Frame_signal_quit,
    };
    if (!app.km || Loop_init(&hooks) < 0)
        return -1;
    snprintf(app.session.display_name, sizeof app.session.display_name, "Script try");
    snprintf(app.session.username, sizeof app.session.username, "no server");
    return 0;
}

static int Script_try(int argc, char **argv)
{
    if (argc != 1) {
        Script_usage(stderr);
        return 2;
    }
    Diag diag = DIAG_INIT;
    Questionnaire *q = Script_load(argv[0], &diag);
    /* A script that can end without an outcome would hand back a finished
     * response that says nothing about what happens next. */
    if (q && Scriptwalk_check(q, argv[0], &diag, NULL) > 0) {
        Questionnaire_free(q);
        q = NULL;
    }
    if (!q) {
        for (size_t d = 0; d < diag.count; d++)
            fprintf(stderr, "%s\n", diag.lines[d]);
        Diag_free(&diag);
        return 1;
    }
    Diag_free(&diag);
    int saved = Script_tty_stdout();
    if (Script_setup(&diag) < 0 || Term_init(&app.cfg) < 0) {
        fprintf(stderr, "frontdoor: cannot start the terminal (is TERM set?)\n");
        Questionnaire_free(q);
        return 1;
    }
    TriageStart start = {.script = q, .source = argv[0], .offline = true};
    View_open(VIEW_TRIAGE, &start);
    Frame_resize();
    Loop_run();
    View_pop_all();
    Loop_cleanup();
    Term_end();
    Keymap_free(app.km);
    Diag_free(&diag);
    if (saved >= 0) {
        dup2(saved, STDOUT_FILENO);
        close(saved);
    }
    json_t *resp = TriageState_take_response();
    if (resp) {
        json_dumpf(resp, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', stdout);
        json_decref(resp);
    }
    return 0;
}

int ScriptCmd_main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "check") == 0)
        return Script_check(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "try") == 0)
        return Script_try(argc - 2, argv + 2);
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        Script_usage(stdout);
        return 0;
    }
    Script_usage(stderr);
    return 2;
}
