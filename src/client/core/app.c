#include "client/core/app.h"

#include <stdarg.h>
#include <stdio.h>

#include "client/core/loop.h"
#include "common/timefmt.h"

App app;

/* Until when the message outlives key presses (App_notice), or 0. */
static long long keep_until_ms;

static void App_vmessage(bool error, const char *fmt, va_list ap)
{
    vsnprintf(app.message, sizeof app.message, fmt, ap);
    app.message_is_error = error;
    keep_until_ms = 0;
    Loop_dirty();
}

void App_notice(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    App_vmessage(false, fmt, ap);
    va_end(ap);
    keep_until_ms = Timefmt_mono_ms() + APP_NOTICE_MS;
}

void App_message(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    App_vmessage(false, fmt, ap);
    va_end(ap);
}

void App_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    App_vmessage(true, fmt, ap);
    va_end(ap);
}

void App_clear_message(void)
{
    if (keep_until_ms && Timefmt_mono_ms() < keep_until_ms)
        return;   /* news that arrived while the advisor typed stays to be read */
    keep_until_ms = 0;
    if (app.message[0]) {
        app.message[0] = '\0';
        Loop_dirty();
    }
}

void App_keys_hint(Context ctx, Action a, char *out, size_t cap)
{
    int keys[4];
    size_t n = Keymap_keys_for(app.km, ctx, a, keys, 4);
    out[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < n && i < 2; i++) {
        char name[32];
        Keymap_key_name(keys[i], name, sizeof name);
        int w = snprintf(out + used, cap - used, "%s%s", i ? "/" : "", name);
        if (w < 0 || (size_t)w >= cap - used)
            break;
        used += (size_t)w;
    }
}
