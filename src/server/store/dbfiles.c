#include "server/store/dbfiles.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PRIVATE_MODE 0600

static int tighten(int fd, const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (fstat(fd, &st) < 0 ||
        ((st.st_mode & 07777) != PRIVATE_MODE && fchmod(fd, PRIVATE_MODE) < 0)) {
        snprintf(err, errlen, "cannot make %s private (mode 0600): %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* An existing companion file is tightened; a missing one is fine. */
static int tighten_companion(const char *path, const char *suffix, char *err, size_t errlen)
{
    char name[4200];
    if ((size_t)snprintf(name, sizeof name, "%s%s", path, suffix) >= sizeof name)
        return 0;
    int fd = open(name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return errno == ENOENT ? 0 : (snprintf(err, errlen, "cannot open %s: %s", name,
                                               strerror(errno)), -1);
    int rc = tighten(fd, name, err, errlen);
    close(fd);
    return rc;
}

int Dbfiles_private(const char *path, char *err, size_t errlen)
{
    /* In-memory and URI databases have no files of ours to guard. */
    if (!*path || *path == ':' || strncmp(path, "file:", 5) == 0)
        return 0;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, PRIVATE_MODE);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open database %s: %s", path, strerror(errno));
        return -1;
    }
    int rc = tighten(fd, path, err, errlen);
    close(fd);
    static const char *const companions[] = {"-wal", "-shm", "-journal"};
    for (size_t i = 0; rc == 0 && i < sizeof companions / sizeof companions[0]; i++)
        rc = tighten_companion(path, companions[i], err, errlen);
    return rc;
}
