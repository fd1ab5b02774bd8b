/* Open311 API keys: random 256-bit keys shown once, stored as SHA-256 hex
 * so a copy of the database does not hand out working keys. */
#include <stdio.h>
#include <string.h>

#include "common/rnd.h"
#include "server/auth.h"
#include "server/open311.h"
#include "server/store/open311_clients.h"

bool Open311_key_valid(Db *db, const char *key)
{
    /* Keys we issue are 64 hex characters; anything else cannot match, and
     * need not be hashed. */
    if (!key || strlen(key) != OPEN311_KEY_LEN)
        return false;
    char hash[65];
    Auth_secret_hash(key, hash);
    return Open311_clients_exists(db, hash);
}

/* Registers a client: a new random key (hex, NUL-terminated) in key_out.
 * The caller owns the transaction. */
static int key_create(Db *db, const char *name, char key_out[OPEN311_KEY_LEN + 1])
{
    char hash[65];
    if (Rnd_hex_id(key_out, OPEN311_KEY_LEN / 2) < 0)
        return -1;
    Auth_secret_hash(key_out, hash);
    return Open311_clients_insert(db, hash, name);
}

static const char USAGE[] = "usage: frontdoord open311-key --db PATH --name NAME\n";

/* The key goes to stdout alone (so a script can capture it); everything
 * said about it goes to stderr. */
int Open311_key_main(int argc, char **argv)
{
    const char *db_path = NULL, *name = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db_path = argv[++i];
        else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc)
            name = argv[++i];
        else
            db_path = NULL, i = argc;
    }
    if (!db_path || !name || !*name || strlen(name) > 200) {
        fputs(USAGE, stderr);
        return 2;
    }
    char err[512] = "cannot open the database", key[OPEN311_KEY_LEN + 1];
    Db *db = NULL;
    if (Db_init(db_path, err, sizeof err) < 0 || !(db = Db_get()) || Db_begin(db) < 0 ||
        key_create(db, name, key) < 0 || Db_commit(db) < 0) {
        if (db)
            Db_rollback(db);
        fprintf(stderr, "frontdoord: open311-key: %s\n", db ? "could not store the key" : err);
        Db_shutdown();
        return 1;
    }
    printf("%s\n", key);
    fprintf(stderr, "frontdoord: Open311 API key for '%s' created. It is shown only this once;"
            " keep it safe.\n", name);
    Db_shutdown();
    return 0;
}
