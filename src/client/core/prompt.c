#include "client/core/prompt.h"

#include <curses.h>
#include <stdio.h>
/* readline has its own "Keymap" type; rename it here so client/keymap.h's
 * Keymap can be used in the same file. */
#define Keymap rl_Keymap
#include <readline/history.h>
#include <readline/readline.h>
#undef Keymap
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "client/core/keymap.h"
#include "client/core/loop.h"
#include "client/core/term.h"
#include "common/text.h"

struct Prompt {
    char path[1024];
    int history_size;
    HISTORY_STATE *history;  /* this prompt's history while not focused */
    char *text;              /* the line while not focused */
    Prompt *next;
};

static Prompt *prompts;
static Prompt *focused;
static unsigned char pending[8];
static size_t pending_len, pending_pos;
static bool rl_ready;

static int Prompt_getc(FILE *in)
{
    (void)in;
    return pending_pos < pending_len ? pending[pending_pos++] : EOF;
}

/* Readline asks this before reading on (multi-byte characters, ESC
 * sequences); without it an empty queue reads as end-of-file. */
static int Prompt_input_available(void)
{
    return pending_pos < pending_len;
}

/* The view draws rl_line_buffer on the next pass; nothing is written here. */
static void Prompt_redisplay(void)
{
    Loop_dirty();
}

static void Prompt_prep(int meta)
{
    (void)meta;
}

static void Prompt_deprep(void)
{
}

/* Enter is an action in the keymap, so readline never sees a newline and
 * this only runs if a user's inputrc binds accept-line elsewhere. */
static void Prompt_line(char *line)
{
    free(line);
}

static void Prompt_setup_readline(void)
{
    if (rl_ready)
        return;
    rl_ready = true;
    rl_readline_name = "frontdoor";
    rl_getc_function = Prompt_getc;
    rl_input_available_hook = Prompt_input_available;
    rl_redisplay_function = Prompt_redisplay;
    rl_prep_term_function = Prompt_prep;
    rl_deprep_term_function = Prompt_deprep;
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_change_environment = 0;
    rl_inhibit_completion = 1;
    /* Bells and listings have nowhere to go: the screen belongs to curses. */
    rl_outstream = fopen("/dev/null", "w");
    rl_instream = stdin;
    rl_variable_bind("input-meta", "on");
    rl_variable_bind("output-meta", "on");
    rl_variable_bind("convert-meta", "off");
    rl_variable_bind("bell-style", "none");
    using_history();
}

Prompt *Prompt_new(const char *name, const char *state_dir, int history_size)
{
    Prompt_setup_readline();
    Prompt *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    snprintf(p->path, sizeof p->path, "%s/history-%s", state_dir, name);
    p->history_size = history_size > 0 ? history_size : 500;
    /* Load this prompt's file into a clean history and keep that state. */
    HISTORY_STATE *saved = history_get_history_state();
    HISTORY_STATE empty = {0};
    history_set_history_state(&empty);
    read_history(p->path);
    stifle_history(p->history_size);
    p->history = history_get_history_state();
    history_set_history_state(saved);
    free(saved);
    p->text = strdup("");
    p->next = prompts;
    prompts = p;
    return p;
}

static void Prompt_save(Prompt *p)
{
    HISTORY_STATE *saved = NULL;
    if (focused != p) {
        saved = history_get_history_state();
        history_set_history_state(p->history);
    }
    /* Search terms are personal data: the file is the user's alone. */
    mode_t old = umask(077);
    write_history(p->path);
    umask(old);
    history_truncate_file(p->path, p->history_size);
    if (saved) {
        history_set_history_state(saved);
        free(saved);
    }
}

void Prompt_blur(Prompt *p)
{
    if (!p || focused != p)
        return;
    free(p->text);
    p->text = strdup(rl_line_buffer ? rl_line_buffer : "");
    free(p->history);
    p->history = history_get_history_state();
    rl_callback_handler_remove();
    focused = NULL;
}

void Prompt_focus(Prompt *p)
{
    if (focused == p)
        return;
    if (focused)
        Prompt_blur(focused);
    history_set_history_state(p->history);
    rl_callback_handler_install("", Prompt_line);
    rl_replace_line(p->text ? p->text : "", 0);
    rl_point = rl_end;
    focused = p;
}

bool Prompt_focused(const Prompt *p)
{
    return p && focused == p;
}

Prompt *Prompt_current(void)
{
    return focused;
}

/* ncurses decodes cursor keys; readline wants the bytes an Emacs-mode
 * terminal would send, so translate them back. */
static size_t Prompt_translate(int key, unsigned char *out)
{
    const char *seq = NULL;
    switch (key) {
    case KEY_LEFT: seq = "\x02"; break;
    case KEY_RIGHT: seq = "\x06"; break;
    case KEY_HOME: seq = "\x01"; break;
    case KEY_END: seq = "\x05"; break;
    case KEY_UP: seq = "\x10"; break;
    case KEY_DOWN: seq = "\x0e"; break;
    case KEY_BACKSPACE: seq = "\x7f"; break;
    case KEY_DC: seq = "\x1b[3~"; break;
    default: break;
    }
    if (seq) {
        size_t n = strlen(seq);
        memcpy(out, seq, n);
        return n;
    }
    if (key & KEYMAP_META) {
        out[0] = 27;
        out[1] = (unsigned char)(key & 0xff);
        return 2;
    }
    if (key >= 0 && key <= 0xff) {
        out[0] = (unsigned char)key;
        return 1;
    }
    return 0;
}

void Prompt_key(Prompt *p, int key)
{
    if (!Prompt_focused(p))
        return;
    /* C-d on an empty line would be end-of-file to readline; here it is nothing. */
    if (key == 4 && rl_end == 0)
        return;
    pending_len = Prompt_translate(key, pending);
    pending_pos = 0;
    while (pending_pos < pending_len)
        rl_callback_read_char();
    Loop_dirty();
}

const char *Prompt_text(const Prompt *p)
{
    if (Prompt_focused(p))
        return rl_line_buffer ? rl_line_buffer : "";
    return p->text ? p->text : "";
}

void Prompt_set_text(Prompt *p, const char *text)
{
    if (Prompt_focused(p)) {
        rl_replace_line(text, 0);
        rl_point = rl_end;
    } else {
        free(p->text);
        p->text = strdup(text);
    }
    Loop_dirty();
}

char *Prompt_accept(Prompt *p)
{
    char *line = strdup(Prompt_text(p));
    if (!line)
        return NULL;
    Text_trim(line);
    if (line[0]) {
        HISTORY_STATE *saved = NULL;
        if (!Prompt_focused(p)) {
            saved = history_get_history_state();
            history_set_history_state(p->history);
        }
        HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
        if (!last || strcmp(last->line, line) != 0)
            add_history(line);
        history_set_pos(history_length);
        if (saved) {
            free(p->history);
            p->history = history_get_history_state();
            history_set_history_state(saved);
            free(saved);
        }
    }
    return line;
}

int Prompt_draw(const Prompt *p, int y, int x, int width)
{
    const char *text = Prompt_text(p);
    size_t point = Prompt_focused(p) ? (size_t)rl_point : strlen(text);
    char before[1024];
    size_t n = point < sizeof before - 1 ? point : sizeof before - 1;
    memcpy(before, text, n);
    before[n] = '\0';
    /* Scroll horizontally so the cursor stays in the box. */
    size_t skip = 0;
    while ((int)Text_display_width(before + skip) >= width && before[skip]) {
        unsigned cp;
        skip += Text_utf8_next(before + skip, &cp);
    }
    Term_text_pad(y, x, text + skip, width);
    return x + (int)Text_display_width(before + skip);
}

void Prompt_save_all(void)
{
    for (Prompt *p = prompts; p; p = p->next)
        Prompt_save(p);
}

void Prompt_free(Prompt *p)
{
    if (!p)
        return;
    if (focused == p)
        Prompt_blur(p);
    Prompt_save(p);
    for (Prompt **pp = &prompts; *pp; pp = &(*pp)->next) {
        if (*pp == p) {
            *pp = p->next;
            break;
        }
    }
    free(p->text);
    if (p->history) {
        /* The entries belong to this prompt's state alone. */
        HISTORY_STATE *saved = history_get_history_state();
        history_set_history_state(p->history);
        clear_history();
        history_set_history_state(saved);
        free(saved);
        free(p->history);
    }
    free(p);
}
