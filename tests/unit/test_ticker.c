/* ticker: the server's housekeeping thread ticks until stopped, stops at
 * once even in the middle of a long interval, and never ticks after
 * Ticker_stop has returned. No assertion here is about speed: the waits
 * are for something to happen, with a generous bound. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdatomic.h>
#include <time.h>

#include "server/ticker.h"

static atomic_int ticks;

static void count_tick(void)
{
    atomic_fetch_add(&ticks, 1);
}

static void nap_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Waits up to 30 s for at least n ticks; the count seen. */
static int wait_for_ticks(int n)
{
    for (int waited = 0; atomic_load(&ticks) < n && waited < 30000; waited += 5)
        nap_ms(5);
    return atomic_load(&ticks);
}

static void test_ticks_until_stopped(void **state)
{
    (void)state;
    atomic_store(&ticks, 0);
    Ticker t = {.tick = count_tick, .interval_ms = 5};
    assert_int_equal(Ticker_start(&t), 0);
    assert_true(wait_for_ticks(3) >= 3);
    Ticker_stop(&t);
    int at_stop = atomic_load(&ticks);
    nap_ms(50);
    assert_int_equal(atomic_load(&ticks), at_stop);
    Ticker_stop(&t);  /* a second stop is harmless */
}

static void test_first_tick_at_start_unless_wait_first(void **state)
{
    (void)state;
    atomic_store(&ticks, 0);
    Ticker now = {.tick = count_tick, .interval_ms = 3600 * 1000LL};
    assert_int_equal(Ticker_start(&now), 0);
    assert_int_equal(wait_for_ticks(1), 1);
    /* An hour's interval: stopping must wake the thread, not wait it out. */
    Ticker_stop(&now);
    assert_int_equal(atomic_load(&ticks), 1);

    atomic_store(&ticks, 0);
    Ticker later = {.tick = count_tick, .interval_ms = 3600 * 1000LL, .wait_first = true};
    assert_int_equal(Ticker_start(&later), 0);
    nap_ms(20);
    Ticker_stop(&later);
    assert_int_equal(atomic_load(&ticks), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ticks_until_stopped),
        cmocka_unit_test(test_first_tick_at_start_unless_wait_first),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
