/* open311_clients: the registered Open311 clients, each known by the
 * SHA-256 hash of its API key (open311_keys.c makes and hashes keys). */
#ifndef FD_STORE_OPEN311_CLIENTS_H
#define FD_STORE_OPEN311_CLIENTS_H
#include <stdbool.h>

#include "server/store/store.h"

bool Open311_clients_exists(Db *db, const char *key_hash);
/* 0, or -1. The caller owns the transaction. */
int Open311_clients_insert(Db *db, const char *key_hash, const char *name);

#endif
