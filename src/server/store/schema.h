/* schema: the database schema as numbered migrations, in SQLite's
 * dialect (DIALECT: a PostgreSQL driver brings its own list with the same
 * numbers), applied through the driver (Db_migrate_to). */
#ifndef FD_SCHEMA_H
#define FD_SCHEMA_H
#include <stddef.h>

#include "server/store/db.h"

/* Bring the database up to the newest schema version, each migration in
 * its own transaction. Returns 0, or -1 with a message in err. */
int Schema_migrate(Db *db, char *err, size_t errlen);

#endif
