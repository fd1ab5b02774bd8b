/* app: the client's shared state (configuration, keymap, layout, the
 * signed-in user) and the message line. Below every view: it calls none. */
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
    char user_id[24];         /* the server's id, as GET /me spells it */
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
/* App_message for news that arrives on its own (a hand-over, a call, a
 * supervisor's message): it is not wiped by the next key press for
 * APP_NOTICE_MS, so an advisor typing still reads it. */
#define APP_NOTICE_MS 10000
void App_notice(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Key names bound to an action in a context, "F1/?" style, for hints. */
void App_keys_hint(Context ctx, Action a, char *out, size_t cap);

#endif
