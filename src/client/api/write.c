/* write: see write.h. */
#include "client/api/write.h"

#include <stdio.h>
#include <string.h>

#include "client/api/api_int.h"
#include "client/outbox/outbox.h"

int ApiWrite_new(const char *kind, const char *method, const char *path, const char *if_match,
                 json_t *body, const char *label, char *id_out)
{
    char full[512];
    snprintf(full, sizeof full, "%s%s", API_ROOT, path);
    int rc = Outbox_submit(kind, method, full, if_match, body, label, id_out);
    json_decref(body);
    return rc;
}

int ApiWrite_again(const char *id, json_t *body, char *id_out)
{
    int rc = Outbox_resubmit(id, body, NULL);
    json_decref(body);
    if (id_out && id_out != id)
        snprintf(id_out, OUTBOX_ID_LEN, "%s", id);
    return rc;
}

bool ApiWrite_path_part(const char *path, const char *under, char *out, size_t cap)
{
    size_t root = strlen(API_ROOT);
    bool ours = strncmp(path, API_ROOT, root) == 0 && strncmp(path + root, under, strlen(under)) == 0;
    const char *p = ours ? path + root + strlen(under) : "";
    snprintf(out, cap, "%.*s", (int)strcspn(p, "/?"), p);
    return ours;
}
