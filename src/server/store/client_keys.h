/* client_keys: the machines allowed in with an API key rather than a
 * person's sign-in: Open311 clients (POST /open311/v2/requests) and phone
 * systems (POST /api/v1/calls). Each is known by the SHA-256 hash of its
 * key (keys.c makes and hashes keys). Each kind has its own table, so a
 * key of one kind can never open the other's routes. */
#ifndef FD_STORE_CLIENT_KEYS_H
#define FD_STORE_CLIENT_KEYS_H
#include <jansson.h>
#include <stdbool.h>

#include "server/store/store.h"

typedef enum { CLIENT_KEYS_OPEN311, CLIENT_KEYS_PHONE, CLIENT_KEYS_KINDS } ClientKeysKind;

bool Client_keys_exists(Db *db, ClientKeysKind kind, const char *key_hash);
/* 0, or -1. The caller owns the transaction. */
int Client_keys_insert(Db *db, ClientKeysKind kind, const char *key_hash, const char *name);
/* [{name, created_at}] of every key of kind, oldest first. */
json_t *Client_keys_list(Db *db, ClientKeysKind kind);
bool Client_keys_name_taken(Db *db, ClientKeysKind kind, const char *name);
/* Deletes the key named name: 1 when one went, 0 when none had it, -1. */
int Client_keys_revoke(Db *db, ClientKeysKind kind, const char *name);

#endif
