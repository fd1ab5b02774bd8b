#include "client/outbox/seal.h"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/jsonx.h"

enum { NONCE_LEN = 12, TAG_LEN = 16 };

int Seal_new_key(unsigned char key[SEAL_KEY_LEN])
{
    return RAND_bytes(key, SEAL_KEY_LEN) == 1 ? 0 : -1;
}

static void Seal_key_id(const unsigned char key[SEAL_KEY_LEN], char out[SEAL_KEY_ID_LEN])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_Digest(key, SEAL_KEY_LEN, md, &n, EVP_sha256(), NULL);
    for (int i = 0; i < 8; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
}

void Seal_key_to_hex(const unsigned char key[SEAL_KEY_LEN], char out[2 * SEAL_KEY_LEN + 1])
{
    for (int i = 0; i < SEAL_KEY_LEN; i++)
        snprintf(out + 2 * i, 3, "%02x", key[i]);
}

int Seal_key_from_hex(const char *s, unsigned char key[SEAL_KEY_LEN])
{
    if (!s || strlen(s) != 2 * SEAL_KEY_LEN || strspn(s, "0123456789abcdefABCDEF") != 2 * SEAL_KEY_LEN)
        return -1;
    for (int i = 0; i < SEAL_KEY_LEN; i++) {
        unsigned v;
        if (sscanf(s + 2 * i, "%2x", &v) != 1)
            return -1;
        key[i] = (unsigned char)v;
    }
    return 0;
}

bool Seal_is_sealed(const json_t *rec)
{
    return json_is_string(json_object_get(rec, "sealed"));
}

/* The associated data: what the envelope shows in clear. */
static void Seal_aad(const char *op, const char *id, const char *kid, Buf *out)
{
    Buf_printf(out, "frontdoor-journal-1\n%s\n%s\n%s", op, id, kid);
}

/* One AEAD pass: encrypt (enc 1) or decrypt (enc 0, tag checked); -1 on
 * any failure, including a tag that does not match. */
static int Seal_crypt(int enc, const unsigned char *key, const unsigned char *nonce, const Buf *aad,
                      const unsigned char *in, int len, unsigned char *out, unsigned char *tag)
{
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    int n = 0, fin = 0;
    int ok = c && EVP_CipherInit_ex(c, EVP_chacha20_poly1305(), NULL, NULL, NULL, enc) == 1 &&
             EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_IVLEN, NONCE_LEN, NULL) == 1 &&
             EVP_CipherInit_ex(c, NULL, NULL, key, nonce, enc) == 1 &&
             (enc || EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, TAG_LEN, tag) == 1) &&
             EVP_CipherUpdate(c, NULL, &n, (const unsigned char *)aad->data, (int)aad->len) == 1 &&
             EVP_CipherUpdate(c, out, &n, in, len) == 1 && EVP_CipherFinal_ex(c, out + n, &fin) == 1 &&
             (!enc || EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, TAG_LEN, tag) == 1);
    EVP_CIPHER_CTX_free(c);
    return ok ? 0 : -1;
}

json_t *Seal_wrap(const json_t *rec, const unsigned char key[SEAL_KEY_LEN])
{
    const char *op = Jsonx_str(rec, "op", ""), *id = Jsonx_str(rec, "id", "");
    char kid[SEAL_KEY_ID_LEN];
    Seal_key_id(key, kid);
    char *plain = json_dumps(rec, JSON_COMPACT);
    size_t len = plain ? strlen(plain) : 0;
    unsigned char *box = plain ? malloc(NONCE_LEN + len + TAG_LEN) : NULL;
    char *b64 = box ? malloc(4 * ((NONCE_LEN + len + TAG_LEN + 2) / 3) + 1) : NULL;
    Buf aad = BUF_INIT;
    Seal_aad(op, id, kid, &aad);
    json_t *env = NULL;
    if (b64 && RAND_bytes(box, NONCE_LEN) == 1 &&
        Seal_crypt(1, key, box, &aad, (unsigned char *)plain, (int)len, box + NONCE_LEN,
                   box + NONCE_LEN + len) == 0) {
        EVP_EncodeBlock((unsigned char *)b64, box, (int)(NONCE_LEN + len + TAG_LEN));
        env = json_pack("{s:s, s:s, s:s, s:s}", "op", op, "id", id, "key", kid, "sealed", b64);
    }
    if (plain) {
        explicit_bzero(plain, len);
        free(plain);
    }
    free(box);
    free(b64);
    Buf_free(&aad);
    return env;
}

/* base64 -> bytes; -1 unless it decodes to at least a nonce and a tag. */
static int Seal_decode(const char *b64, unsigned char **out, size_t *len)
{
    size_t n = strlen(b64);
    if (n % 4 || n < 4)
        return -1;
    *out = malloc(n / 4 * 3);
    int got = *out ? EVP_DecodeBlock(*out, (const unsigned char *)b64, (int)n) : -1;
    if (got < 0) {
        free(*out);
        return -1;
    }
    /* EVP_DecodeBlock counts the padding as zero bytes. */
    *len = (size_t)got - (n >= 1 && b64[n - 1] == '=') - (n >= 2 && b64[n - 2] == '=');
    if (*len < NONCE_LEN + TAG_LEN) {
        free(*out);
        return -1;
    }
    return 0;
}

SealResult Seal_unwrap(const json_t *rec, const unsigned char *key, json_t **out)
{
    *out = NULL;
    if (!Seal_is_sealed(rec)) {
        *out = json_incref((json_t *)rec);
        return SEAL_PLAIN;
    }
    char kid[SEAL_KEY_ID_LEN];
    if (key)
        Seal_key_id(key, kid);
    if (!key || strcmp(kid, Jsonx_str(rec, "key", "")) != 0)
        return SEAL_NO_KEY;
    unsigned char *box;
    size_t len;
    if (Seal_decode(Jsonx_str(rec, "sealed", ""), &box, &len) < 0)
        return SEAL_BROKEN;
    const char *op = Jsonx_str(rec, "op", ""), *id = Jsonx_str(rec, "id", "");
    size_t plen = len - NONCE_LEN - TAG_LEN;
    unsigned char *plain = malloc(plen + 1);
    Buf aad = BUF_INIT;
    Seal_aad(op, id, kid, &aad);
    if (plain && Seal_crypt(0, key, box, &aad, box + NONCE_LEN, (int)plen, plain, box + NONCE_LEN + plen) == 0) {
        json_t *inner = json_loadb((const char *)plain, plen, JSON_REJECT_DUPLICATES, NULL);
        /* The clear op and id must be the record's own. */
        if (json_is_object(inner) && strcmp(Jsonx_str(inner, "op", ""), op) == 0 &&
            strcmp(Jsonx_str(inner, "id", ""), id) == 0)
            *out = inner;
        else
            json_decref(inner);
    }
    if (plain) {
        explicit_bzero(plain, plen);
        free(plain);
    }
    free(box);
    Buf_free(&aad);
    return *out ? SEAL_OPENED : SEAL_BROKEN;
}
