/* phone: the phone system's side of the screen pop (issue 12). The phone
 * system (an Asterisk dialplan, say: packaging/phone/) offers each call to
 * an advisor with POST /api/v1/calls and ends it with POST
 * /api/v1/calls/{id}/end, sending its own API key in the X-Api-Key header:
 * never an advisor's bearer token, and never an Open311 key. Keys are
 * random, shown once, and stored as SHA-256 hashes (store/phone_clients.h). */
#ifndef FD_PHONE_H
#define FD_PHONE_H
#include <stdbool.h>

#include "server/store/store.h"

#define PHONE_KEY_LEN 64 /* hex characters of a new API key */
#define PHONE_KEY_HEADER "X-Api-Key"

/* True when key is a registered phone system's key. */
bool Phone_key_valid(Db *db, const char *key);
/* frontdoord phone-key create NAME --db PATH | phone-key list --db PATH */
int Phone_key_main(int argc, char **argv);

#endif
