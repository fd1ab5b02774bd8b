/* config: the client's settings, from one table of options (tmux style).
 *
 * Files hold "key = value" lines; '#' starts a comment; values may be in
 * double or single quotes; a value starting "~/" is under $HOME. Unknown
 * keys and bad values are reported as "file:line: message" and the rest of
 * the file still loads. Later layers override earlier ones. */
#ifndef FD_CONFIG_H
#define FD_CONFIG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "common/diag.h"

#define CONFIG_STR 1024
#define CONFIG_SYSTEM_FILE "/etc/frontdoor/frontdoor.conf"

typedef enum Tristate { TRI_AUTO, TRI_YES, TRI_NO } Tristate;

typedef struct Config {
    char server_url[CONFIG_STR];
    char keymap[CONFIG_STR];        /* "default", "vi", "cua" or a path */
    char keymap_file[CONFIG_STR];   /* "" = $XDG_CONFIG_HOME/frontdoor/keymap */
    char screens_dir[CONFIG_STR];   /* "" = built-in screens only */
    int idle_lock_minutes;          /* 0 = never lock */
    char timezone[CONFIG_STR];
    Tristate ascii_lines;
    Tristate color;
    bool tls_verify;
    char ca_file[CONFIG_STR];
    int request_timeout_seconds;
    int retry_seconds;
    int outbox_retry_max_seconds;   /* the outbox's backoff cap */
    char state_dir[CONFIG_STR];
    char log_file[CONFIG_STR];      /* "" = <state_dir>/frontdoor.log */
    int page_size;
    int history_size;
    /* The queue's "rising tide" (surge.h): the action the centre agreed
     * for each level. The levels themselves are the server's (tide.conf). */
    char surge_level1_text[CONFIG_STR];
    char surge_level2_text[CONFIG_STR];
    char surge_level3_text[CONFIG_STR];
    char surge_level4_text[CONFIG_STR];
    /* The identity check (issue 9.6): which questions, and how many must
     * be answered correctly. */
    char identity_checks[CONFIG_STR];
    int identity_checks_required;
    /* Where each of those two was last set, for an error about the pair
     * (Config_check); not options themselves. */
    char identity_checks_from[CONFIG_STR], identity_required_from[CONFIG_STR];
    int identity_checks_line, identity_required_line;
} Config;

typedef enum ConfigType { OPT_STRING, OPT_PATH, OPT_INT, OPT_BOOL, OPT_TRISTATE } ConfigType;

typedef struct ConfigOption {
    const char *name;
    ConfigType type;
    size_t offset;
    const char *def;      /* default, as it would be written in the file */
    int min, max;         /* OPT_INT only */
    const char *description;
} ConfigOption;

/* The option table, for the example file, the man page and tests. */
const ConfigOption *Config_options(size_t *count);

/* Every option at its default, with state_dir and log_file resolved. */
void Config_defaults(Config *c);
/* Fills an empty state_dir ($XDG_STATE_HOME/frontdoor, else
 * ~/.local/state/frontdoor) and log_file (<state_dir>/frontdoor.log). */
void Config_resolve(Config *c);
/* Set one option from text (a file line or a command-line flag); origin and
 * line go into the diagnostic ("--server" with line 0 is fine). 0 or -1. */
int Config_set(Config *c, const char *key, const char *value,
               const char *origin, int line, Diag *diag);
/* The settings that must agree with each other, once every layer is
 * read: identity_checks_required is at most the number of identity_checks
 * (else it is reported where it was set and lowered to that number).
 * Returns the number of errors. */
int Config_check(Config *c, Diag *diag);
/* Returns the number of errors. A missing file is an error only when
 * must_exist. */
int Config_load_file(Config *c, const char *path, bool must_exist, Diag *diag);
/* CONFIG_SYSTEM_FILE, $XDG_CONFIG_HOME/frontdoor/frontdoor.conf (default
 * ~/.config), $FRONTDOOR_CONFIG (must exist when set), then explicit_path
 * (must exist when not NULL). Starts from Config_defaults; ends with
 * Config_check. */
int Config_load_standard(Config *c, const char *explicit_path, Diag *diag);

/* The value as it would be written in a file ("yes", "auto", "10"). */
const char *Config_format(const Config *c, const ConfigOption *o, char *buf, size_t n);
/* Prints every option as "key = value", for frontdoor --dump-config. */
void Config_write(const Config *c, FILE *out);

#endif
