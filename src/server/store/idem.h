/* store/idem: the answers stored under Idempotency-Keys (see server/idem.h
 * for when they are stored and replayed). Keys are per user, and are kept
 * a week: far longer than any client's outbox retries. */
#ifndef FD_STORE_IDEM_H
#define FD_STORE_IDEM_H
#include "server/store/store.h"

/* A response as stored: NULL strings for none. */
typedef struct IdemAnswer {
    int status;
    const char *content_type, *body, *etag, *location;
} IdemAnswer;

/* What Idem_find found under a user's key. */
enum { IDEM_KEY_NEW, IDEM_KEY_SAME, IDEM_KEY_OTHER };

/* IDEM_KEY_SAME (with the stored answer in *out, its strings the
 * caller's to release with Idem_answer_free) when the key was used for
 * this fingerprint; IDEM_KEY_OTHER when for another request; otherwise
 * (a database error included) IDEM_KEY_NEW. */
int Idem_find(Db *db, long long user_id, const char *key, const char *fingerprint,
              IdemAnswer *out);
void Idem_answer_free(IdemAnswer *a);
/* Store the answer given under a key, first dropping keys past their
 * week. 0, or -1. */
int Idem_save(Db *db, long long user_id, const char *key, const char *fingerprint,
              const IdemAnswer *a);

#endif
