/* outbox_key: the key the outbox journal is sealed with (issue 9.6),
 * fetched from the Secret Service before the outbox opens at sign-in.
 *
 * - A stored key: the journal is sealed with it (older plain records are
 *   sealed at the first compaction).
 * - None stored and no sealed journal: a new random key is stored, then
 *   used.
 * - The keyring cannot be asked (locked, no D-Bus, no answer within
 *   5 s) while a journal is sealed: that journal is left untouched and
 *   sent at a later sign-in with the key; this session writes a plain
 *   sibling, adopted (and sealed) then.
 * - No Secret Service at all: the journal stays plain, and the advisor is
 *   told once per run. */
#ifndef FD_OUTBOX_KEY_H
#define FD_OUTBOX_KEY_H
#include <stdbool.h>

/* Finds the key for the signed-in user, then calls opened (which opens
 * the outbox), now or later from the loop. */
void OutboxKey_open(void (*opened)(void));
/* Sign-out: an answer still on its way is ignored, the key forgotten. */
void OutboxKey_forget(void);

#endif
