#include "client/session/secret.h"

#include <libsecret/secret.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "common/log.h"
#include "common/timefmt.h"

static const SecretSchema token_schema = {
    "org.frontdoor.Token",
    SECRET_SCHEMA_NONE,
    {
        {"server", SECRET_SCHEMA_ATTRIBUTE_STRING},
        {"username", SECRET_SCHEMA_ATTRIBUTE_STRING},
        {"expires_at", SECRET_SCHEMA_ATTRIBUTE_STRING},
        {NULL, 0},
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

static const SecretSchema key_schema = {
    "org.frontdoor.JournalKey",
    SECRET_SCHEMA_NONE,
    {
        {"server", SECRET_SCHEMA_ATTRIBUTE_STRING},
        {"username", SECRET_SCHEMA_ATTRIBUTE_STRING},
        {NULL, 0},
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

typedef struct SecretOp {
    SecretDone done;
    char username[128];
    char expires_at[40];
} SecretOp;

static int pending;

bool Secret_bus_present(void)
{
    const char *addr = getenv("DBUS_SESSION_BUS_ADDRESS");
    if (addr && addr[0])
        return true;
    /* GDBus also finds the per-user bus socket under $XDG_RUNTIME_DIR. */
    const char *rt = getenv("XDG_RUNTIME_DIR");
    if (!rt || !rt[0])
        return false;
    char path[512];
    struct stat st;
    snprintf(path, sizeof path, "%s/bus", rt);
    return stat(path, &st) == 0 && S_ISSOCK(st.st_mode);
}

int Secret_pending(void)
{
    return pending;
}

void Secret_pump(void)
{
    while (g_main_context_iteration(NULL, FALSE)) {
    }
}

static SecretOp *Secret_op(SecretDone done)
{
    SecretOp *op = calloc(1, sizeof *op);
    if (op) {
        op->done = done;
        pending++;
    }
    return op;
}

static void Secret_finish(SecretOp *op, bool ok, const char *why, const char *token)
{
    pending--;
    if (!ok)
        Log_event(LOG_WARN, "secret_service_unavailable", NULL);
    if (op->done)
        op->done(ok, why, token, op->username[0] ? op->username : NULL,
                 op->expires_at[0] ? op->expires_at : NULL);
    free(op);
}

static void Secret_stored(GObject *src, GAsyncResult *res, gpointer data)
{
    (void)src;
    GError *err = NULL;
    gboolean ok = secret_password_store_finish(res, &err);
    Secret_finish(data, ok, err ? err->message : NULL, NULL);
    if (err)
        g_error_free(err);
}

void Secret_store(const char *server, const char *username, const char *expires_at,
                  const char *token, SecretDone done)
{
    SecretOp *op = Secret_op(done);
    if (!op)
        return;
    snprintf(op->username, sizeof op->username, "%s", username);
    snprintf(op->expires_at, sizeof op->expires_at, "%s", expires_at ? expires_at : "");
    secret_password_store(&token_schema, SECRET_COLLECTION_DEFAULT, "Frontdoor sign-in", token,
                          NULL, Secret_stored, op, "server", server, "username", username,
                          "expires_at", op->expires_at, NULL);
}

static void Secret_cleared(GObject *src, GAsyncResult *res, gpointer data)
{
    (void)src;
    GError *err = NULL;
    secret_password_clear_finish(res, &err);
    Secret_finish(data, err == NULL, err ? err->message : NULL, NULL);
    if (err)
        g_error_free(err);
}

void Secret_clear(const char *server, SecretDone done)
{
    SecretOp *op = Secret_op(done);
    if (op)
        secret_password_clear(&token_schema, NULL, Secret_cleared, op, "server", server, NULL);
}

static bool Secret_unexpired(const char *expires_at)
{
    time_t t;
    return expires_at && Timefmt_parse(expires_at, &t) && t > time(NULL) + 60;
}

static void Secret_retrieved(GObject *src, GAsyncResult *res, gpointer data)
{
    GError *err = NULL;
    SecretValue *value = secret_retrievable_retrieve_secret_finish(SECRET_RETRIEVABLE(src), res, &err);
    const char *token = value ? secret_value_get_text(value) : NULL;
    Secret_finish(data, err == NULL, err ? err->message : NULL, token);
    if (value)
        secret_value_unref(value);
    if (err)
        g_error_free(err);
    g_object_unref(src);
}

/* Picks the stored item that expires last and is still good, then fetches
 * its secret; the attributes say which user it belongs to. */
static void Secret_found(GObject *src, GAsyncResult *res, gpointer data)
{
    (void)src;
    SecretOp *op = data;
    GError *err = NULL;
    GList *items = secret_password_search_finish(res, &err);
    SecretRetrievable *best = NULL;
    for (GList *l = items; l; l = l->next) {
        GHashTable *attrs = secret_retrievable_get_attributes(l->data);
        const char *exp = g_hash_table_lookup(attrs, "expires_at");
        const char *user = g_hash_table_lookup(attrs, "username");
        if (user && Secret_unexpired(exp) && (!best || strcmp(exp, op->expires_at) > 0)) {
            best = l->data;
            snprintf(op->expires_at, sizeof op->expires_at, "%s", exp);
            snprintf(op->username, sizeof op->username, "%s", user);
        }
        g_hash_table_unref(attrs);
    }
    if (best)
        secret_retrievable_retrieve_secret(g_object_ref(best), NULL, Secret_retrieved, op);
    else
        Secret_finish(op, err == NULL, err ? err->message : NULL, NULL);
    g_list_free_full(items, g_object_unref);
    if (err)
        g_error_free(err);
}

void Secret_load(const char *server, SecretDone done)
{
    SecretOp *op = Secret_op(done);
    if (op)
        secret_password_search(&token_schema, SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK, NULL,
                               Secret_found, op, "server", server, NULL);
}

static void Secret_key_found(GObject *src, GAsyncResult *res, gpointer data)
{
    (void)src;
    GError *err = NULL;
    gchar *hex = secret_password_lookup_finish(res, &err);
    Secret_finish(data, err == NULL, err ? err->message : NULL, hex);
    if (hex)
        secret_password_free(hex);
    if (err)
        g_error_free(err);
}

void Secret_key_load(const char *server, const char *username, SecretDone done)
{
    SecretOp *op = Secret_op(done);
    if (op)
        secret_password_lookup(&key_schema, NULL, Secret_key_found, op, "server", server,
                               "username", username, NULL);
}

void Secret_key_store(const char *server, const char *username, const char *hexkey, SecretDone done)
{
    SecretOp *op = Secret_op(done);
    if (op)
        secret_password_store(&key_schema, SECRET_COLLECTION_DEFAULT, "Frontdoor outbox journal key",
                              hexkey, NULL, Secret_stored, op, "server", server, "username",
                              username, NULL);
}
