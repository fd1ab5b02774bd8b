/* write: see write.h. */
#include "client/api/write.h"

#include <stdio.h>
#include <string.h>

#include "client/api/api_int.h"
#include "client/outbox/outbox.h"

/* The If-Match of a record's version: the server's ETag. */
static void ApiWrite_etag(long long version, char *out, size_t cap)
{
    snprintf(out, cap, "\"%lld\"", version);
}

int ApiWrite_new(const char *kind, const char *method, const char *path, long long version,
                 json_t *body, const char *label, char *id_out)
{
    char full[512], etag[40];
    snprintf(full, sizeof full, "%s%s", API_ROOT, path);
    ApiWrite_etag(version, etag, sizeof etag);
    int rc = Outbox_submit(kind, method, full, version >= 0 ? etag : NULL, body, label, id_out);
    json_decref(body);
    return rc;
}

int ApiWrite_again(const char *id, const json_t *body, char *id_out)
{
    int rc = Outbox_resubmit(id, body, NULL);
    if (id_out && id_out != id)
        snprintf(id_out, OUTBOX_ID_LEN, "%s", id);
    return rc;
}

int ApiWrite_on_version(const char *id, const json_t *body, long long version)
{
    char etag[40];
    ApiWrite_etag(version, etag, sizeof etag);
    return Outbox_resubmit(id, body, etag);
}

bool ApiWrite_path_part(const char *path, const char *under, char *out, size_t cap)
{
    size_t root = strlen(API_ROOT);
    bool ours = strncmp(path, API_ROOT, root) == 0 && strncmp(path + root, under, strlen(under)) == 0;
    const char *p = ours ? path + root + strlen(under) : "";
    snprintf(out, cap, "%.*s", (int)strcspn(p, "/?"), p);
    return ours;
}
