/* prompt: GNU readline's callback interface inside curses.
 *
 * Keys from the event loop are fed to readline one byte at a time through
 * rl_getc_function; readline never touches the terminal (prep/deprep are
 * no-ops, output goes nowhere) and the owning view draws rl_line_buffer
 * itself. Each prompt has its own history, saved under the state directory
 * between runs. Never endwin(); readline(). */
#ifndef FD_PROMPT_H
#define FD_PROMPT_H
#include <stdbool.h>

typedef struct Prompt Prompt;

/* name picks the history file: <state_dir>/history-<name>. */
Prompt *Prompt_new(const char *name, const char *state_dir, int history_size);
/* Saves the history and frees the prompt. */
void Prompt_free(Prompt *p);
/* Gives this prompt the keyboard (and its history); the previous one is
 * blurred first. */
void Prompt_focus(Prompt *p);
void Prompt_blur(Prompt *p);
bool Prompt_focused(const Prompt *p);
/* The prompt that has the keyboard, or NULL (a view that takes it gives
 * it back when it closes). */
Prompt *Prompt_current(void);
/* Feeds one wgetch() key (maybe | KEYMAP_META) to readline. */
void Prompt_key(Prompt *p, int key);
/* The text being edited (valid until the next call on the prompt). */
const char *Prompt_text(const Prompt *p);
void Prompt_set_text(Prompt *p, const char *text);
/* Accepts the line: adds it to the history and returns a copy the caller
 * frees; the line stays in the box. */
char *Prompt_accept(Prompt *p);
/* Draws the text at y,x in width columns; returns the cursor column. */
int Prompt_draw(const Prompt *p, int y, int x, int width);
/* Saves every prompt's history (at exit). */
void Prompt_save_all(void);

#endif
