/* outbox: nothing an advisor records is lost, nothing is recorded twice.
 *
 * Every write to the server (a contact, a customer update or create, and
 * later cases, notes, hand-offs, call-backs) goes through here (from the
 * typed calls in api/) instead of straight to the server:
 *
 *   1. it is appended to a journal (journal.h) under
 *      <state_dir>/outbox/ and fsync'd BEFORE anything is sent;
 *   2. it is sent in the background (one at a time, oldest first) with a
 *      random Idempotency-Key, and If-Match when given;
 *   3. unreachable server, 5xx, 408 or 429: it is retried with exponential
 *      backoff and jitter (1 s doubling to outbox_retry_max_seconds, 60 by
 *      default); the server replays the original answer for a repeated key,
 *      so a retry of a write that already landed never duplicates it;
 *   4. a 2xx: a "done" record is appended and fsync'd and the entry is
 *      gone; only then;
 *   5. any other 4xx (validation, 404, 409, 412...): the entry stays in the
 *      journal in the "needs attention" state with the server's problem
 *      body, until the advisor corrects and resubmits it or discards it
 *      (view_outbox.c). Never silently dropped.
 *
 * The journal is per server and user, 0600 in a 0700 directory: it holds
 * personal data, so it is never logged (log lines carry ids and statuses
 * only). Whatever is left when the client quits is sent after the next
 * sign-in of the same user to the same server.
 *
 * Completion: a view that waits for its write calls Outbox_watch() with
 * the id Outbox_submit() returned (and Outbox_unwatch_owner() when it
 * closes). Work that must be told even after a restart, when no view is
 * waiting, registers a handler per kind with Outbox_on_kind() at start-up.
 * Both are called for the final answer: 2xx (done) or 4xx (attention).
 *
 * Writers do not call Outbox_submit themselves: the typed calls in api/
 * (lib.h) build each kind's path and body and journal it here, e.g. a
 * case note (issue 6):
 *
 *     if (ApiCases_note(ref, text, "Note on FD-26-004217") < 0)
 *         App_error("%s", Outbox_last_error());   // not journalled: say so
 */
#ifndef FD_OUTBOX_H
#define FD_OUTBOX_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "client/api/api.h"

#define OUTBOX_ID_LEN 33      /* 16 random bytes as hex, NUL */
#define OUTBOX_KEY_LEN 65     /* Idempotency-Key: 32 random bytes as hex */

typedef enum OutboxState {
    OUTBOX_WAITING,    /* in the journal, not yet sent or waiting to retry */
    OUTBOX_SENDING,    /* a request is in flight */
    OUTBOX_ATTENTION,  /* the server refused it (4xx): the advisor decides */
} OutboxState;

/* Read-only for callers; the outbox owns every field. */
typedef struct OutboxEntry {
    char id[OUTBOX_ID_LEN];        /* stable for the life of the entry */
    char key[OUTBOX_KEY_LEN];      /* Idempotency-Key; renewed on resubmit */
    char kind[32];                 /* "contact", "customer.update", "customer.create", ... */
    char method[8];
    char *path;                    /* as api/ built it, e.g. the contacts path */
    char *if_match;                /* NULL: no If-Match header */
    json_t *body;                  /* what is sent; may be NULL */
    char *label;                   /* for people: "Contact for Ms O'Brien" */
    char created_at[24];           /* RFC 3339 UTC */
    int attempts;                  /* sends so far (kept in the journal) */
    OutboxState state;
    long last_status;              /* 0 unreachable; else the HTTP status */
    json_t *problem;               /* the 4xx problem+json (ATTENTION only) */
    long long next_try_ms;         /* monotonic; WAITING after a failure */
    json_t *meta;                  /* the submitter's notes, never sent; may be NULL */
} OutboxEntry;

/* Called with the entry as it was answered (valid during the call only)
 * and the server's answer: r->status 2xx (the entry is now done; r->json
 * is the created or updated resource) or 4xx (now OUTBOX_ATTENTION;
 * r->json is the problem). replayed is true when the server said
 * Idempotent-Replayed: the write had landed on an earlier attempt. */
typedef void (*OutboxNotify)(void *data, const OutboxEntry *e, const ApiResult *r, bool replayed);

/* After sign-in: opens (creating 0700/0600) the journal for this server
 * and user, loads what an earlier run left and starts sending it. A
 * damaged (torn) record is reported on the message line and in the log,
 * and every complete record is kept. -1 when the journal cannot be used
 * (Outbox_last_error() says why; writes are then refused, not lost). */
int Outbox_open(const char *state_dir, const char *server, const char *username);
/* After Outbox_open: a sentence for the message line about what was
 * found (records from the last session being sent, a damaged record set
 * aside), or "". */
const char *Outbox_notice(void);
/* Damaged records found when the journal was opened (0 normally); the
 * status line keeps saying so until the next sign-in. */
size_t Outbox_damaged(void);
/* Stops sending (logout, quit); everything unsent stays in the journal. */
void Outbox_close(void);

/* Journals and queues one write. body is borrowed (NULL for none);
 * if_match is sent as If-Match when not NULL. id_out (OUTBOX_ID_LEN, may
 * be NULL) receives the entry id. Returns 0 once the entry is on disk
 * (fsync'd); -1 when it could not be made durable (nothing is sent then;
 * tell the advisor with Outbox_last_error()). */
int Outbox_submit(const char *kind, const char *method, const char *path, const char *if_match,
                  const json_t *body, const char *label, char *id_out);

/* Keeps meta (copied) with the entry, in the journal but never sent:
 * e.g. the values a form started from, to merge with after a 412. */
int Outbox_set_meta(const char *id, const json_t *meta);

/* Completion for one entry (a waiting view); owner is for unwatching. */
void Outbox_watch(const char *id, OutboxNotify fn, void *owner);
void Outbox_unwatch_owner(void *owner);
/* Completion for every entry of a kind, also those sent after a restart.
 * One handler per kind; a later call replaces it. */
void Outbox_on_kind(const char *kind, OutboxNotify fn, void *data);

/* The advisor corrected an entry that needs attention: new body and
 * If-Match (NULL keeps the old ones), a fresh Idempotency-Key, back to
 * WAITING and sent at once. -1 when the id is unknown or not writable. */
int Outbox_resubmit(const char *id, const json_t *body, const char *if_match);
/* The advisor confirmed: the entry is dropped (a "discard" record). */
int Outbox_discard(const char *id);
/* Try every waiting entry now instead of at its backoff time. */
void Outbox_retry_now(void);

/* Entries in journal order (oldest first); NULL past the end. */
size_t Outbox_count(void);
const OutboxEntry *Outbox_entry(size_t i);
const OutboxEntry *Outbox_find(const char *id);
size_t Outbox_count_state(OutboxState s);
/* Not yet landed (waiting + sending + attention). */
size_t Outbox_unsent(void);
/* "2 waiting to send", "Sending…", "1 needs attention", joined with
 * " · "; "" when empty. */
void Outbox_status(char *out, size_t cap);
const char *Outbox_last_error(void);
/* Unsent records in the journals of server and username, read from disk
 * without opening the outbox: the sign-in screen shows it while the
 * server is down. */
size_t Outbox_waiting_on_disk(const char *state_dir, const char *server, const char *username);
/* The key the next Outbox_open seals the journal with (SEAL_KEY_LEN
 * bytes, copied); NULL: a plain journal. A journal sealed with a key not
 * given is left untouched and this session uses a sibling. */
void Outbox_set_key(const unsigned char *key);
/* True when a journal of server and username holds sealed records (so a
 * new key must not be made: the old one is only unavailable). */
bool Outbox_sealed_on_disk(const char *state_dir, const char *server, const char *username);
/* Unsent records left sealed at the last open because the key was not
 * there; 0 when none. */
size_t Outbox_sealed(void);

/* The delay before retry number attempt (1 = after the first failure):
 * min(max_ms, 1000 * 2^(attempt-1)) with "equal jitter": half fixed, half
 * from rnd (any 32-bit random value). Pure, for unit tests. */
long long Outbox_backoff_ms(int attempt, long long max_ms, unsigned rnd);
/* Sets the backoff cap (config outbox_retry_max_seconds). */
void Outbox_set_max_backoff(int seconds);

#endif
