/* dbfiles: the database holds personal data, so its files are the service
 * user's alone (0600) whatever the umask. */
#ifndef FD_DBFILES_H
#define FD_DBFILES_H
#include <stddef.h>

/* Creates path 0600 when missing and tightens it and any -wal, -shm or
 * -journal beside it to 0600. SQLite gives the WAL and shared-memory files
 * it creates later the database file's mode, so they follow. -1 with err
 * set when a file cannot be made private. */
int Dbfiles_private(const char *path, char *err, size_t errlen);

#endif
