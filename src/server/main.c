/* frontdoord: the Frontdoor back end.
 *
 *   frontdoord --db PATH [--listen 127.0.0.1:8080] [--threads N]
 *              [--token-ttl SECONDS] [--tls-cert PEM --tls-key PEM]
 *              [--port-file FILE] [connection and sign-in limits, see usage()]
 *   frontdoord seed --db PATH [--customers N] [--seed S]
 *   frontdoord content --db PATH [--dir DIR]
 *   frontdoord open311-key --db PATH --name NAME
 *   frontdoord phone-key create NAME --db PATH | list --db PATH   (phone_keys.c)
 *   frontdoord user COMMAND --db PATH ...   (user_cmd.c)
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "common/diag.h"
#include "server/auth.h"
#include "server/content.h"
#include "server/store/custindex.h"
#include "server/keys.h"
#include "server/peers.h"
#include "server/presence.h"
#include "server/pwgate.h"
#include "server/store/queues.h"
#include "server/seed.h"
#include "server/server.h"
#include "server/store/store.h"
#include "server/user_cmd.h"
#include "server/eventsweep.h"
#include "server/eventwait.h"
#include "server/tide.h"
#include "server/throttle.h"

#define VERSION "0.1.0"

typedef struct Options {
    const char *db;
    const char *port_file;
    long token_ttl;
    ServerOptions server;
} Options;

static void usage(FILE *out)
{
    fprintf(out,
            "usage: frontdoord --db PATH [--listen HOST:PORT] [--threads N] [--token-ttl SECONDS]\n"
            "                  [--tls-cert PEM --tls-key PEM] [--port-file FILE]\n"
            "                  [--callback-release-minutes N]\n"
            "                  [--connections-per-address N] [--allow-address ADDR[/BITS]]...\n"
            "                  [--trusted-proxy ADDR[/BITS]]... [--keepalive-timeout S]\n"
            "                  [--header-timeout S] [--body-timeout S] [--password-workers N]\n"
            "                  [--login-throttle-rows N] [--presence-timeout S]\n"
            "                  [--events-hold-seconds S] [--events-max-waiters N]\n"
            "                  [--events-per-user N]\n"
            "                  [--events-retention-hours H] [--events-sweep-seconds S]\n"
            "       frontdoord seed --db PATH [--customers N] [--seed S]\n"
            "       frontdoord content --db PATH [--dir DIR]\n"
            "       frontdoord open311-key create NAME --db PATH | open311-key list --db PATH\n"
            "       frontdoord phone-key create NAME --db PATH | phone-key list --db PATH\n"
            "       frontdoord user add|list|set-password|add-team|remove-team|disable|enable ...\n"
            "       frontdoord --version\n");
}

/* The live channel's limits (branch ev-core): all at least 1. */
static int events_option(int c, unsigned v)
{
    switch (c) {
    case 'E': Eventwait_configure(v, 0); break;
    case 'M': Eventwait_configure(0, v); break;
    case 'U': Eventwait_set_per_user(v); break;
    case 'r': Eventsweep_configure(v, 0); break;
    default: Eventsweep_configure(0, v); break;
    }
    return 0;
}

/* The numeric limits: whole numbers, timeouts at least a second. */
static int limit_option(int c, const char *name, const char *arg, Options *o)
{
    char *end;
    unsigned long v = strtoul(arg, &end, 10);
    unsigned long least = c != 'A' && c != 'W';
    if (*end || end == arg || arg[0] == '-' || arg[0] == '+' || v > 1000000 || v < least) {
        fprintf(stderr, "frontdoord: --%s: '%s' is not a whole number from %lu to 1000000\n",
                name, arg, least);
        return -1;
    }
    ConnguardOptions *g = &o->server.guard;
    switch (c) {
    case 'A': g->per_address = (unsigned)v; break;
    case 'K': g->keepalive_seconds = (unsigned)v; break;
    case 'H': g->header_seconds = (unsigned)v; break;
    case 'B': g->body_seconds = (unsigned)v; break;
    case 'W': Pwgate_set_workers((unsigned)v); break;
    case 'E': case 'M': case 'U': case 'r': case 's': return events_option(c, (unsigned)v);
    case 'S': Presence_set_timeout((long)v); break;
    default: Throttle_set_max_rows((long)v); break;
    }
    return 0;
}

static int parse_options(int argc, char **argv, Options *o)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},        {"listen", required_argument, NULL, 'l'},
        {"threads", required_argument, NULL, 't'},   {"token-ttl", required_argument, NULL, 'T'},
        {"tls-cert", required_argument, NULL, 'c'},  {"tls-key", required_argument, NULL, 'k'},
        {"port-file", required_argument, NULL, 'p'}, {"help", no_argument, NULL, 'h'},
        {"callback-release-minutes", required_argument, NULL, 'R'},
        {"version", no_argument, NULL, 'V'},
        {"connections-per-address", required_argument, NULL, 'A'},
        {"allow-address", required_argument, NULL, 'a'},
        {"trusted-proxy", required_argument, NULL, 'P'},
        {"keepalive-timeout", required_argument, NULL, 'K'},
        {"header-timeout", required_argument, NULL, 'H'},
        {"body-timeout", required_argument, NULL, 'B'},
        {"password-workers", required_argument, NULL, 'W'},
        {"login-throttle-rows", required_argument, NULL, 'F'},
        {"events-hold-seconds", required_argument, NULL, 'E'},
        {"events-max-waiters", required_argument, NULL, 'M'},
        {"events-per-user", required_argument, NULL, 'U'},
        {"events-retention-hours", required_argument, NULL, 'r'},
        {"events-sweep-seconds", required_argument, NULL, 's'},
        {"presence-timeout", required_argument, NULL, 'S'},
        {NULL, 0, NULL, 0},
    };
    char err[256];
    int c, at = 0;
    while ((c = getopt_long(argc, argv, "", longopts, &at)) != -1) {
        switch (c) {
        case 'd': o->db = optarg; break;
        case 'l': o->server.listen = optarg; break;
        case 't': o->server.threads = (unsigned)strtoul(optarg, NULL, 10); break;
        case 'T': o->token_ttl = strtol(optarg, NULL, 10); break;
        case 'c': o->server.tls_cert = optarg; break;
        case 'k': o->server.tls_key = optarg; break;
        case 'p': o->port_file = optarg; break;
        case 'R': Queues_set_release_minutes(strtol(optarg, NULL, 10)); break;
        case 'A': case 'K': case 'H': case 'B': case 'W': case 'F': case 'S':
        case 'E': case 'M': case 'U': case 'r': case 's':
            if (limit_option(c, longopts[at].name, optarg, o) < 0)
                return -1;
            break;
        case 'a': case 'P':
            if ((c == 'a' ? Peers_add_allowed : Peers_add_proxy)(optarg, err, sizeof err) < 0) {
                fprintf(stderr, "frontdoord: %s\n", err);
                return -1;
            }
            break;
        case 'h': usage(stdout); exit(0);
        case 'V': printf("frontdoord %s\n", VERSION); exit(0);
        default: usage(stderr); return -1;
        }
    }
    if (optind < argc || !o->db) {
        fprintf(stderr, "frontdoord: %s\n", o->db ? "unexpected argument" : "--db PATH is required");
        usage(stderr);
        return -1;
    }
    if (o->server.threads > 256 || o->token_ttl < 0) {
        fprintf(stderr, "frontdoord: --threads must be 1-256 and --token-ttl positive\n");
        return -1;
    }
    /* A client waiting in a long-poll sends nothing else: its next request
     * comes when the hold ends, and must come before it is counted gone. */
    if (Presence_timeout() < (long)Eventwait_hold_seconds() + 2) {
        fprintf(stderr, "frontdoord: --presence-timeout (%ld s) must be at least 2 s longer than"
                " --events-hold-seconds (%u s), or waiting clients show as signed out\n",
                Presence_timeout(), Eventwait_hold_seconds());
        return -1;
    }
    return 0;
}

static int write_port_file(const char *path, int port)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f || fprintf(f, "%d\n", port) < 0 || fclose(f) != 0 || rename(tmp, path) != 0) {
        fprintf(stderr, "frontdoord: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* Block until SIGTERM or SIGINT; the HTTP threads never see them. */
static int wait_for_stop(void)
{
    sigset_t set;
    int sig = 0;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigwait(&set, &sig);
    return sig;
}

/* Name keys an older frontdoord folded differently (schema 11) are
 * rebuilt before the first search could miss them. */
static int refresh_name_keys(void)
{
    Db *db = Db_get();
    long long n = db ? Custindex_refresh_stale(db) : -1;
    if (n < 0) {
        fprintf(stderr, "frontdoord: cannot rebuild the customer name index\n");
        return -1;
    }
    if (n > 0)
        Log_event(LOG_INFO, "name_keys_rebuilt", "customers=%lld", n);
    return 0;
}

static int serve(Options *o)
{
    char err[512];
    if (Db_init(o->db, err, sizeof err) < 0) {
        fprintf(stderr, "frontdoord: %s\n", err);
        return 1;
    }
    if (refresh_name_keys() < 0)
        return 1;
    if (o->token_ttl)
        Auth_set_token_ttl(o->token_ttl);
    if (Tide_load(Content_default_dir(), err, sizeof err) < 0) {
        fprintf(stderr, "frontdoord: %s\n", err);
        return 1;
    }
    int port = Server_start(&o->server, err, sizeof err);
    if (port >= 0 && Eventsweep_start() < 0) {
        Server_stop();
        snprintf(err, sizeof err, "cannot start the events sweep");
        port = -1;
    }
    if (port >= 0 && Presence_start() < 0) {
        Eventsweep_stop();
        Server_stop();
        snprintf(err, sizeof err, "cannot start the presence sweep");
        port = -1;
    }
    if (port < 0) {
        fprintf(stderr, "frontdoord: %s\n", err);
        return 1;
    }
    const char *host = o->server.listen;
    int hostlen = (int)(strrchr(host, ':') - host);
    printf("frontdoord: listening on %s://%.*s:%d\n", o->server.tls_cert ? "https" : "http",
           hostlen, host, port);
    fflush(stdout);
    Log_event(LOG_INFO, "started", "port=%d", port);
    if (o->port_file && write_port_file(o->port_file, port) < 0) {
        Eventsweep_stop();
        Presence_stop();
        Server_stop();
        return 1;
    }
    int sig = wait_for_stop();
    Log_event(LOG_INFO, "stopping", "signal=%d", sig);
    Eventsweep_stop();
    Presence_stop();
    Server_stop();   /* finishes requests in flight; committed writes are on disk */
    Db_shutdown();
    Log_event(LOG_INFO, "stopped", NULL);
    return 0;
}

/* frontdoord content --db PATH [--dir DIR]: load or refresh the shipped
 * content (wrap codes, services, scripts, articles) in an existing database. */
static int content_main(int argc, char **argv)
{
    const char *db_path = NULL, *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db_path = argv[++i];
        else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
            dir = argv[++i];
        else
            db_path = NULL, i = argc;
    }
    if (!db_path) {
        fprintf(stderr, "usage: frontdoord content --db PATH [--dir DIR]\n");
        return 2;
    }
    char err[512];
    Diag diag = DIAG_INIT;
    Db *db;
    if (Db_init_existing(db_path, err, sizeof err) < 0 || !(db = Db_get()) || Db_begin(db) < 0) {
        fprintf(stderr, "frontdoord: %s\n", err);
        return 1;
    }
    int errors = Content_load(db, dir ? dir : Content_default_dir(), &diag);
    for (size_t i = 0; i < diag.count; i++)
        fprintf(stderr, "%s\n", diag.lines[i]);
    if (errors == 0 && Db_commit(db) == 0)
        printf("frontdoord: content loaded from %s\n", dir ? dir : Content_default_dir());
    else
        Db_rollback(db);
    Diag_free(&diag);
    Db_shutdown();
    return errors ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "seed") == 0)
        return Seed_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "content") == 0)
        return content_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "open311-key") == 0)
        return Keys_main(CLIENT_KEYS_OPEN311, argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "phone-key") == 0)
        return Keys_main(CLIENT_KEYS_PHONE, argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "user") == 0)
        return User_cmd_main(argc - 1, argv + 1);
    /* Block the stop signals before any thread starts so they are all
     * delivered to sigwait in the main thread. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    Options o = {.server = {.listen = "127.0.0.1:8080", .threads = 8, .max_body = 1024 * 1024,
                            .guard = {.per_address = 32, .keepalive_seconds = 30,
                                      .header_seconds = 10, .body_seconds = 30}}};
    if (parse_options(argc, argv, &o) < 0)
        return 2;
    return serve(&o);
}
