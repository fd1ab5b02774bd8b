/* Loading the directories of content: triage scripts (config/scripts/NAME.json)
 * and knowledge base articles (config/kb/NAME.md). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/text.h"
#include "server/content.h"
#include "server/scriptstore.h"
#include "server/store/kb.h"

#define MAX_FILES 512

typedef int (*FileFn)(Db *db, const char *path, const char *id, Diag *diag);

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every file in dir ending in suffix, in name order (so loads are
 * repeatable), through fn with the file's id (its name less the suffix). */
static int each_file(Db *db, const char *dir, const char *suffix, FileFn fn, Diag *diag)
{
    DIR *d = opendir(dir);
    if (!d) {
        Diag_add(diag, dir, 0, "cannot open the directory");
        return 1;
    }
    char *names[MAX_FILES];
    size_t n = 0, sl = strlen(suffix);
    struct dirent *e;
    while ((e = readdir(d)) && n < MAX_FILES) {
        size_t len = strlen(e->d_name);
        if (len > sl && strcmp(e->d_name + len - sl, suffix) == 0 && e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_names);
    int errors = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096], id[256];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(id, sizeof id, "%.*s", (int)(strlen(names[i]) - sl), names[i]);
        errors += fn(db, path, id, diag) < 0;
        free(names[i]);
    }
    return errors;
}

static int load_script(Db *db, const char *path, const char *id, Diag *diag)
{
    json_error_t err;
    json_t *q = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    if (!q) {
        Diag_add(diag, path, err.line, "%s", err.text);
        return -1;
    }
    int version;
    bool created;
    int rc = Scriptstore_put(db, id, q, 0, path, diag, &version, &created);
    json_decref(q);
    return rc;
}

int Content_load_scripts(Db *db, const char *dir, Diag *diag)
{
    return each_file(db, dir, ".json", load_script, diag);
}

typedef struct Article {
    char title[256], services[512], tags[512], updated[16];
    const char *body;
} Article;

/* "key: value" lines up to the first blank line; returns the body start. */
static const char *parse_header(const char *text, Article *a, const char *path, Diag *diag)
{
    const char *p = text;
    int line = 1;
    while (*p && *p != '\n') {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        const char *colon = memchr(p, ':', len);
        char *slot = NULL;
        size_t cap = 0;
        if (colon && (size_t)(colon - p) == 5 && strncmp(p, "title", 5) == 0) slot = a->title, cap = sizeof a->title;
        else if (colon && strncmp(p, "services:", 9) == 0) slot = a->services, cap = sizeof a->services;
        else if (colon && strncmp(p, "tags:", 5) == 0) slot = a->tags, cap = sizeof a->tags;
        else if (colon && strncmp(p, "updated:", 8) == 0) slot = a->updated, cap = sizeof a->updated;
        if (!slot) {
            Diag_add(diag, path, line, "expected 'title:', 'services:', 'tags:' or 'updated:' "
                                       "before the blank line that starts the article");
            return NULL;
        }
        snprintf(slot, cap, "%.*s", (int)(len - (size_t)(colon + 1 - p)), colon + 1);
        Text_trim(slot);
        p += len + (eol ? 1 : 0);
        line++;
    }
    return *p == '\n' ? p + 1 : p;
}

static int load_article(Db *db, const char *path, const char *id, Diag *diag)
{
    Buf text = BUF_INIT;
    Article a = {0};
    int rc = -1;
    if (Buf_read_file(&text, path) < 0)
        Diag_add(diag, path, 0, "cannot read");
    else if (!Text_utf8_valid(text.data, text.len))
        Diag_add(diag, path, 0, "not valid UTF-8");
    else if ((a.body = parse_header(text.data, &a, path, diag)) && !a.title[0])
        Diag_add(diag, path, 1, "an article needs a 'title:' line");
    else if (a.body) {
        KbArticleIn in = {id, a.title, a.body, a.services, a.tags,
                          a.updated[0] ? a.updated : NULL};
        char err[256];
        rc = Kb_load(db, &in, err, sizeof err);
        if (rc < 0)
            Diag_add(diag, path, 0, "cannot store: %s", err);
    }
    Buf_free(&text);
    return rc;
}

int Content_load_kb(Db *db, const char *dir, Diag *diag)
{
    return each_file(db, dir, ".md", load_article, diag);
}
