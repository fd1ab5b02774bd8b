/* loop: the client's one thread and one event loop.
 *
 * curl_multi_poll() waits on curl's sockets plus the terminal and a signal
 * self-pipe (passed as extra_fds), with the timeout of the next timer. After
 * each wake the loop drains keys, hands finished transfers to their owners,
 * fires due timers and redraws once if anything is dirty. Nothing in it
 * blocks, so the screen never freezes while the network is slow. */
#ifndef FD_LOOP_H
#define FD_LOOP_H
#include <stdbool.h>

typedef void (*TimerFn)(void *data);

typedef struct LoopHooks {
    void (*key)(int key);                       /* a wgetch() code, maybe | KEYMAP_META */
    void (*resize)(void);                       /* SIGWINCH: tell curses the new size */
    void (*relayout)(void);                     /* KEY_RESIZE: curses knows it already */
    void (*draw)(void);                         /* called once per pass when dirty */
    void (*signal_quit)(int sig);               /* SIGTERM / SIGINT / SIGHUP */
    void (*after_wake)(void);                   /* optional: e.g. pump libsecret */
    int (*max_wait_ms)(void);                   /* optional cap on the poll timeout */
} LoopHooks;

/* Installs the signal handlers and the self-pipe; -1 on failure. */
int Loop_init(const LoopHooks *hooks);
/* Runs until Loop_quit(); returns 0. */
int Loop_run(void);
void Loop_quit(void);
/* After Loop_run has returned: the network alone (no keys, no timers)
 * until done() or max_ms, for a last request on the way out. */
void Loop_drain(bool (*done)(void), long long max_ms);
void Loop_dirty(void);
bool Loop_is_dirty(void);

/* One-shot timers; ids are never 0 so 0 can mean "none". */
unsigned Loop_timer_add(long long delay_ms, TimerFn fn, void *data);
void Loop_timer_cancel(unsigned id);
/* Milliseconds since the last key (for the idle lock). */
long long Loop_idle_ms(void);
void Loop_cleanup(void);

#endif
