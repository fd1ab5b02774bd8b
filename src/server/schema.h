/* schema: the database schema as numbered migrations. */
#ifndef FD_SCHEMA_H
#define FD_SCHEMA_H
#include <sqlite3.h>
#include <stddef.h>

/* Bring the database up to the newest schema version, each migration in
 * its own transaction. Returns 0, or -1 with a message in err. */
int Schema_migrate(sqlite3 *db, char *err, size_t errlen);
int Schema_latest_version(void);

#endif
