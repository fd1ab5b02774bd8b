/* keys: API keys for machines (Open311 clients, phone systems): random
 * 256-bit keys shown once, stored as SHA-256 hex (store/client_keys.h) so
 * a copy of the database does not hand out working keys; the check a
 * route makes; and the `open311-key` and `phone-key` commands. */
#ifndef FD_KEYS_H
#define FD_KEYS_H
#include <stdbool.h>

#include "server/store/client_keys.h"

#define KEYS_LEN 64 /* hex characters of a new API key */

/* True when key is a registered key of kind. */
bool Keys_valid(Db *db, ClientKeysKind kind, const char *key);

/* frontdoord open311-key | phone-key:
 *   create NAME --db PATH   (or --name NAME --db PATH)
 *   revoke NAME --db PATH
 *   list --db PATH */
int Keys_main(ClientKeysKind kind, int argc, char **argv);

#endif
