/* rnd: cryptographic random bytes (getrandom) and their encodings. */
#ifndef FD_RND_H
#define FD_RND_H
#include <stddef.h>

/* Fill buf with len random bytes from the kernel; -1 on failure. */
int Rnd_bytes(void *buf, size_t len);
/* Lower-case hex of len bytes into out (2*len+1 bytes). */
void Rnd_hex(const void *bytes, size_t len, char *out);
/* A random identifier of `bytes` random bytes as hex (out: 2*bytes+1). */
int Rnd_hex_id(char *out, size_t bytes);

#endif
