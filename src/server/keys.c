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
 * said about it goes to stderr. A name names one key, so `list` and
 * `revoke` can tell them apart. */
static int create(Db *db, ClientKeysKind kind, const char *name)
{
    char key[KEYS_LEN + 1], hash[65];
    if (Client_keys_name_taken(db, kind, name)) {
        fprintf(stderr, "frontdoord: %s: a key named '%s' exists; choose another name, or"
                " revoke it first\n", KIND[kind].command, name);
        return 1;
    }
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

static int revoke(Db *db, ClientKeysKind kind, const char *name)
{
    int gone = Db_begin(db) < 0 ? -1 : Client_keys_revoke(db, kind, name);
    if (gone < 0 || Db_commit(db) < 0) {
        Db_rollback(db);
        fprintf(stderr, "frontdoord: %s: the key was not revoked\n", KIND[kind].command);
        return 1;
    }
    if (gone == 0) {
        fprintf(stderr, "frontdoord: %s: no key is named '%s' (see %s list)\n",
                KIND[kind].command, name, KIND[kind].command);
        return 1;
    }
    fprintf(stderr, "frontdoord: %s '%s' revoked: requests with it are refused from now on.\n",
            KIND[kind].what, name);
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

typedef enum { KEYS_NONE, KEYS_CREATE, KEYS_LIST, KEYS_REVOKE } KeysVerb;

typedef struct KeysArgs {
    const char *db_path, *name;
    KeysVerb verb;
} KeysArgs;

/* 1-200 characters, none of them a control character (a tab or a newline
 * would break the list's columns). */
static bool good_name(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return false;
    return n >= 1 && n <= 200;
}

static KeysVerb verb_of(const char *word)
{
    return strcmp(word, "create") == 0   ? KEYS_CREATE
           : strcmp(word, "list") == 0   ? KEYS_LIST
           : strcmp(word, "revoke") == 0 ? KEYS_REVOKE
                                         : KEYS_NONE;
}

/* create NAME | revoke NAME | list, and --db PATH, in any order;
 * --name NAME is the older spelling of create NAME. False on anything
 * else. */
static bool parse(int argc, char **argv, KeysArgs *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        bool has_value = i + 1 < argc;
        if (strcmp(argv[i], "--db") == 0 && has_value)
            a->db_path = argv[++i];
        else if (strcmp(argv[i], "--name") == 0 && has_value && !a->name && !a->verb)
            a->name = argv[++i], a->verb = KEYS_CREATE;
        else if (!a->verb && verb_of(argv[i]) != KEYS_NONE)
            a->verb = verb_of(argv[i]);
        else if (a->verb != KEYS_LIST && a->verb && !a->name && argv[i][0] != '-')
            a->name = argv[i];
        else
            return false;
    }
    if (a->verb != KEYS_LIST && !good_name(a->name))
        return false;
    return a->db_path && a->verb;
}

int Keys_main(ClientKeysKind kind, int argc, char **argv)
{
    KeysArgs a;
    if (!parse(argc, argv, &a)) {
        fprintf(stderr, "usage: frontdoord %1$s create NAME --db PATH\n"
                        "       frontdoord %1$s revoke NAME --db PATH\n"
                        "       frontdoord %1$s list --db PATH\n"
                        "NAME: 1-200 characters, no control characters.\n", KIND[kind].command);
        return 2;
    }
    char err[512] = "cannot open the database";
    Db *db = NULL;
    int rc = 1;
    if (Db_init_existing(a.db_path, err, sizeof err) < 0 || !(db = Db_get()))
        fprintf(stderr, "frontdoord: %s: %s\n", KIND[kind].command, err);
    else
        rc = a.verb == KEYS_CREATE ? create(db, kind, a.name)
             : a.verb == KEYS_REVOKE ? revoke(db, kind, a.name) : list(db, kind);
    Db_shutdown();
    return rc;
}
