#include "client/core/keymap.h"

#include <ctype.h>
#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "client/core/embedded.h"
#include "common/buf.h"

#ifndef FD_DATADIR
#define FD_DATADIR "/usr/local/share/frontdoor"
#endif

typedef struct Binding {
    int key;
    Action action;
} Binding;

struct Keymap {
    Binding bind[CTX_COUNT][KEYMAP_MAX_BINDINGS];
    size_t count[CTX_COUNT];
};

/* Named keys; the first name for a code is the canonical one. */
static const struct { const char *name; int key; } key_names[] = {
    {"Enter", '\n'}, {"Return", '\n'}, {"Esc", 27}, {"Escape", 27},
    {"Tab", '\t'}, {"BTab", KEY_BTAB}, {"S-Tab", KEY_BTAB},
    {"Space", ' '}, {"Backspace", KEY_BACKSPACE}, {"BS", KEY_BACKSPACE},
    {"Up", KEY_UP}, {"Down", KEY_DOWN}, {"Left", KEY_LEFT}, {"Right", KEY_RIGHT},
    {"PgUp", KEY_PPAGE}, {"PageUp", KEY_PPAGE}, {"PgDn", KEY_NPAGE},
    {"PageDown", KEY_NPAGE}, {"Home", KEY_HOME}, {"End", KEY_END},
    {"Insert", KEY_IC}, {"Ins", KEY_IC}, {"Delete", KEY_DC}, {"Del", KEY_DC},
    {"lt", '<'}, {"Hash", '#'},
};

Keymap *Keymap_new(void)
{
    return calloc(1, sizeof(Keymap));
}

void Keymap_free(Keymap *km)
{
    free(km);
}

int Keymap_normalize_key(int key)
{
    switch (key) {
    case '\r': case KEY_ENTER: return '\n';
    case 127: case 8: return KEY_BACKSPACE;
    default: return key;
    }
}

static int named_key(const char *name)
{
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (strcasecmp(key_names[i].name, name) == 0)
            return key_names[i].key;
    if ((name[0] == 'F' || name[0] == 'f') && isdigit((unsigned char)name[1])) {
        char *end;
        long n = strtol(name + 1, &end, 10);
        if (*end == '\0' && n >= 1 && n <= 24)
            return KEY_F((int)n);
    }
    return -1;
}

/* The inside of <...>: a name, "C-x", "M-x" or "M-<name>". */
static int bracketed_key(const char *in)
{
    if ((in[0] == 'C' || in[0] == 'c') && in[1] == '-' && in[2] && !in[3]) {
        int c = tolower((unsigned char)in[2]);
        if (c >= 'a' && c <= 'z')
            return Keymap_normalize_key(c & 0x1f);
        if (c >= '@' && c <= '_')
            return c & 0x1f;
        return -1;
    }
    if ((in[0] == 'M' || in[0] == 'm') && in[1] == '-' && in[2]) {
        int k = in[3] ? bracketed_key(in + 2) : (unsigned char)in[2];
        return k < 0 || (k & KEYMAP_META) ? -1 : k | KEYMAP_META;
    }
    return named_key(in);
}

int Keymap_parse_key(const char *name)
{
    size_t n = strlen(name);
    if (n == 1)
        return (unsigned char)name[0] > ' ' && (unsigned char)name[0] < 127
            ? (unsigned char)name[0] : -1;
    if (n < 3 || name[0] != '<' || name[n - 1] != '>' || n > 40)
        return -1;
    char inner[40];
    memcpy(inner, name + 1, n - 2);
    inner[n - 2] = '\0';
    return bracketed_key(inner);
}

static const char *plain_key_name(int key, char *buf, size_t n)
{
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
        if (key_names[i].key == key)
            return snprintf(buf, n, "%s", key_names[i].name), buf;
    if (key >= KEY_F(1) && key <= KEY_F(24))
        snprintf(buf, n, "F%d", key - KEY_F0);
    else if (key >= 0 && key < 32)
        snprintf(buf, n, "C-%c", key == 0 ? '@' : key + 'a' - 1);
    else if (key > ' ' && key < 127)
        snprintf(buf, n, "%c", key);
    else
        snprintf(buf, n, "key-%d", key);
    return buf;
}

const char *Keymap_key_name(int key, char *buf, size_t n)
{
    char inner[32];
    bool meta = key >= 0 && (key & KEYMAP_META);
    plain_key_name(meta ? key & ~KEYMAP_META : key, inner, sizeof inner);
    if (!meta && strlen(inner) == 1)
        snprintf(buf, n, "%s", inner);
    else
        snprintf(buf, n, "<%s%s>", meta ? "M-" : "", inner);
    return buf;
}

static Binding *find_binding(const Keymap *km, Context ctx, int key)
{
    Binding *b = (Binding *)km->bind[ctx];
    for (size_t i = 0; i < km->count[ctx]; i++)
        if (b[i].key == key)
            return &b[i];
    return NULL;
}

/* Bind (or, with ACT_NONE, explicitly mask) key in ctx; a later binding of
 * the same key in the same context replaces the earlier one. -1 when full. */
static int Keymap_bind(Keymap *km, Context ctx, int key, Action a)
{
    key = Keymap_normalize_key(key);
    Binding *b = find_binding(km, ctx, key);
    if (b) {
        b->action = a;
        return 0;
    }
    if (km->count[ctx] == KEYMAP_MAX_BINDINGS)
        return -1;
    km->bind[ctx][km->count[ctx]++] = (Binding){key, a};
    return 0;
}

static void Keymap_unbind(Keymap *km, Context ctx, int key)
{
    Binding *b = find_binding(km, ctx, Keymap_normalize_key(key));
    if (!b)
        return;
    size_t i = (size_t)(b - km->bind[ctx]);
    memmove(b, b + 1, (km->count[ctx] - i - 1) * sizeof *b);
    km->count[ctx]--;
}

static bool printable(int key)
{
    return key >= ' ' && key < 256 && key != 127;
}

bool Keymap_is_typed_key(int key)
{
    return printable(key);
}

/* Letters, digits and the bytes of a UTF-8 character: keys that can be
 * part of a name, postcode, phone number or reference. */
static bool Keymap_is_text_key(int key)
{
    return (key >= '0' && key <= '9') || (key >= 'a' && key <= 'z') || (key >= 'A' && key <= 'Z') ||
           (key >= 0x80 && key < 0x100);
}

Action Keymap_lookup(const Keymap *km, Context ctx, int key)
{
    if ((unsigned)ctx >= CTX_COUNT)
        return ACT_NONE;
    key = Keymap_normalize_key(key);
    if (Context_types_over(ctx) && Keymap_is_text_key(key))
        return ACT_NONE;
    const Binding *b = find_binding(km, ctx, key);
    if (b)
        return b->action;
    if (ctx == CTX_GLOBAL || (Context_is_text_entry(ctx) && printable(key)))
        return ACT_NONE;
    b = find_binding(km, CTX_GLOBAL, key);
    return b && Action_applies(b->action, ctx) ? b->action : ACT_NONE;
}

size_t Keymap_keys_for(const Keymap *km, Context ctx, Action a, int *keys, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < km->count[ctx] && n < max; i++)
        if (km->bind[ctx][i].action == a)
            keys[n++] = km->bind[ctx][i].key;
    if (ctx == CTX_GLOBAL)
        return n;
    for (size_t i = 0; i < km->count[CTX_GLOBAL] && n < max; i++) {
        int key = km->bind[CTX_GLOBAL][i].key;
        if (km->bind[CTX_GLOBAL][i].action == a && Keymap_lookup(km, ctx, key) == a)
            keys[n++] = key;
    }
    return n;
}

/* Splits a line into at most max words; a word starting with '#' ends the
 * line, which is why the # key is written <Hash>. */
static int split_words(char *line, char **words, int max)
{
    int n = 0;
    char *save = NULL;
    for (char *w = strtok_r(line, " \t\r", &save); w; w = strtok_r(NULL, " \t\r", &save)) {
        if (w[0] == '#')
            break;
        if (n == max)
            return max + 1;
        words[n++] = w;
    }
    return n;
}

/* One line; returns 1 when it was wrong (reported), 0 otherwise. */
static int load_line(Keymap *km, char *line, const char *file, int lineno, Diag *diag)
{
    char *w[5];
    int n = split_words(line, w, 4);
    if (n == 0)
        return 0;
    bool bind = strcmp(w[0], "bind") == 0;
    if (!bind && strcmp(w[0], "unbind") != 0) {
        Diag_add(diag, file, lineno, "unknown command '%s' (expected bind or unbind)", w[0]);
        return 1;
    }
    if (n != (bind ? 4 : 3)) {
        Diag_add(diag, file, lineno, "expected: %s", bind ? "bind <context> <key> <action>"
                                                            : "unbind <context> <key>");
        return 1;
    }
    int ctx = Context_by_name(w[1]);
    if (ctx < 0) {
        Diag_add(diag, file, lineno, "unknown context '%s'", w[1]);
        return 1;
    }
    int key = Keymap_parse_key(w[2]);
    if (key < 0) {
        Diag_add(diag, file, lineno, "unknown key name '%s'", w[2]);
        return 1;
    }
    if (!bind) {
        Keymap_unbind(km, (Context)ctx, key);
        return 0;
    }
    int a = Action_by_name(w[3]);
    if (a < 0) {
        Diag_add(diag, file, lineno, "unknown action '%s'", w[3]);
        return 1;
    }
    if (Context_types_over((Context)ctx) && Keymap_is_text_key(key)) {
        Diag_add(diag, file, lineno, "'%s' is typed (into the box or as the answer) in context '%s'; "
                 "bind a function key, <C-x> or <M-x> there", w[2], w[1]);
        return 1;
    }
    if (ctx != CTX_GLOBAL && !Action_applies((Action)a, (Context)ctx)) {
        Diag_add(diag, file, lineno, "action '%s' does not apply in context '%s'", w[3], w[1]);
        return 1;
    }
    if (Keymap_bind(km, (Context)ctx, key, (Action)a) < 0) {
        Diag_add(diag, file, lineno, "too many bindings in context '%s'", w[1]);
        return 1;
    }
    return 0;
}

int Keymap_load_string(Keymap *km, const char *text, const char *filename, Diag *diag)
{
    int errors = 0, lineno = 0;
    while (*text) {
        const char *nl = strchr(text, '\n');
        size_t len = nl ? (size_t)(nl - text) : strlen(text);
        lineno++;
        char line[1024];
        if (len >= sizeof line) {
            Diag_add(diag, filename, lineno, "line too long");
            errors++;
        } else {
            memcpy(line, text, len);
            line[len] = '\0';
            errors += load_line(km, line, filename, lineno, diag);
        }
        text += len + (nl ? 1 : 0);
    }
    return errors;
}

int Keymap_load_file(Keymap *km, const char *path, Diag *diag)
{
    Buf b = BUF_INIT;
    if (Buf_read_file(&b, path) < 0) {
        Diag_add(diag, path, 0, "cannot read keymap: %s", strerror(errno));
        return 1;
    }
    int errors = Keymap_load_string(km, b.data ? b.data : "", path, diag);
    Buf_free(&b);
    return errors;
}

/* The directory the executable is in, for running from the source tree
 * (build/frontdoor, build/tests/test_x): its parent and grandparent are
 * tried. */
static bool exe_dir(char *out, size_t cap)
{
    ssize_t n = readlink("/proc/self/exe", out, cap - 1);
    if (n <= 0)
        return false;
    out[n] = '\0';
    char *slash = strrchr(out, '/');
    if (!slash)
        return false;
    *slash = '\0';
    return true;
}

/* out = <dir><sub><name>.keymap, when that is readable. */
static bool try_path(char *out, size_t cap, const char *dir, const char *sub, const char *name)
{
    int n = snprintf(out, cap, "%s%s%s.keymap", dir, sub, name);
    return n > 0 && (size_t)n < cap && access(out, R_OK) == 0;
}

/* The path of "<name>.keymap" in the data directories ($FRONTDOOR_DATA_DIR/
 * keymaps, the source tree's keymaps/ beside the executable,
 * /usr/local/share/frontdoor/keymaps, /usr/share/frontdoor/keymaps), or
 * name itself when it contains a '/'. False when not found. */
static bool Keymap_find(const char *name, char *out, size_t cap)
{
    if (strchr(name, '/')) {
        int n = snprintf(out, cap, "%s", name);
        return n > 0 && (size_t)n < cap && access(out, R_OK) == 0;
    }
    const char *env = getenv("FRONTDOOR_DATA_DIR");
    if (env && *env && try_path(out, cap, env, "/keymaps/", name))
        return true;
    char dir[PATH_MAX];
    if (exe_dir(dir, sizeof dir)) {
        if (try_path(out, cap, dir, "/../keymaps/", name)
            || try_path(out, cap, dir, "/../../keymaps/", name))
            return true;
    }
    if (try_path(out, cap, FD_DATADIR, "/keymaps/", name))
        return true;
    return try_path(out, cap, "/usr/share/frontdoor", "/keymaps/", name);
}

static void load_user_file(Keymap *km, const char *user_file, Diag *diag)
{
    if (user_file && *user_file) {
        Keymap_load_file(km, user_file, diag);
        return;
    }
    char path[PATH_MAX];
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg && *xdg)
        snprintf(path, sizeof path, "%s/frontdoor/keymap", xdg);
    else if (home && *home)
        snprintf(path, sizeof path, "%s/.config/frontdoor/keymap", home);
    else
        return;
    if (access(path, F_OK) == 0)
        Keymap_load_file(km, path, diag);
}

Keymap *Keymap_build(const char *name_or_path, const char *user_file, Diag *diag)
{
    Keymap *km = Keymap_new();
    if (!km)
        return NULL;
    const char *builtin = Embedded_get("keymaps/default.keymap");
    Keymap_load_string(km, builtin ? builtin : "",
                       "keymaps/default.keymap (built in)", diag);
    if (name_or_path && *name_or_path && strcmp(name_or_path, "default") != 0) {
        char path[PATH_MAX];
        if (Keymap_find(name_or_path, path, sizeof path))
            Keymap_load_file(km, path, diag);
        else
            Diag_add(diag, name_or_path, 0,
                     "keymap not found (looked in $FRONTDOOR_DATA_DIR/keymaps, the source tree, "
                     "/usr/local/share/frontdoor/keymaps and /usr/share/frontdoor/keymaps)");
    }
    load_user_file(km, user_file, diag);
    return km;
}
