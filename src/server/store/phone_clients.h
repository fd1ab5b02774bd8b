/* phone_clients: the phone systems allowed to offer calls (POST
 * /api/v1/calls), each known by the SHA-256 hash of its API key
 * (phone_keys.c makes and hashes keys). Not the Open311 clients: a key
 * of one kind opens nothing of the other. */
#ifndef FD_STORE_PHONE_CLIENTS_H
#define FD_STORE_PHONE_CLIENTS_H
#include <jansson.h>
#include <stdbool.h>

#include "server/store/store.h"

bool Phone_clients_exists(Db *db, const char *key_hash);
/* 0, or -1. The caller owns the transaction. */
int Phone_clients_insert(Db *db, const char *key_hash, const char *name);
/* [{name, created_at}] of every key, oldest first (for `phone-key list`). */
json_t *Phone_clients_list(Db *db);

#endif
