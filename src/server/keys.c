#include "server/keys.h"

#include <stdio.h>
#include <string.h>

#include "common/rnd.h"
#include "server/auth.h"

/* What each kind of key is called on the command line and to a person. */
static const struct {
    const char *command, *what;
} KIND[CLIENT_KEYS_KINDS] = {
    [CLIENT_KEYS_OPEN311] = {"open311-key", "Open311 API key"},
    [CLIENT_KEYS_PHONE] = {"phone-key", "phone system API key"},
};

bool Keys_valid(Db *db, ClientKeysKind kind, const char *key)
{
    /* Keys we issue are 64 hex characters; anything else cannot match, and
     * need not be hashed. */
    if (!key || strlen(key) != KEYS_LEN)
        return false;
    char hash[65];
    Auth_secret_hash(key, hash);
    return Client_keys_exists(db, kind, hash);
}

/* The key goes to stdout alone (so a script can capture it); everything
 * said about it goes to stderr. */
static int create(Db *db, ClientKeysKind kind, const char *name)
{
    char key[KEYS_LEN + 1], hash[65];
    if (Rnd_hex_id(key, KEYS_LEN / 2) < 0 || Db_begin(db) < 0) {
        fprintf(stderr, "frontdoord: %s: could not make a key\n", KIND[kind].command);
        return 1;
    }
    Auth_secret_hash(key, hash);
    if (Client_keys_insert(db, kind, hash, name) < 0 || Db_commit(db) < 0) {
        Db_rollback(db);
        fprintf(stderr, "frontdoord: %s: could not store the key\n", KIND[kind].command);
        return 1;
    }
    printf("%s\n", key);
    fprintf(stderr, "frontdoord: %s for '%s' created. It is shown only this once;"
            " keep it safe.\n", KIND[kind].what, name);
    return 0;
}

static int list(Db *db, ClientKeysKind kind)
{
    json_t *items = Client_keys_list(db, kind);
    size_t i;
    json_t *e;
    json_array_foreach(items, i, e)
        printf("%s\t%s\n", json_string_value(json_object_get(e, "created_at")),
               json_string_value(json_object_get(e, "name")));
    json_decref(items);
    return 0;
}

typedef struct KeysArgs {
    const char *db_path, *name;
    bool creating, listing;
} KeysArgs;

/* create NAME | list, and --db PATH, in any order; --name NAME is the
 * older spelling of create NAME. False on anything else. */
static bool parse(int argc, char **argv, KeysArgs *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        bool has_value = i + 1 < argc;
        if (strcmp(argv[i], "--db") == 0 && has_value)
            a->db_path = argv[++i];
        else if (strcmp(argv[i], "--name") == 0 && has_value && !a->name)
            a->name = argv[++i], a->creating = true;
        else if (strcmp(argv[i], "create") == 0 && !a->creating && !a->listing)
            a->creating = true;
        else if (strcmp(argv[i], "list") == 0 && !a->creating && !a->listing)
            a->listing = true;
        else if (a->creating && !a->name && argv[i][0] != '-')
            a->name = argv[i];
        else
            return false;
    }
    if (a->creating && (!a->name || !*a->name || strlen(a->name) > 200))
        return false;
    return a->db_path && (a->creating || a->listing);
}

int Keys_main(ClientKeysKind kind, int argc, char **argv)
{
    KeysArgs a;
    if (!parse(argc, argv, &a)) {
        fprintf(stderr, "usage: frontdoord %1$s create NAME --db PATH\n"
                        "       frontdoord %1$s list --db PATH\n", KIND[kind].command);
        return 2;
    }
    char err[512] = "cannot open the database";
    Db *db = NULL;
    int rc = 1;
    if (Db_init(a.db_path, err, sizeof err) < 0 || !(db = Db_get()))
        fprintf(stderr, "frontdoord: %s: %s\n", KIND[kind].command, err);
    else
        rc = a.creating ? create(db, kind, a.name) : list(db, kind);
    Db_shutdown();
    return rc;
}
