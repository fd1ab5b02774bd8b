#include "server/content.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/csv.h"

static const char SQL_TOPIC[] =
    "INSERT INTO wrap_topics (code, label, position) VALUES (?1, ?2, ?3)"
    " ON CONFLICT(code) DO UPDATE SET label = excluded.label";
static const char SQL_WRAP[] =
    "INSERT INTO wrap_codes (code, topic_code, label, avoidable, progress_chasing, position)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(code) DO UPDATE SET"
    " topic_code = excluded.topic_code, label = excluded.label, avoidable = excluded.avoidable,"
    " progress_chasing = excluded.progress_chasing";

const char *Content_default_dir(void)
{
    const char *env = getenv("FRONTDOOR_CONTENT_DIR");
    if (env && *env)
        return env;
    if (access("config/wrapcodes.csv", R_OK) == 0)
        return "config";
    return "/usr/local/share/frontdoor/content";
}

static int yes_no(const char *s)
{
    if (strcmp(s, "yes") == 0 || strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
        return 1;
    if (strcmp(s, "no") == 0 || strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
        return 0;
    return -1;
}

static int step_text(Db *db, const char *sql, const char *const *text, int ntext,
                     const int *ints, int nints)
{
    sqlite3_stmt *st = Db_stmt(db, sql);
    if (!st)
        return -1;
    for (int i = 0; i < ntext; i++)
        Db_bind_text(st, i + 1, text[i]);
    for (int i = 0; i < nints; i++)
        sqlite3_bind_int(st, ntext + i + 1, ints[i]);
    return sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
}

static int wrap_row(Db *db, char **f, int position, const char *path, int line, Diag *diag)
{
    int avoidable = yes_no(f[4]), chasing = yes_no(f[5]);
    if (avoidable < 0 || chasing < 0) {
        Diag_add(diag, path, line, "avoidable and progress_chasing must be yes or no");
        return -1;
    }
    for (int i = 0; i < 4; i++) {
        if (!f[i][0]) {
            Diag_add(diag, path, line, "empty field %d", i + 1);
            return -1;
        }
    }
    const char *topic[] = {f[0], f[1]};
    int tpos[] = {position};
    const char *wrap[] = {f[2], f[0], f[3]};
    int wints[] = {avoidable, chasing, position};
    if (step_text(db, SQL_TOPIC, topic, 2, tpos, 1) < 0 ||
        step_text(db, SQL_WRAP, wrap, 3, wints, 3) < 0) {
        Diag_add(diag, path, line, "cannot store wrap code '%s': %s", f[2],
                 sqlite3_errmsg(Db_handle(db)));
        return -1;
    }
    return 0;
}

int Content_load_wrapcodes(Db *db, const char *path, Diag *diag)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        Diag_add(diag, path, 0, "cannot open");
        return 1;
    }
    char line[1024];
    int lineno = 0, errors = 0;
    while (fgets(line, sizeof line, fp)) {
        char *f[8];
        lineno++;
        if (lineno == 1 || line[0] == '#' || line[strspn(line, " \r\n")] == '\0')
            continue;
        int n = Csv_split(line, f, 8);
        if (n != 6) {
            Diag_add(diag, path, lineno, "expected 6 fields (topic_code,topic_label,reason_code,"
                                         "reason_label,avoidable,progress_chasing), found %d", n);
            errors++;
        } else if (wrap_row(db, f, lineno, path, lineno, diag) < 0) {
            errors++;
        }
    }
    fclose(fp);
    return errors;
}

int Content_load(Db *db, const char *dir, Diag *diag)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/wrapcodes.csv", dir);
    return Content_load_wrapcodes(db, path, diag);
}
