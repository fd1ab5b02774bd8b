#include "common/rnd.h"

#include <errno.h>
#include <sys/random.h>

int Rnd_bytes(void *buf, size_t len)
{
    unsigned char *p = buf;
    while (len) {
        ssize_t n = getrandom(p, len, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

void Rnd_hex(const void *bytes, size_t len, char *out)
{
    static const char digits[] = "0123456789abcdef";
    const unsigned char *b = bytes;
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * len] = '\0';
}

int Rnd_hex_id(char *out, size_t bytes)
{
    unsigned char raw[64];
    if (bytes > sizeof raw || Rnd_bytes(raw, bytes) < 0)
        return -1;
    Rnd_hex(raw, bytes, out);
    return 0;
}
