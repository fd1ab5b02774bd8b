#include "fuzzfile.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/log.h"
#include "common/text.h"

static char dir[256];

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    return remove(path) < 0 ? -1 : 0;
}

static void remove_dir(void)
{
    nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *Fuzzfile_dir(void)
{
    if (dir[0])
        return dir;
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/frontdoor-fuzz-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(dir)) {
        perror("fuzz: mkdtemp");
        abort();
    }
    atexit(remove_dir);
    return dir;
}

const char *Fuzzfile_write(const char *name, const uint8_t *data, size_t size)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", Fuzzfile_dir(), name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size)) {
        perror("fuzz: write");
        abort();
    }
    close(fd);
    return path;
}

char *Fuzzfile_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

void Fuzzfile_check_diag(const Diag *d, const uint8_t *data, size_t size)
{
    if (!Text_utf8_valid((const char *)data, size))
        return;
    for (size_t i = 0; i < d->count; i++) {
        if (!Text_utf8_valid(d->lines[i], strlen(d->lines[i]))) {
            fprintf(stderr, "fuzz: message %zu is not UTF-8 though the input was\n", i);
            abort();
        }
    }
}

void Fuzzfile_quiet(void)
{
    Log_set_file("/dev/null");
}
