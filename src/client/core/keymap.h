/* keymap: key bindings per context, loaded from text files.
 *
 *   bind <context> <key> <action>      # e.g. bind search <PgDn> move-page-down
 *   unbind <context> <key>
 *
 * Keys are the int codes wgetch() returns: bytes 0..255 and ncurses KEY_*
 * codes; an ESC-prefixed key (Alt/Meta) is key | KEYMAP_META. Keymap_lookup
 * folds the variants terminals send for one key (CR and KEY_ENTER are
 * <Enter>; DEL, ^H and KEY_BACKSPACE are <Backspace>), so callers pass what
 * wgetch() gave them. Errors go to a Diag as "file:line: message" and
 * loading carries on with the next line. */
#ifndef FD_KEYMAP_H
#define FD_KEYMAP_H
#include <stddef.h>
#include "client/core/actions.h"
#include "common/diag.h"

#define KEYMAP_META 0x40000000
#define KEYMAP_MAX_BINDINGS 512

typedef struct Keymap Keymap;

Keymap *Keymap_new(void);
void Keymap_free(Keymap *km);

/* Both return the number of errors added to diag (0 when clean). */
int Keymap_load_string(Keymap *km, const char *text, const char *filename, Diag *diag);
int Keymap_load_file(Keymap *km, const char *path, Diag *diag);


/* The context's own binding first (even "none", which masks the global
 * one), then a GLOBAL binding whose action applies in ctx. In LOGIN and
 * PROMPT, printable keys never fall through to GLOBAL; over a results list or a triage
 * question (Context_types_over) text keys are never commands at all, so loading
 * refuses to bind them there. ACT_NONE if unbound. */
Action Keymap_lookup(const Keymap *km, Context ctx, int key);

/* The key code for "<F3>", "<C-x>", "<M-x>", "<Enter>", "q", ...; names are
 * case-insensitive, a plain character is itself. -1 when unknown. */
int Keymap_parse_key(const char *name);
/* Canonical name for a key code, as Keymap_parse_key reads it back. */
const char *Keymap_key_name(int key, char *buf, size_t n);
/* Any key that types a character (what a list with a box hands to it). */
bool Keymap_is_typed_key(int key);
/* Folds the codes terminals send for the same key (see above). */
int Keymap_normalize_key(int key);

/* Keys that run action in ctx, for the help screen: the context's own
 * bindings, then global ones not shadowed by it. Returns how many were
 * stored (at most max). */
size_t Keymap_keys_for(const Keymap *km, Context ctx, Action a, int *keys, size_t max);


/* The compiled-in default, then the named keymap (NULL or "default": none
 * more), then the user file (NULL or "": $XDG_CONFIG_HOME/frontdoor/keymap,
 * skipped when absent; a named file must exist). Never NULL except when
 * out of memory; problems are in diag. */
Keymap *Keymap_build(const char *name_or_path, const char *user_file, Diag *diag);

#endif
