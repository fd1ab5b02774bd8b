/* app: the client's shared state and the glue between the loop, the views
 * and the session (sign-in, token storage, logout, idle lock). */
#ifndef FD_APP_H
#define FD_APP_H
#include <jansson.h>
#include <stdbool.h>
#include "client/core/config.h"
#include "client/core/keymap.h"
#include "client/core/layout.h"
#include "client/core/screen.h"

typedef struct Session {
    bool active;              /* a verified token is in use */
    char username[128];
    char display_name[256];
    char roles[256];
    char expires_at[40];
} Session;

typedef struct App {
    Config cfg;
    Keymap *km;
    Layout layout;
    Session session;
    Screen *search_screen;
    Screen *customer_screen;
    bool split;               /* the second pane on wide terminals */
    bool keyring_used;        /* the token is in the Secret Service */
    bool memory_notice_given; /* "kept in memory only" said once */
    char message[512];
    bool message_is_error;
    int spinner;
} App;

extern App app;

/* The message line; replaced by the next message, cleared by a key. */
void App_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void App_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void App_clear_message(void);

/* Loop hooks. */
void App_key(int key);
void App_draw(void);
/* SIGWINCH: read the new size, then App_resize. */
void App_winch(void);
/* Lay the views out again for the size curses has now. */
void App_resize(void);
void App_signal_quit(int sig);

/* Called by the login view with the verified user. fresh is true after a
 * password login (store the token), false when a stored token was reused. */
void App_signed_in(const char *token, const char *expires_at, const json_t *user, bool fresh);
void App_logout(void);
void App_lock(void);
/* Starts the idle-lock check timer (when idle_lock_minutes > 0). */
void App_start_idle_timer(void);
/* Actions every view shares (quit, help, cancel, lock, logout...). */
void App_global_action(Action a);
/* Key names bound to an action in a context, "F1/?" style, for hints. */
void App_keys_hint(Context ctx, Action a, char *out, size_t cap);

#endif
