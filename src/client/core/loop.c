#include "client/core/loop.h"

#include <curses.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "client/core/http.h"
#include "client/core/keymap.h"
#include "common/timefmt.h"

typedef struct Timer {
    unsigned id;
    long long due_ms;
    TimerFn fn;
    void *data;
} Timer;

enum { MAX_TIMERS = 64 };

static LoopHooks hooks;
static int sig_pipe[2] = {-1, -1};
static bool running;
static bool dirty = true;
static Timer timers[MAX_TIMERS];
static size_t timer_count;
static unsigned next_timer_id = 1;
static long long last_key_ms;

/* The handler only writes the signal number; everything else happens in
 * the loop, where it is safe to touch curses and curl. */
static void Loop_on_signal(int sig)
{
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    if (write(sig_pipe[1], &b, 1) < 0) {
        /* pipe full: a wake-up is already pending, nothing is lost */
    }
    errno = saved;
}

static int Loop_set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

int Loop_init(const LoopHooks *h)
{
    hooks = *h;
    if (pipe(sig_pipe) < 0)
        return -1;
    Loop_set_nonblock(sig_pipe[0]);
    Loop_set_nonblock(sig_pipe[1]);
    fcntl(sig_pipe[0], F_SETFD, FD_CLOEXEC);
    fcntl(sig_pipe[1], F_SETFD, FD_CLOEXEC);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = Loop_on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    int sigs[] = {SIGWINCH, SIGTERM, SIGINT, SIGHUP, SIGCHLD};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    last_key_ms = Timefmt_mono_ms();
    return 0;
}

unsigned Loop_timer_add(long long delay_ms, TimerFn fn, void *data)
{
    if (timer_count == MAX_TIMERS)
        return 0;
    Timer *t = &timers[timer_count++];
    t->id = next_timer_id++;
    if (next_timer_id == 0)
        next_timer_id = 1;
    t->due_ms = Timefmt_mono_ms() + delay_ms;
    t->fn = fn;
    t->data = data;
    return t->id;
}

void Loop_timer_cancel(unsigned id)
{
    for (size_t i = 0; i < timer_count; i++) {
        if (timers[i].id == id) {
            timers[i] = timers[--timer_count];
            return;
        }
    }
}

static int Loop_timeout_ms(void)
{
    long long now = Timefmt_mono_ms();
    long long wait = 60000;
    for (size_t i = 0; i < timer_count; i++) {
        long long d = timers[i].due_ms - now;
        if (d < wait)
            wait = d < 0 ? 0 : d;
    }
    if (hooks.max_wait_ms) {
        int cap = hooks.max_wait_ms();
        if (cap >= 0 && cap < wait)
            wait = cap;
    }
    return (int)wait;
}

/* A fired timer may add or cancel timers, so take it out of the table
 * before calling it and rescan from the start. */
static void Loop_fire_timers(void)
{
    long long now = Timefmt_mono_ms();
    for (size_t i = 0; i < timer_count;) {
        if (timers[i].due_ms > now) {
            i++;
            continue;
        }
        Timer t = timers[i];
        timers[i] = timers[--timer_count];
        t.fn(t.data);
        i = 0;
    }
}

static void Loop_drain_signals(void)
{
    unsigned char buf[64];
    ssize_t n;
    bool resize = false;
    while ((n = read(sig_pipe[0], buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] == SIGWINCH)
                resize = true;
            else if (buf[i] == SIGCHLD)
                while (waitpid(-1, NULL, WNOHANG) > 0) {
                }
            else if (hooks.signal_quit)
                hooks.signal_quit(buf[i]);
        }
    }
    if (resize && hooks.resize)
        hooks.resize();
}

/* Keys arrive as wgetch() codes (the keymap speaks them). An ESC followed
 * at once by another key is Alt/Meta+key; ESC alone is Escape. */
static void Loop_drain_keys(void)
{
    int ch;
    while ((ch = getch()) != ERR) {
        last_key_ms = Timefmt_mono_ms();
        if (ch == KEY_RESIZE) {
            /* curses has already resized (resizeterm queues this key). */
            if (hooks.relayout)
                hooks.relayout();
            continue;
        }
        if (ch == 27) {
            int next = getch();
            if (next != ERR && next != 27 && next != KEY_RESIZE)
                ch = next | KEYMAP_META;
            else if (next == 27)
                ungetch(27);
        }
        if (hooks.key)
            hooks.key(ch);
        if (!running)
            return;
    }
}

/* A terminal that has gone (an SSH connection dropped, a window closed)
 * without a SIGHUP reaching us, as when another process was its session
 * leader: stdin then polls as hung up, or readable with nothing to read,
 * for ever. Without this check the loop would spin on it at full CPU. */
static bool Loop_terminal_gone(void)
{
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN, .revents = 0};
    return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

int Loop_run(void)
{
    running = true;
    while (running) {
        if (dirty && hooks.draw) {
            dirty = false;
            hooks.draw();
        }
        struct curl_waitfd extra[2] = {
            {.fd = STDIN_FILENO, .events = CURL_WAIT_POLLIN, .revents = 0},
            {.fd = sig_pipe[0], .events = CURL_WAIT_POLLIN, .revents = 0},
        };
        int numfds = 0;
        curl_multi_poll(Http_multi(), extra, 2, Loop_timeout_ms(), &numfds);
        Loop_drain_signals();
        Loop_drain_keys();
        if (running && Loop_terminal_gone() && hooks.signal_quit)
            hooks.signal_quit(SIGHUP);
        Http_perform();
        if (hooks.after_wake)
            hooks.after_wake();
        Loop_fire_timers();
    }
    return 0;
}

void Loop_drain(bool (*done)(void), long long max_ms)
{
    long long end = Timefmt_mono_ms() + max_ms;
    while (!done() && Timefmt_mono_ms() < end) {
        int numfds = 0;
        curl_multi_poll(Http_multi(), NULL, 0, 50, &numfds);
        Http_perform();
    }
}

void Loop_quit(void)
{
    running = false;
}

void Loop_dirty(void)
{
    dirty = true;
}

bool Loop_is_dirty(void)
{
    return dirty;
}

long long Loop_idle_ms(void)
{
    return Timefmt_mono_ms() - last_key_ms;
}

void Loop_cleanup(void)
{
    for (int i = 0; i < 2; i++) {
        if (sig_pipe[i] >= 0)
            close(sig_pipe[i]);
        sig_pipe[i] = -1;
    }
    timer_count = 0;
}
