/* compress: gzip for responses. An advisor on a slow SSH link or a thin
 * client behind a congested line pays for every byte; JSON shrinks 5-10x. */
#ifndef FD_COMPRESS_H
#define FD_COMPRESS_H
#include <stdbool.h>
#include <stddef.h>

/* Bodies smaller than this go as they are: gzip's header costs more than
 * it saves on a short answer. */
#define COMPRESS_MIN_BYTES 1024

/* True when the Accept-Encoding header value lists gzip (and not q=0). */
bool Compress_accepts_gzip(const char *accept_encoding);
/* gzip in[0..len) into a new buffer (*out, caller frees); false on failure. */
bool Compress_gzip(const char *in, size_t len, char **out, size_t *outlen);

#endif
