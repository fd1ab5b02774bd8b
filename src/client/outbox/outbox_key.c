#include "client/outbox/outbox_key.h"

#include <string.h>

#include "client/api/api.h"
#include "client/core/app.h"
#include "client/core/loop.h"
#include "client/outbox/outbox.h"
#include "client/outbox/seal.h"
#include "client/session/secret.h"
#include "common/log.h"

enum { KEY_WAIT_MS = 5000 };

static struct {
    void (*opened)(void);
    bool waiting;
    unsigned timer;
    int stale;                         /* keyring answers to ignore */
    unsigned char fresh[SEAL_KEY_LEN]; /* a new key while it is stored */
    bool plain_told;
} k;

static void OutboxKey_plain_notice(void)
{
    /* Without any bus the memory-only sign-in notice says it already. */
    if (k.plain_told || app.memory_notice_given || !Secret_bus_present())
        return;
    k.plain_told = true;
    App_message("The keyring did not keep the outbox key: unsent records are stored unencrypted.");
}

/* key NULL: plain, or (when a journal is sealed) leave that one alone. */
static void OutboxKey_use(const unsigned char *key)
{
    if (k.timer)
        Loop_timer_cancel(k.timer);
    k.timer = 0;
    k.waiting = false;
    Outbox_set_key(key);
    explicit_bzero(k.fresh, sizeof k.fresh);
    bool sealed = !key && Outbox_sealed_on_disk(app.cfg.state_dir, Api_server(), app.session.username);
    Log_event(LOG_INFO, "outbox_key", "sealed_journal=%d keyed=%d", sealed ? 1 : 0, key ? 1 : 0);
    if (k.opened)
        k.opened();
    if (!key && !sealed)
        OutboxKey_plain_notice();
}

static void OutboxKey_timeout(void *data)
{
    (void)data;
    k.timer = 0;
    k.stale++;
    Log_event(LOG_WARN, "outbox_key_timeout", NULL);
    OutboxKey_use(NULL);
}

static void OutboxKey_wait(void)
{
    if (k.timer)
        Loop_timer_cancel(k.timer);
    k.timer = Loop_timer_add(KEY_WAIT_MS, OutboxKey_timeout, NULL);
}

/* A keyring answer that came after a timeout or a sign-out. */
static bool OutboxKey_is_stale(void)
{
    if (k.stale > 0 || !k.waiting) {
        if (k.stale > 0)
            k.stale--;
        return true;
    }
    return false;
}

static void OutboxKey_stored(bool ok, const char *why, const char *secret, const char *u, const char *e)
{
    (void)why; (void)secret; (void)u; (void)e;
    if (OutboxKey_is_stale())
        return;
    OutboxKey_use(ok ? k.fresh : NULL);
}

static void OutboxKey_loaded(bool ok, const char *why, const char *hex, const char *u, const char *e)
{
    (void)why; (void)u; (void)e;
    if (OutboxKey_is_stale())
        return;
    unsigned char key[SEAL_KEY_LEN];
    if (ok && hex && Seal_key_from_hex(hex, key) == 0) {
        OutboxKey_use(key);
        explicit_bzero(key, sizeof key);
        return;
    }
    /* A sealed journal and no key: the key is unavailable, not gone, so
     * no new one may be made over it. */
    if (!ok || Outbox_sealed_on_disk(app.cfg.state_dir, Api_server(), app.session.username) ||
        Seal_new_key(k.fresh) < 0) {
        OutboxKey_use(NULL);
        return;
    }
    char fresh_hex[2 * SEAL_KEY_LEN + 1];
    Seal_key_to_hex(k.fresh, fresh_hex);
    Secret_key_store(Api_server(), app.session.username, fresh_hex, OutboxKey_stored);
    explicit_bzero(fresh_hex, sizeof fresh_hex);
    OutboxKey_wait();
}

void OutboxKey_open(void (*opened)(void))
{
    k.opened = opened;
    k.waiting = true;
    if (!Secret_bus_present()) {
        OutboxKey_use(NULL);
        return;
    }
    Secret_key_load(Api_server(), app.session.username, OutboxKey_loaded);
    OutboxKey_wait();
}

void OutboxKey_forget(void)
{
    if (k.waiting && k.timer)
        k.stale++;
    if (k.timer)
        Loop_timer_cancel(k.timer);
    k.timer = 0;
    k.waiting = false;
    explicit_bzero(k.fresh, sizeof k.fresh);
    Outbox_set_key(NULL);
}
