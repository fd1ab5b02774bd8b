#include "server/compress.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

/* q=0 (or 0.0, 0.00...) means "not this one". */
static bool zero_quality(const char *params, size_t len)
{
    const char *q = memmem(params, len, "q=", 2);
    if (!q)
        return false;
    q += 2;
    if (*q != '0')
        return false;
    for (q++; *q == '.' || *q == '0'; q++)
        ;
    return *q == '\0' || *q == ',' || *q == ';' || *q == ' ';
}

bool Compress_accepts_gzip(const char *h)
{
    while (h && *h) {
        h += strspn(h, " ,");
        size_t item = strcspn(h, ",");
        size_t name = strcspn(h, ",; ");
        bool gzip = (name == 4 && strncasecmp(h, "gzip", 4) == 0) || (name == 1 && *h == '*');
        if (gzip && !zero_quality(h + name, item - name))
            return true;
        h += item;
    }
    return false;
}

bool Compress_gzip(const char *in, size_t len, char **out, size_t *outlen)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    /* 15 window bits + 16: a gzip wrapper rather than raw zlib; level 6 is
     * zlib's usual balance and costs well under a millisecond here. */
    if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return false;
    size_t cap = deflateBound(&zs, (uLong)len);
    char *buf = malloc(cap);
    if (!buf) {
        deflateEnd(&zs);
        return false;
    }
    zs.next_in = (Bytef *)in;
    zs.avail_in = (uInt)len;
    zs.next_out = (Bytef *)buf;
    zs.avail_out = (uInt)cap;
    int rc = deflate(&zs, Z_FINISH);
    *outlen = zs.total_out;
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        free(buf);
        return false;
    }
    *out = buf;
    return true;
}
