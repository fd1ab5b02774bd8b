#include "client/core/config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "client/customer/identity.h"
#include "common/buf.h"
#include "common/text.h"

#define OPT(field, type, def, min, max, desc) \
    {#field, type, offsetof(Config, field), def, min, max, desc}

static const ConfigOption options[] = {
    OPT(server_url, OPT_STRING, "http://127.0.0.1:8080", 0, 0,
        "Base URL of frontdoord (http:// or https://)."),
    OPT(keymap, OPT_STRING, "default", 0, 0,
        "Key bindings loaded over the built-in ones: default, vi, cua, or a file path."),
    OPT(keymap_file, OPT_PATH, "", 0, 0,
        "Your own bindings, loaded last. Empty means $XDG_CONFIG_HOME/frontdoor/keymap if it exists."),
    OPT(screens_dir, OPT_PATH, "", 0, 0,
        "Directory of the council's own search.screen and customer.screen. Empty means the built-in screens."),
    OPT(idle_lock_minutes, OPT_INT, "10", 0, 1440,
        "Lock the screen after this many idle minutes; 0 never locks."),
    OPT(timezone, OPT_STRING, "Europe/London", 0, 0,
        "Time zone that times are shown in."),
    OPT(ascii_lines, OPT_TRISTATE, "auto", 0, 0,
        "Draw borders with ASCII characters: auto (when the terminal is not UTF-8), yes or no."),
    OPT(color, OPT_TRISTATE, "auto", 0, 0,
        "Use colour: auto (when the terminal has it and NO_COLOR is not set), yes or no."),
    OPT(tls_verify, OPT_BOOL, "yes", 0, 0,
        "Check the server's TLS certificate. Only turn this off on a test system."),
    OPT(ca_file, OPT_PATH, "", 0, 0,
        "CA certificate bundle for the server's certificate. Empty means the system's."),
    OPT(request_timeout_seconds, OPT_INT, "15", 1, 600,
        "Give up on a request after this many seconds."),
    OPT(retry_seconds, OPT_INT, "5", 1, 3600,
        "Wait between automatic retries of reads while the server is unreachable."),
    OPT(outbox_retry_max_seconds, OPT_INT, "60", 1, 3600,
        "Longest wait between attempts to send a record from the outbox; the wait starts at 1 s and doubles."),
    OPT(state_dir, OPT_PATH, "", 0, 0,
        "Where history, the log and the outbox journal (unsent records) are kept. Empty means $XDG_STATE_HOME/frontdoor (~/.local/state/frontdoor)."),
    OPT(log_file, OPT_PATH, "", 0, 0,
        "The client's log. Empty means frontdoor.log in state_dir."),
    OPT(page_size, OPT_INT, "50", 10, 500,
        "Search results fetched per request."),
    OPT(history_size, OPT_INT, "500", 0, 100000,
        "Lines of search-box history kept between runs; 0 keeps none."),
    OPT(surge_level1_text, OPT_STRING, "Back-office staff check the queue between their own work.", 0, 0,
        "Rising tide level 1 (the server sets the level, from its tide.conf): what staff do at this level, shown in the queue's surge banner."),
    OPT(surge_level2_text, OPT_STRING, "Back-office staff on the surge rota today join the queue now.", 0, 0,
        "Rising tide level 2 (the server sets the level, from its tide.conf): what staff do at this level, shown in the queue's surge banner."),
    OPT(surge_level3_text, OPT_STRING, "Team leaders pause non-urgent work; advisors offer call-backs instead of holds.", 0, 0,
        "Rising tide level 3 (the server sets the level, from its tide.conf): what staff do at this level, shown in the queue's surge banner."),
    OPT(surge_level4_text, OPT_STRING, "Everyone trained on this queue works it; the supervisor tells the duty manager.", 0, 0,
        "Rising tide level 4 (the server sets the level, from its tide.conf): what staff do at this level, shown in the queue's surge banner."),
    OPT(identity_checks, OPT_STRING, "date_of_birth,postcode,reference", 0, 0,
        "Ways a caller may prove who they are, from date_of_birth, postcode and reference, comma-separated; the record asks for them before account details are discussed."),
    OPT(identity_checks_required, OPT_INT, "2", 1, 3,
        "How many of identity_checks the caller must answer correctly for their identity to count as checked."),
};

#define NOPTIONS (sizeof options / sizeof options[0])

const ConfigOption *Config_options(size_t *count)
{
    *count = NOPTIONS;
    return options;
}

static const ConfigOption *Config_option(const char *name)
{
    for (size_t i = 0; i < NOPTIONS; i++)
        if (strcmp(options[i].name, name) == 0)
            return &options[i];
    return NULL;
}

static int parse_bool(const char *v)
{
    static const char *const yes[] = {"yes", "true", "on", "1"}, *const no[] = {"no", "false", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0) return 1;
        if (strcasecmp(v, no[i]) == 0) return 0;
    }
    return -1;
}

/* "~/x" -> "$HOME/x"; false when the result does not fit. */
static bool expand_path(const char *v, char *out, size_t cap)
{
    const char *home = getenv("HOME");
    int n = strncmp(v, "~/", 2) == 0 && home ? snprintf(out, cap, "%s%s", home, v + 1)
                                             : snprintf(out, cap, "%s", v);
    return n >= 0 && (size_t)n < cap;
}

/* Checks that only some string options need. */
static const char *string_problem(const ConfigOption *o, const char *v)
{
    if (strcmp(o->name, "server_url") == 0
        && strncmp(v, "http://", 7) != 0 && strncmp(v, "https://", 8) != 0)
        return "must start with http:// or https://";
    if (strcmp(o->name, "timezone") == 0
        && (!*v || strstr(v, "..") || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                              "0123456789/_+-:") != strlen(v)))
        return "is not a time zone name (like Europe/London)";
    if (strcmp(o->name, "keymap") == 0 && !*v)
        return "must name a keymap (default, vi, cua) or a file";
    return NULL;
}

/* Where the identity settings were set, for Config_check's error. */
static void Config_note_where(Config *c, const ConfigOption *o, const char *origin, int line)
{
    bool checks = strcmp(o->name, "identity_checks") == 0;
    if (!checks && strcmp(o->name, "identity_checks_required") != 0)
        return;
    snprintf(checks ? c->identity_checks_from : c->identity_required_from, CONFIG_STR, "%s", origin);
    *(checks ? &c->identity_checks_line : &c->identity_required_line) = line;
}

/* identity_checks is a list: each name that is not a way to check
 * identity (or is one named again) is an error, the names that are stay
 * (the valid part), and a list with none of them keeps the value it had. */
static int Config_identity_checks(Config *c, const ConfigOption *o, const char *value,
                                  const char *origin, int line, Diag *diag)
{
    int bad = 0;
    size_t len, n;
    bool again;
    const char *name, *m[8];
    for (const char *p = value; (name = Identity_bad_name(value, &p, &len, &again)); bad++)
        if (again)
            Diag_add(diag, origin, line, "identity_checks: '%.*s' is named twice; it is asked once",
                     (int)len, name);
        else
            Diag_add(diag, origin, line, "identity_checks: '%.*s' is not a way to check identity (%s)",
                     (int)len, name, Identity_codes());
    if (!(n = Identity_methods(value, m, 8))) {
        Diag_add(diag, origin, line, "identity_checks: '%s' names none of %s; still %s",
                 value, Identity_codes(), c->identity_checks);
        return -1;
    }
    size_t used = 0;
    for (size_t i = 0; i < n; i++)
        used += (size_t)snprintf(c->identity_checks + used, CONFIG_STR - used, "%s%s", i ? "," : "", m[i]);
    Config_note_where(c, o, origin, line);
    return bad ? -1 : 0;
}

/* The rising tide's thresholds moved to the server (tide.conf in
 * frontdoord's content, issue 12): say where, rather than "unknown". */
static bool Config_retired(const char *key)
{
    int level, n = 0;
    if (sscanf(key, "surge_level%d_%n", &level, &n) != 1 || n == 0)
        return false;
    return strcmp(key + n, "depth") == 0 || strcmp(key + n, "oldest_minutes") == 0;
}

int Config_set(Config *c, const char *key, const char *value, const char *origin, int line, Diag *diag)
{
    const ConfigOption *o = Config_option(key);
    if (!o && Config_retired(key)) {
        Diag_add(diag, origin, line, "'%s' is ignored: the server sets the rising tide's levels now "
                 "(tide.conf in frontdoord's content)", key);
        return -1;
    }
    if (!o) {
        Diag_add(diag, origin, line, "unknown option '%s'", key);
        return -1;
    }
    char *field = (char *)c + o->offset;
    const char *problem = NULL;
    int n;
    switch (o->type) {
    case OPT_STRING:
        if (strcmp(o->name, "identity_checks") == 0)
            return Config_identity_checks(c, o, value, origin, line, diag);
        if (!(problem = string_problem(o, value)) && strlen(value) >= CONFIG_STR)
            problem = "is too long";
        if (!problem)
            strcpy(field, value);
        break;
    case OPT_PATH:
        if (!expand_path(value, field, CONFIG_STR))
            problem = "is too long";
        break;
    case OPT_INT: {
        char *end;
        errno = 0;
        long v = strtol(value, &end, 10);
        if (errno || end == value || *end || v < o->min || v > o->max)
            problem = "must be a whole number in range";
        else
            *(int *)field = (int)v;
        break;
    }
    case OPT_BOOL:
        if ((n = parse_bool(value)) < 0)
            problem = "must be yes or no";
        else
            *(bool *)field = n;
        break;
    case OPT_TRISTATE:
        if (strcasecmp(value, "auto") == 0)
            *(Tristate *)field = TRI_AUTO;
        else if ((n = parse_bool(value)) < 0)
            problem = "must be auto, yes or no";
        else
            *(Tristate *)field = n ? TRI_YES : TRI_NO;
        break;
    }
    if (!problem) {
        Config_note_where(c, o, origin, line);
        return 0;
    }
    if (o->type == OPT_INT)
        Diag_add(diag, origin, line, "%s: '%s' must be a whole number from %d to %d",
                 key, value, o->min, o->max);
    else
        Diag_add(diag, origin, line, "%s: '%s' %s", key, value, problem);
    return -1;
}

int Config_check(Config *c, Diag *diag)
{
    const char *m[8];
    int n = (int)Identity_methods(c->identity_checks, m, 8), want = c->identity_checks_required;
    if (!n || want <= n)
        return 0;
    /* Said where the number was set, or else where the list was. */
    if (c->identity_required_line > 0 || strcmp(c->identity_required_from, "defaults") != 0)
        Diag_add(diag, c->identity_required_from, c->identity_required_line,
                 "identity_checks_required: %d is more than the %d in identity_checks (%s); %d will be asked for",
                 want, n, c->identity_checks, n);
    else
        Diag_add(diag, c->identity_checks_from, c->identity_checks_line,
                 "identity_checks: '%s' names %d, fewer than identity_checks_required (%d); %d will be asked for",
                 c->identity_checks, n, want, n);
    c->identity_checks_required = n;
    return 1;
}

void Config_defaults(Config *c)
{
    Diag ignore = DIAG_INIT;
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < NOPTIONS; i++)
        Config_set(c, options[i].name, options[i].def, "defaults", 0, &ignore);
    Diag_free(&ignore);
    Config_resolve(c);
}

void Config_resolve(Config *c)
{
    const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    if (!c->state_dir[0]) {
        if (xdg && *xdg)
            snprintf(c->state_dir, CONFIG_STR, "%.*s/frontdoor", CONFIG_STR - 16, xdg);
        else
            snprintf(c->state_dir, CONFIG_STR, "%.*s/.local/state/frontdoor", CONFIG_STR - 32,
                     home && *home ? home : ".");
    }
    if (!c->log_file[0])
        snprintf(c->log_file, CONFIG_STR, "%.*s/frontdoor.log", CONFIG_STR - 16, c->state_dir);
}

/* The value part of a line, unquoted, with a trailing " # comment" cut
 * off; NULL when a quote is not closed. */
static char *line_value(char *v)
{
    v = Text_trim(v);
    if (*v == '"' || *v == '\'') {
        char *close = strchr(v + 1, *v);
        if (!close)
            return NULL;
        char *rest = Text_trim(close + 1);
        if (*rest && *rest != '#')
            return NULL;
        *close = '\0';
        return v + 1;
    }
    for (char *p = v; *p; p++) {
        if (*p == '#' && (p == v || p[-1] == ' ' || p[-1] == '\t')) {
            *p = '\0';
            break;
        }
    }
    return Text_trim(v);
}

static int load_line(Config *c, char *line, const char *path, int lineno, Diag *diag)
{
    char *s = Text_trim(line);
    if (!*s || *s == '#')
        return 0;
    char *eq = strchr(s, '=');
    if (!eq) {
        Diag_add(diag, path, lineno, "expected: key = value");
        return 1;
    }
    *eq = '\0';
    char *key = Text_trim(s), *value = line_value(eq + 1);
    if (!*key) {
        Diag_add(diag, path, lineno, "expected: key = value");
        return 1;
    }
    if (!value) {
        Diag_add(diag, path, lineno, "%s: unterminated quote or text after the closing quote", key);
        return 1;
    }
    return Config_set(c, key, value, path, lineno, diag) < 0;
}

int Config_load_file(Config *c, const char *path, bool must_exist, Diag *diag)
{
    Buf b = BUF_INIT;
    if (Buf_read_file(&b, path) < 0) {
        if (errno == ENOENT && !must_exist)
            return 0;
        Diag_add(diag, path, 0, "cannot read configuration: %s", strerror(errno));
        return 1;
    }
    int errors = 0, lineno = 0;
    char *save = NULL, *text = b.data ? b.data : (char *)"";
    /* strtok_r would skip blank lines and so miscount; split by hand. */
    for (char *line = text; line; line = save) {
        char *nl = strchr(line, '\n');
        save = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        if (!*line && !save)
            break;
        errors += load_line(c, line, path, ++lineno, diag);
    }
    Buf_free(&b);
    return errors;
}

int Config_load_standard(Config *c, const char *explicit_path, Diag *diag)
{
    char path[PATH_MAX];
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    const char *env = getenv("FRONTDOOR_CONFIG");
    int errors = 0;
    Config_defaults(c);
    c->state_dir[0] = c->log_file[0] = '\0';
    errors += Config_load_file(c, CONFIG_SYSTEM_FILE, false, diag);
    if (xdg && *xdg)
        snprintf(path, sizeof path, "%s/frontdoor/frontdoor.conf", xdg);
    else
        snprintf(path, sizeof path, "%s/.config/frontdoor/frontdoor.conf", home ? home : ".");
    errors += Config_load_file(c, path, false, diag);
    if (env && *env)
        errors += Config_load_file(c, env, true, diag);
    if (explicit_path)
        errors += Config_load_file(c, explicit_path, true, diag);
    errors += Config_check(c, diag);
    Config_resolve(c);
    return errors;
}

const char *Config_format(const Config *c, const ConfigOption *o, char *buf, size_t n)
{
    const char *field = (const char *)c + o->offset;
    switch (o->type) {
    case OPT_INT: snprintf(buf, n, "%d", *(const int *)field); break;
    case OPT_BOOL: snprintf(buf, n, "%s", *(const bool *)field ? "yes" : "no"); break;
    case OPT_TRISTATE: {
        Tristate t = *(const Tristate *)field;
        snprintf(buf, n, "%s", t == TRI_AUTO ? "auto" : t == TRI_YES ? "yes" : "no");
        break;
    }
    default: snprintf(buf, n, "%s", field); break;
    }
    return buf;
}

void Config_write(const Config *c, FILE *out)
{
    char buf[CONFIG_STR + 8];
    for (size_t i = 0; i < NOPTIONS; i++) {
        const char *v = Config_format(c, &options[i], buf, sizeof buf);
        bool quote = !*v || strchr(v, '#') || v[0] == ' ';
        fprintf(out, quote ? "%s = \"%s\"\n" : "%s = %s\n", options[i].name, v);
    }
}
