/* Phone-system API keys: random 256-bit keys shown once, stored as SHA-256
 * hex so a copy of the database does not hand out working keys (as
 * Open311's are; a separate table, so neither kind opens the other). */
#include <stdio.h>
#include <string.h>

#include "common/rnd.h"
#include "server/auth.h"
#include "server/phone.h"
#include "server/store/phone_clients.h"

bool Phone_key_valid(Db *db, const char *key)
{
    /* Keys we issue are 64 hex characters; anything else cannot match. */
    if (!key || strlen(key) != PHONE_KEY_LEN)
        return false;
    char hash[65];
    Auth_secret_hash(key, hash);
    return Phone_clients_exists(db, hash);
}

static int key_create(Db *db, const char *name, char key_out[PHONE_KEY_LEN + 1])
{
    char hash[65];
    if (Rnd_hex_id(key_out, PHONE_KEY_LEN / 2) < 0)
        return -1;
    Auth_secret_hash(key_out, hash);
    return Phone_clients_insert(db, hash, name);
}

static const char USAGE[] = "usage: frontdoord phone-key create NAME --db PATH\n"
                            "       frontdoord phone-key list --db PATH\n";

/* The key goes to stdout alone (so a script can capture it). */
static int create(Db *db, const char *name)
{
    char key[PHONE_KEY_LEN + 1];
    if (Db_begin(db) < 0 || key_create(db, name, key) < 0 || Db_commit(db) < 0) {
        Db_rollback(db);
        fputs("frontdoord: phone-key: could not store the key\n", stderr);
        return 1;
    }
    printf("%s\n", key);
    fprintf(stderr, "frontdoord: phone system API key for '%s' created. It is shown only"
            " this once; keep it safe.\n", name);
    return 0;
}

static int list(Db *db)
{
    json_t *items = Phone_clients_list(db);
    size_t i;
    json_t *e;
    json_array_foreach(items, i, e)
        printf("%s\t%s\n", json_string_value(json_object_get(e, "created_at")),
               json_string_value(json_object_get(e, "name")));
    json_decref(items);
    return 0;
}

int Phone_key_main(int argc, char **argv)
{
    const char *db_path = NULL, *verb = argc > 1 ? argv[1] : "", *name = NULL;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            db_path = argv[++i];
        else if (!name && argv[i][0] != '-')
            name = argv[i];
        else
            db_path = NULL, i = argc;
    }
    bool creating = strcmp(verb, "create") == 0;
    if (!db_path || (!creating && strcmp(verb, "list") != 0) || (creating != (name != NULL)) ||
        (name && (!*name || strlen(name) > 200))) {
        fputs(USAGE, stderr);
        return 2;
    }
    char err[512] = "cannot open the database";
    Db *db = NULL;
    int rc = 1;
    if (Db_init(db_path, err, sizeof err) < 0 || !(db = Db_get()))
        fprintf(stderr, "frontdoord: phone-key: %s\n", err);
    else
        rc = creating ? create(db, name) : list(db);
    Db_shutdown();
    return rc;
}
