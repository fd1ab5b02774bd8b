/* secret: the bearer token in the Secret Service (GNOME Keyring, KWallet)
 * through libsecret, asynchronously so the screen never waits on D-Bus.
 *
 * Items use the schema "org.frontdoor.Token" with attributes server,
 * username and expires_at; the secret is the token alone. Where no Secret
 * Service answers, callers keep the token in memory only. */
#ifndef FD_SECRET_H
#define FD_SECRET_H
#include <stdbool.h>

/* ok is false when no Secret Service could be used (why says so). On a
 * load, token is NULL when nothing unexpired was stored. */
typedef void (*SecretDone)(bool ok, const char *why, const char *token,
                           const char *username, const char *expires_at);

/* False when there is plainly no session bus, so no call is worth trying. */
bool Secret_bus_present(void);
void Secret_load(const char *server, SecretDone done);
void Secret_store(const char *server, const char *username, const char *expires_at,
                  const char *token, SecretDone done);
void Secret_clear(const char *server, SecretDone done);
/* The outbox journal's key (64 hex digits) for server and user, in the
 * schema "org.frontdoor.JournalKey". A load finds token NULL when none is
 * stored; ok false when the Secret Service could not be asked. */
void Secret_key_load(const char *server, const char *username, SecretDone done);
void Secret_key_store(const char *server, const char *username, const char *hexkey, SecretDone done);
/* Operations in flight; the loop polls GLib's main context while > 0. */
int Secret_pending(void);
/* Dispatches whatever GLib has ready, without waiting. */
void Secret_pump(void);

#endif
