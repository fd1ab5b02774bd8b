/* outbox_int: what outbox.c and outbox_load.c share; nobody else. */
#ifndef FD_OUTBOX_INT_H
#define FD_OUTBOX_INT_H
#include "client/outbox/journal.h"
#include "client/outbox/outbox.h"
#include "client/outbox/seal.h"

typedef struct Outbox {
    Journal *j;
    OutboxEntry **v;           /* journal order */
    size_t n, cap;
    ApiCall *call;             /* the one request in flight */
    char sending_id[OUTBOX_ID_LEN];
    unsigned timer;
    int fail_streak;           /* failures in a row: the backoff exponent */
    long long next_try_ms;     /* shared backoff: nothing is sent before */
    long long max_backoff_ms;
    size_t damaged;            /* damaged records found when opening */
    bool keyed;                /* the journal is sealed with key */
    unsigned char key[SEAL_KEY_LEN];
    size_t sealed;             /* unsent records left sealed (no key) */
    char err[512];
} Outbox;

extern Outbox ob;

OutboxEntry *Outbox_lookup(const char *id);
int Outbox_add(OutboxEntry *e);
void Outbox_remove(const char *id);
void Outbox_entry_free(OutboxEntry *e);
void Outbox_compact(bool force);
/* The full state of an entry as one "put" record (also what compaction
 * writes). */
json_t *Outbox_put_record(const OutboxEntry *e);
/* Applies one journal record to the in-memory list. */
void Outbox_apply(const json_t *rec);
/* Opens the journal for server+user and loads it; -1 with ob.err set. */
int Outbox_load(const char *state_dir, const char *server, const char *username);

#endif
