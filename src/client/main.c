/* frontdoor: the advisor's terminal client. */
#include <curses.h>
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "client/api/api.h"
#include "client/core/app.h"
#include "client/core/frame.h"
#include "client/cases/cases.h"
#include "client/core/http.h"
#include "client/core/loop.h"
#include "client/core/prompt.h"
#include "client/triage/script_cmd.h"
#include "client/session/secret.h"
#include "client/session/session.h"
#include "client/session/view_login.h"
#include "client/core/term.h"
#include "client/core/version.h"
#include "client/session/work.h"
#include "client/core/view.h"
#include "client/kb/kbpane.h"
#include "client/queue/callback_due.h"
#include "client/queue/view_queue.h"
#include "client/live/live.h"
#include "client/mywork/mywork.h"
#include "client/presence/presence.h"
#include "client/screenpop/screenpop.h"
#include "client/triage/view_reason.h"
#include "client/triage/view_triage.h"
#include "common/log.h"

/* The one place that knows every view: the rest open them by id. */
#define MAIN_DECLARE_VIEW(ID, name) extern const ViewOps view_##name##_ops;
VIEW_INFO(MAIN_DECLARE_VIEW)
#undef MAIN_DECLARE_VIEW

static void Main_status(char *out, size_t cap, int *clock_w);

/* The views, and the features' shares of the global actions (in this
 * order: none takes another's action). */
static void Main_register(void)
{
#define MAIN_REGISTER_VIEW(ID, name) View_register(VIEW_##ID, &view_##name##_ops);
    VIEW_INFO(MAIN_REGISTER_VIEW)
#undef MAIN_REGISTER_VIEW
    Frame_add_actions(Session_action);
    Frame_add_actions(ViewReason_action);
    Frame_add_actions(KbPane_global_action);
    Frame_add_actions(Cases_action);
    Frame_add_actions(Work_action);
    Frame_add_actions(Presence_action);
    Frame_add_actions(MyWork_action);
    Frame_set_hold(ViewTriage_holds_safeguarding);
    Frame_set_quit_guard(Work_confirm_quit);
    Frame_set_status(Main_status, Work_clock_at);
}

/* The status line's left part: the work (clock, outbox), then the
 * advisor's state and my work's counts. */
static void Main_status(char *out, size_t cap, int *clock_w)
{
    char work[300], state[100], mine[200];
    Work_status(work, sizeof work, clock_w);
    Presence_text(state, sizeof state);
    MyWork_text(mine, sizeof mine);
    snprintf(out, cap, "%s%s%s%s%s", work, work[0] && state[0] ? " | " : "", state,
             (work[0] || state[0]) && mine[0] ? " | " : "", mine);
}

static void Main_usage(FILE *out)
{
    fprintf(out,
            "usage: frontdoor [--server URL] [--config FILE] [--keymap NAME]\n"
            "       frontdoor --version | --help | --dump-actions-man\n"
            "       frontdoor script check FILE... | script try FILE\n"
            "\n"
            "  --server URL      the frontdoord to talk to (server_url)\n"
            "  --config FILE     read FILE after the standard configuration files\n"
            "  --keymap NAME     default, vi, cua, or a keymap file's path\n"
            "  --dump-actions-man  print the ACTIONS section of frontdoor-keymap(5)\n"
            "\nSee frontdoor(1).\n");
}

typedef struct Args {
    const char *server, *config, *keymap;
} Args;

/* Returns -1 to continue, else the exit status. */
static int Main_args(int argc, char **argv, Args *a)
{
    static const struct option opts[] = {
        {"server", required_argument, NULL, 's'},
        {"config", required_argument, NULL, 'c'},
        {"keymap", required_argument, NULL, 'k'},
        {"version", no_argument, NULL, 'V'},
        {"help", no_argument, NULL, 'h'},
        {"dump-actions-man", no_argument, NULL, 'A'},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "s:c:k:Vh", opts, NULL)) != -1) {
        switch (c) {
        case 's': a->server = optarg; break;
        case 'c': a->config = optarg; break;
        case 'k': a->keymap = optarg; break;
        case 'V': printf("frontdoor %s\n", FD_VERSION); return 0;
        case 'h': Main_usage(stdout); return 0;
        case 'A': Actions_write_man_section(stdout); return 0;
        default: Main_usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "frontdoor: unexpected argument '%s'\n", argv[optind]);
        Main_usage(stderr);
        return 2;
    }
    return -1;
}

static int Main_mkdirs(const char *path)
{
    char tmp[CONFIG_STR];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(tmp, 0700) < 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    }
    return mkdir(tmp, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

/* Configuration, keymap and screens; every problem lands in diag. */
static int Main_load(const Args *a, Diag *diag)
{
    Config_load_standard(&app.cfg, a->config, diag);
    if (a->server)
        Config_set(&app.cfg, "server_url", a->server, "--server", 0, diag);
    if (a->keymap)
        Config_set(&app.cfg, "keymap", a->keymap, "--keymap", 0, diag);
    if (Main_mkdirs(app.cfg.state_dir) < 0)
        Diag_add(diag, app.cfg.state_dir, 0, "cannot create the state directory: %s", strerror(errno));
    Log_set_file(app.cfg.log_file);
    app.km = Keymap_build(app.cfg.keymap, app.cfg.keymap_file, diag);
    app.search_screen = Screen_load("search", app.cfg.screens_dir, diag);
    app.customer_screen = Screen_load("customer", app.cfg.screens_dir, diag);
    if (!app.km || !app.search_screen || !app.customer_screen) {
        fprintf(stderr, "frontdoor: cannot load the built-in keymap or screens\n");
        for (size_t i = 0; i < diag->count; i++)
            fprintf(stderr, "%s\n", diag->lines[i]);
        return -1;
    }
    return 0;
}

static void Main_report_diag(const Diag *diag)
{
    /* The screen has room for the first; the message sends the reader to
     * the log for the others, so each is written there in full (a setting
     * and its file, never a customer's details). */
    for (size_t i = 0; i < diag->count; i++)
        Log_event(LOG_WARN, "config_problem", "n=%zu text=\"%s\"", i + 1, diag->lines[i]);
    if (diag->count == 1)
        App_error("%s", diag->lines[0]);
    else if (diag->count > 1)
        App_error("%s (and %zu more problems; see frontdoor.log)", diag->lines[0], diag->count - 1);
}

static void Main_stored_token(bool ok, const char *why, const char *token, const char *username,
                              const char *expires_at)
{
    (void)why;
    View *login = View_find_id(VIEW_LOGIN);
    if (!login)
        return;
    if (ok && token && username)
        ViewLogin_verify(login, token, username, expires_at);
    else
        ViewLogin_ready(login, NULL);
}

static int Main_max_wait(void)
{
    /* libsecret answers through GLib's main context, which is not among
     * the polled descriptors: look at it often while it has work. */
    return Secret_pending() ? 20 : -1;
}

/* After every wake: the features that follow what the advisor does
 * (presence, my work, the screen pop) look at it once. */
static void Main_after_wake(void)
{
    if (Secret_pending())
        Secret_pump();
    Presence_sync();
    MyWork_sync();
    ScreenPop_sync();
}

static int Main_start(void)
{
    HttpOptions ho = {
        .verify_tls = app.cfg.tls_verify,
        .ca_file = app.cfg.ca_file,
        .connect_timeout_ms = 5000,
        .timeout_ms = app.cfg.request_timeout_seconds * 1000L,
    };
    if (Http_init(&ho) < 0)
        return -1;
    Api_set_server(app.cfg.server_url);
    Api_set_retry_seconds(app.cfg.retry_seconds);
    Work_init();
    Cases_init();
    ViewQueue_init();
    CallbackDue_init();
    MyWork_init();
    ScreenPop_init();
    LoopHooks hooks = {
        .key = Frame_key, .resize = Frame_winch, .relayout = Frame_resize, .draw = Frame_draw,
        .signal_quit = Frame_signal_quit, .after_wake = Main_after_wake,
        .max_wait_ms = Main_max_wait,
    };
    return Loop_init(&hooks);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    Main_register();
    if (argc > 1 && strcmp(argv[1], "script") == 0)
        return ScriptCmd_main(argc - 1, argv + 1);
    Args args = {0};
    int rc = Main_args(argc, argv, &args);
    if (rc >= 0)
        return rc;
    Diag diag = DIAG_INIT;
    if (Main_load(&args, &diag) < 0 || Main_start() < 0) {
        Diag_free(&diag);
        return 1;
    }
    Screen_set_format_options(app.cfg.ascii_lines == TRI_YES, app.cfg.timezone);
    if (Term_init(&app.cfg) < 0) {
        fprintf(stderr, "frontdoor: cannot start the terminal (is TERM set?)\n");
        return 1;
    }
    Screen_set_format_options(Term_ascii(), app.cfg.timezone);
    Log_event(LOG_INFO, "start", "version=%s", FD_VERSION);
    View_open(VIEW_LOGIN, NULL);
    Main_report_diag(&diag);
    Diag_free(&diag);
    if (Secret_bus_present())
        Secret_load(Api_server(), Main_stored_token);
    Frame_resize();
    Loop_run();
    Live_stop();
    Presence_goodbye();
    View_pop_all();
    Work_signed_out();
    Prompt_save_all();
    Api_cleanup();
    Http_cleanup();
    Loop_cleanup();
    Term_end();
    Keymap_free(app.km);
    Screen_free(app.search_screen);
    Screen_free(app.customer_screen);
    Log_event(LOG_INFO, "exit", NULL);
    return 0;
}
