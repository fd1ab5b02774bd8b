/* fuzzfile: what the fuzz targets share. Some parsers read files (the
 * config file, the outbox journal), so the input is written to a private
 * scratch directory first; the others take a NUL-terminated copy. */
#ifndef FD_FUZZFILE_H
#define FD_FUZZFILE_H
#include <stddef.h>
#include <stdint.h>

#include "common/diag.h"

/* A private directory for this process (under /dev/shm when there is one,
 * else $TMPDIR or /tmp), created on first use and removed at exit. */
const char *Fuzzfile_dir(void);
/* Writes data to <Fuzzfile_dir()>/name and returns its path (static). */
const char *Fuzzfile_write(const char *name, const uint8_t *data, size_t size);
/* A malloc'd NUL-terminated copy (the parsers take C strings). */
char *Fuzzfile_string(const uint8_t *data, size_t size);
/* Aborts when the input was UTF-8 but a message about it is not: a
 * message cut inside a character cannot be shown or sent as JSON. */
void Fuzzfile_check_diag(const Diag *d, const uint8_t *data, size_t size);
/* Silences the logs and diagnostics the parsers print for bad input. */
void Fuzzfile_quiet(void);

#endif
