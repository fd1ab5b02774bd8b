/* journal: an append-only file of JSON records that survives crashes.
 *
 * One record per line:
 *
 *     FD1 <len> <crc32> <json>\n
 *
 * len is the byte length of <json> in decimal, crc32 (IEEE, as zlib) of
 * <json> in 8 lower-case hex digits, and <json> a compact JSON object
 * (jansson never writes a raw newline inside one). A record is complete
 * only when the tag, length, checksum and the final newline all agree, so
 * a write torn anywhere (power cut, SIGKILL mid-write, a full disk) is
 * seen as damaged, never half-believed.
 *
 * Appends are fsync'd before Journal_append returns. A new file and its
 * directory are fsync'd on creation, and compaction writes a new file,
 * fsyncs it, renames it over the old one and fsyncs the directory, so at
 * every instant one complete journal is on disk. No curses, no network:
 * unit tested in tests/unit/test_journal.c.
 *
 * Opened with a key, every record is written sealed (seal.h: encrypted,
 * inside the same framing) and sealed records are opened as they are
 * read; plain records from before are read as they are. Records sealed
 * with a key this journal was not given are counted in sealed and never
 * passed on: the caller must then leave the file as it is. */
#ifndef FD_JOURNAL_H
#define FD_JOURNAL_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/buf.h"

typedef struct Journal Journal;

/* What loading found wrong (no record content: it may be personal). */
typedef struct JournalDamage {
    size_t records;     /* complete records loaded */
    size_t damaged;     /* lines that failed the checks */
    size_t first_line;  /* 1-based line number of the first damaged one */
    size_t torn_bytes;  /* bytes after the last newline (a torn last write) */
    size_t sealed;      /* records sealed with a key we were not given */
} JournalDamage;

/* Called for each complete record in file order; rec is borrowed. */
typedef void (*JournalRecordFn)(void *ctx, const json_t *rec);

uint32_t Journal_crc32(const void *data, size_t len);
/* Appends the line for rec (with its newline) to out; -1 on failure. */
int Journal_encode(const json_t *rec, Buf *out);
/* Checks one line (without its newline); a new reference or NULL when
 * the line is not a complete, intact record. */
json_t *Journal_decode_line(const char *line, size_t len);

/* Opens path (creating it 0600, fsyncing it and its directory), takes an
 * exclusive lock (flock; -1 with errno EWOULDBLOCK when another process
 * holds it) and calls fn for every complete record. Damaged lines are
 * counted in *damage and their bytes appended to damaged_out when not
 * NULL (so the caller can set them aside); they are NOT removed from the
 * file: call Journal_rewrite to do that. */
Journal *Journal_open(const char *path, JournalRecordFn fn, void *ctx, JournalDamage *damage,
                      Buf *damaged_out);
/* The same with a key (SEAL_KEY_LEN bytes; NULL is Journal_open). */
Journal *Journal_open_keyed(const char *path, const unsigned char *key, JournalRecordFn fn,
                            void *ctx, JournalDamage *damage, Buf *damaged_out);
/* Reads path without creating or locking it (another process may own
 * it) and calls fn for every complete record, sealed ones as they are; -1 when it cannot be read
 * (ENOENT when there is none). */
int Journal_peek(const char *path, JournalRecordFn fn, void *ctx);
/* Appends one record and fsyncs; -1 (errno set) when it is not on disk. */
int Journal_append(Journal *j, const json_t *rec);
/* Replaces the whole file with these records: tmp file, fsync, rename,
 * fsync the directory. The journal stays open on the new file. */
int Journal_rewrite(Journal *j, json_t *const *recs, size_t n);
/* Records appended since the last rewrite (for compaction decisions). */
size_t Journal_appended(const Journal *j);
const char *Journal_path(const Journal *j);
void Journal_close(Journal *j);

/* mkdir -p with mode 0700 for every component created, and chmod 0700 on
 * the last one. -1 with errno set on failure. */
int Journal_mkdirs(const char *path);

#endif
