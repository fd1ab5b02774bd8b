/* seeding: what `frontdoord seed` (seed.c) asks of the database beyond
 * the stores it fills through (customers, users, memberships, content).
 *
 * DIALECT: Seeding_bulk_load() is SQLite's page cache pragma; PostgreSQL
 * would make it a no-op (or raise maintenance_work_mem). */
#ifndef FD_STORE_SEEDING_H
#define FD_STORE_SEEDING_H
#include <stddef.h>

#include "server/store/store.h"

/* How many customers and users there are: seed fills a fresh database
 * only. 0, or -1 with the database's message in err. */
int Seeding_counts(Db *db, long long *customers, long long *users, char *err, size_t errlen);
/* Make this connection ready for a bulk load of many rows. */
void Seeding_bulk_load(Db *db);
/* The connection's last error, for seed's message when an insert fails. */
const char *Seeding_error(Db *db);

#endif
