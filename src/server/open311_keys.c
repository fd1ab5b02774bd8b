/* Open311 API keys: random 256-bit keys shown once, stored as SHA-256 hex
 * so a copy of the database does not hand out working keys. */
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/rnd.h"
#include "common/timefmt.h"
#include "server/open311.h"

static const char SQL_FIND[] = "SELECT 1 FROM open311_clients WHERE key_hash = ?1";
static const char SQL_INSERT[] =
    "INSERT INTO open311_clients (key_hash, name, created_at) VALUES (?1, ?2, ?3)";

static void key_hash(const char *key, char out[65])
{
    unsigned char digest[32];
    unsigned int len = 0;
    EVP_Digest(key, strlen(key), digest, &len, EVP_sha256(), NULL);
    Rnd_hex(digest, sizeof digest, out);
}

bool Open311_key_valid(Db *db, const char *key)
{
    /* Keys we issue are 64 hex characters; anything else cannot match, and
     * need not be hashed. */
    if (!key || strlen(key) != OPEN311_KEY_LEN)
        return false;
    char hash[65];
    key_hash(key, hash);
    return Db_exists(db, SQL_FIND, hash, 0);
}

int Open311_key_create(Db *db, const char *name, char key_out[OPEN311_KEY_LEN + 1])
{
    char hash[65], now[TIMEFMT_LEN];
    if (Rnd_hex_id(key_out, OPEN311_KEY_LEN / 2) < 0)
        return -1;
    key_hash(key_out, hash);
    Timefmt_utc(time(NULL), now);
    DbStmt *st = Db_stmt(db, SQL_INSERT);
    if (!st)
        return -1;
    Db_bind_text(st, 1, hash);
    Db_bind_text(st, 2, name);
    Db_bind_text(st, 3, now);
    int rc = Db_step(st) == DB_DONE ? 0 : -1;
    Db_reset(st);
    return rc;
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
        Open311_key_create(db, name, key) < 0 || Db_commit(db) < 0) {
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
