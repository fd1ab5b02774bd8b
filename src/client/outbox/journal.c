#include "client/outbox/journal.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client/outbox/seal.h"

#define JOURNAL_TAG "FD1 "
#define JOURNAL_MAX_RECORD (8u * 1024 * 1024)

struct Journal {
    int fd;
    char *path;
    size_t appended;
    bool keyed;
    unsigned char key[SEAL_KEY_LEN];
};

uint32_t Journal_crc32(const void *data, size_t len)
{
    static uint32_t table[256];
    static bool ready;
    if (!ready) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        ready = true;
    }
    const unsigned char *p = data;
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < len; i++)
        crc = table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

int Journal_encode(const json_t *rec, Buf *out)
{
    if (!json_is_object(rec))
        return -1;
    char *text = json_dumps(rec, JSON_COMPACT);
    if (!text)
        return -1;
    size_t len = strlen(text);
    int rc = Buf_printf(out, JOURNAL_TAG "%zu %08x %s\n", len, Journal_crc32(text, len), text);
    explicit_bzero(text, len);
    free(text);
    return rc;
}

json_t *Journal_decode_line(const char *line, size_t len)
{
    size_t tag = sizeof JOURNAL_TAG - 1;
    if (len < tag || memcmp(line, JOURNAL_TAG, tag) != 0)
        return NULL;
    const char *p = line + tag, *end = line + len;
    size_t want = 0;
    int digits = 0;
    for (; p < end && *p >= '0' && *p <= '9' && digits < 10; p++, digits++)
        want = want * 10 + (size_t)(*p - '0');
    if (!digits || p >= end || *p++ != ' ')
        return NULL;
    uint32_t crc = 0;
    for (int i = 0; i < 8; i++, p++) {
        if (p >= end)
            return NULL;
        char c = *p;
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0)
            return NULL;
        crc = crc << 4 | (uint32_t)v;
    }
    if (p >= end || *p++ != ' ' || (size_t)(end - p) != want || want > JOURNAL_MAX_RECORD)
        return NULL;
    if (Journal_crc32(p, want) != crc)
        return NULL;
    json_t *rec = json_loadb(p, want, JSON_REJECT_DUPLICATES, NULL);
    if (rec && !json_is_object(rec)) {
        json_decref(rec);
        return NULL;
    }
    return rec;
}

static int Journal_fsync_dir(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(copy);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

int Journal_mkdirs(const char *path)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0700) < 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(tmp, 0700) < 0 && errno != EEXIST)
        return -1;
    /* An existing directory made by an older version or a loose umask. */
    return chmod(tmp, 0700);
}

/* A decoded line as the caller sees it: opened when sealed with key (or
 * as it is with peek); NULL when it cannot be, *sealed set if only the key
 * is missing. */
static json_t *Journal_unseal(json_t *line, const unsigned char *key, bool peek, bool *sealed)
{
    json_t *rec = NULL;
    *sealed = false;
    if (!line || peek)
        return line;
    SealResult r = Seal_unwrap(line, key, &rec);
    json_decref(line);
    *sealed = r == SEAL_NO_KEY;
    return rec;
}

static void Journal_scan(const char *data, size_t len, const unsigned char *key, bool peek,
                         JournalRecordFn fn, void *ctx, JournalDamage *dmg, Buf *damaged_out)
{
    size_t start = 0, lineno = 0;
    while (start < len) {
        const char *nl = memchr(data + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - data) : len;
        lineno++;
        bool sealed;
        json_t *rec = Journal_unseal(nl ? Journal_decode_line(data + start, end - start) : NULL,
                                     key, peek, &sealed);
        if (rec) {
            dmg->records++;
            if (fn)
                fn(ctx, rec);
            json_decref(rec);
        } else if (sealed) {
            dmg->sealed++;
        } else if (end > start || !nl) {
            if (!dmg->damaged)
                dmg->first_line = lineno;
            dmg->damaged++;
            if (!nl)
                dmg->torn_bytes = len - start;
            if (damaged_out) {
                Buf_append(damaged_out, data + start, end - start);
                Buf_putc(damaged_out, '\n');
            }
        }
        start = nl ? end + 1 : len;
    }
}

static int Journal_read_all(int fd, Buf *b)
{
    char chunk[65536];
    ssize_t n;
    if (lseek(fd, 0, SEEK_SET) < 0)
        return -1;
    while ((n = read(fd, chunk, sizeof chunk)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || Buf_append(b, chunk, (size_t)n) < 0)
            return -1;
    }
    return 0;
}

static int Journal_create_or_open(const char *path, bool *created)
{
    int fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
    *created = false;
    if (fd < 0 && errno == ENOENT) {
        fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
        *created = fd >= 0;
    }
    if (fd >= 0 && *created && (fsync(fd) < 0 || Journal_fsync_dir(path) < 0)) {
        close(fd);
        return -1;
    }
    if (fd >= 0)
        fchmod(fd, 0600);
    return fd;
}

Journal *Journal_open(const char *path, JournalRecordFn fn, void *ctx, JournalDamage *damage,
                      Buf *damaged_out)
{
    return Journal_open_keyed(path, NULL, fn, ctx, damage, damaged_out);
}

Journal *Journal_open_keyed(const char *path, const unsigned char *key, JournalRecordFn fn,
                            void *ctx, JournalDamage *damage, Buf *damaged_out)
{
    JournalDamage local = {0};
    JournalDamage *dmg = damage ? damage : &local;
    memset(dmg, 0, sizeof *dmg);
    bool created;
    int fd = Journal_create_or_open(path, &created);
    if (fd < 0)
        return NULL;
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return NULL;
    }
    Buf data = BUF_INIT;
    Journal *j = calloc(1, sizeof *j);
    if (!j || !(j->path = strdup(path)) || Journal_read_all(fd, &data) < 0) {
        int e = errno;
        if (j)
            free(j->path);
        free(j);
        Buf_free(&data);
        close(fd);
        errno = e;
        return NULL;
    }
    j->fd = fd;
    if (key) {
        j->keyed = true;
        memcpy(j->key, key, SEAL_KEY_LEN);
    }
    Journal_scan(data.data ? data.data : "", data.len, key, false, fn, ctx, dmg, damaged_out);
    if (data.data)
        explicit_bzero(data.data, data.len);
    Buf_free(&data);
    return j;
}

int Journal_peek(const char *path, JournalRecordFn fn, void *ctx)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return -1;
    Buf data = BUF_INIT;
    int rc = Journal_read_all(fd, &data);
    close(fd);
    JournalDamage dmg = {0};
    if (rc == 0)
        Journal_scan(data.data ? data.data : "", data.len, NULL, true, fn, ctx, &dmg, NULL);
    if (data.data)
        explicit_bzero(data.data, data.len);
    Buf_free(&data);
    return rc;
}

static int Journal_write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* rec as this journal writes it: sealed when it has a key. */
static int Journal_encode_for(const Journal *j, const json_t *rec, Buf *out)
{
    if (!j->keyed)
        return Journal_encode(rec, out);
    json_t *env = Seal_wrap(rec, j->key);
    int rc = env ? Journal_encode(env, out) : -1;
    json_decref(env);
    return rc;
}

int Journal_append(Journal *j, const json_t *rec)
{
    Buf line = BUF_INIT;
    if (!j || Journal_encode_for(j, rec, &line) < 0) {
        Buf_free(&line);
        errno = EINVAL;
        return -1;
    }
    int rc = Journal_write_all(j->fd, line.data, line.len);
    if (rc == 0)
        rc = fdatasync(j->fd);
    explicit_bzero(line.data, line.len);
    Buf_free(&line);
    if (rc == 0)
        j->appended++;
    return rc;
}

static int Journal_write_tmp(const Journal *j, const char *tmp, json_t *const *recs, size_t n)
{
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return -1;
    Buf all = BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = Journal_encode_for(j, recs[i], &all);
    if (rc == 0 && all.len)
        rc = Journal_write_all(fd, all.data, all.len);
    if (rc == 0)
        rc = fsync(fd);
    if (all.data)
        explicit_bzero(all.data, all.len);
    Buf_free(&all);
    if (close(fd) < 0)
        rc = -1;
    return rc;
}

int Journal_rewrite(Journal *j, json_t *const *recs, size_t n)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", j->path);
    if (Journal_write_tmp(j, tmp, recs, n) < 0) {
        unlink(tmp);
        return -1;
    }
    /* Open and lock the new file before the rename, so no other process
     * can take the journal between the rename and our lock. */
    int fd = open(tmp, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) < 0 || rename(tmp, j->path) < 0) {
        if (fd >= 0)
            close(fd);
        unlink(tmp);
        return -1;
    }
    Journal_fsync_dir(j->path);
    close(j->fd);
    j->fd = fd;
    j->appended = 0;
    return 0;
}

size_t Journal_appended(const Journal *j)
{
    return j ? j->appended : 0;
}

const char *Journal_path(const Journal *j)
{
    return j ? j->path : "";
}

void Journal_close(Journal *j)
{
    if (!j)
        return;
    close(j->fd);
    free(j->path);
    explicit_bzero(j->key, sizeof j->key);
    free(j);
}
