/* seal: outbox journal records encrypted at rest (issue 9.6).
 *
 * ChaCha20-Poly1305 (IETF: 256-bit key, random 96-bit nonce, 128-bit
 * tag) from OpenSSL's EVP interface. A sealed record is itself a JSON
 * record, so the journal's framing (length, CRC, newline) and with it
 * torn-record recovery stay exactly as they are:
 *
 *     {"op": "put", "id": "<entry id>", "key": "<key id>",
 *      "sealed": "<base64 of nonce | ciphertext | tag>"}
 *
 * op and id (a random hex id, nothing personal) stay readable so unsent
 * records can be counted without the key; they are the AEAD's associated
 * data with the key id, so they cannot be changed unnoticed. The key id
 * is the first 8 bytes of the key's SHA-256, in hex: a record sealed
 * with another key is "no key", never "damaged". */
#ifndef FD_SEAL_H
#define FD_SEAL_H
#include <jansson.h>
#include <stdbool.h>

#define SEAL_KEY_LEN 32
#define SEAL_KEY_ID_LEN 17   /* 16 hex digits and a NUL */

typedef enum SealResult {
    SEAL_PLAIN,   /* not a sealed record: *out is a new reference to rec */
    SEAL_OPENED,  /* *out is the record inside */
    SEAL_NO_KEY,  /* sealed with a key we do not have */
    SEAL_BROKEN,  /* our key, but it does not open: damaged */
} SealResult;

int Seal_new_key(unsigned char key[SEAL_KEY_LEN]);
/* Key <-> 64 hex digits, as kept in the Secret Service; from_hex is -1
 * unless s is exactly that. */
void Seal_key_to_hex(const unsigned char key[SEAL_KEY_LEN], char out[2 * SEAL_KEY_LEN + 1]);
int Seal_key_from_hex(const char *s, unsigned char key[SEAL_KEY_LEN]);
/* The envelope for rec, or NULL when encryption failed. */
json_t *Seal_wrap(const json_t *rec, const unsigned char key[SEAL_KEY_LEN]);
/* key may be NULL (no key at all). */
SealResult Seal_unwrap(const json_t *rec, const unsigned char *key, json_t **out);
bool Seal_is_sealed(const json_t *rec);

#endif
