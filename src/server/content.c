#include "server/content.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/csv.h"

#define MAX_FIELDS 12
#ifndef FD_DATADIR
#define FD_DATADIR "/usr/local/share/frontdoor"
#endif

static const char SQL_TOPIC[] =
    "INSERT INTO wrap_topics (code, label, position) VALUES (?1, ?2, ?3)"
    " ON CONFLICT(code) DO UPDATE SET label = excluded.label";
static const char SQL_WRAP[] =
    "INSERT INTO wrap_codes (code, topic_code, label, avoidable, progress_chasing, position)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(code) DO UPDATE SET"
    " topic_code = excluded.topic_code, label = excluded.label, avoidable = excluded.avoidable,"
    " progress_chasing = excluded.progress_chasing";
static const char SQL_TEAM[] =
    "INSERT INTO teams (code, name, description) VALUES (?1, ?2, ?3)"
    " ON CONFLICT(code) DO UPDATE SET name = excluded.name, description = excluded.description";
static const char SQL_SERVICE[] =
    "INSERT INTO services (code, name, tier, team_code, self_service_url, script_id, keywords,"
    " sla_hours, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT(code) DO UPDATE SET name = excluded.name, tier = excluded.tier,"
    " team_code = excluded.team_code, self_service_url = excluded.self_service_url,"
    " script_id = excluded.script_id, keywords = excluded.keywords,"
    " sla_hours = excluded.sla_hours";

typedef int (*RowFn)(Db *db, char **f, int line, const char *path, Diag *diag);

const char *Content_default_dir(void)
{
    const char *env = getenv("FRONTDOOR_CONTENT_DIR");
    if (env && *env)
        return env;
    if (access("config/wrapcodes.csv", R_OK) == 0)
        return "config";
    return FD_DATADIR "/content";
}

static int yes_no(const char *s)
{
    if (strcmp(s, "yes") == 0 || strcmp(s, "true") == 0 || strcmp(s, "1") == 0)
        return 1;
    if (strcmp(s, "no") == 0 || strcmp(s, "false") == 0 || strcmp(s, "0") == 0)
        return 0;
    return -1;
}

/* Bind text then integers (NULL text for empty strings) and run once. */
static int store(Db *db, const char *sql, const char *const *text, int ntext, const int *ints,
                 int nints)
{
    DbStmt *st = Db_stmt(db, sql);
    if (!st)
        return -1;
    for (int i = 0; i < ntext; i++)
        Db_bind_text(st, i + 1, text[i] && text[i][0] ? text[i] : NULL);
    for (int i = 0; i < nints; i++)
        Db_bind_int(st, ntext + i + 1, ints[i]);
    return Db_step(st) == DB_DONE ? 0 : -1;
}

static int stored_or_report(Db *db, int rc, const char *path, int line, Diag *diag)
{
    if (rc < 0)
        Diag_add(diag, path, line, "cannot store: %s", Db_errmsg(db));
    return rc;
}

static bool required(char **f, int n, const char *path, int line, Diag *diag)
{
    for (int i = 0; i < n; i++) {
        if (!f[i][0]) {
            Diag_add(diag, path, line, "field %d is empty", i + 1);
            return false;
        }
    }
    return true;
}

static int wrap_row(Db *db, char **f, int line, const char *path, Diag *diag)
{
    int avoidable = yes_no(f[4]), chasing = yes_no(f[5]);
    if (avoidable < 0 || chasing < 0) {
        Diag_add(diag, path, line, "avoidable and progress_chasing must be yes or no");
        return -1;
    }
    if (!required(f, 4, path, line, diag))
        return -1;
    const char *topic[] = {f[0], f[1]}, *wrap[] = {f[2], f[0], f[3]};
    int tints[] = {line}, wints[] = {avoidable, chasing, line};
    int rc = store(db, SQL_TOPIC, topic, 2, tints, 1);
    if (rc == 0)
        rc = store(db, SQL_WRAP, wrap, 3, wints, 3);
    return stored_or_report(db, rc, path, line, diag);
}

static int team_row(Db *db, char **f, int line, const char *path, Diag *diag)
{
    if (!required(f, 2, path, line, diag))
        return -1;
    const char *text[] = {f[0], f[1], f[2]};
    return stored_or_report(db, store(db, SQL_TEAM, text, 3, NULL, 0), path, line, diag);
}

static int service_row(Db *db, char **f, int line, const char *path, Diag *diag)
{
    static const char *const tiers[] = {"simple", "assisted", "complex"};
    bool tier_ok = false;
    for (int i = 0; i < 3; i++)
        tier_ok |= strcmp(f[2], tiers[i]) == 0;
    char *end;
    long sla = strtol(f[4], &end, 10);
    if (!required(f, 5, path, line, diag))
        return -1;
    if (!tier_ok || *end || sla <= 0) {
        Diag_add(diag, path, line, "tier must be simple, assisted or complex and sla_hours a "
                                   "positive number");
        return -1;
    }
    const char *text[] = {f[0], f[1], f[2], f[3], f[5], f[6], f[7]};
    int ints[] = {(int)sla, line};
    return stored_or_report(db, store(db, SQL_SERVICE, text, 7, ints, 2), path, line, diag);
}

/* Each data line of a CSV file with a header line, through fn. */
static int each_row(Db *db, const char *path, int nfields, RowFn fn, Diag *diag)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        Diag_add(diag, path, 0, "cannot open");
        return 1;
    }
    char line[4096];
    int lineno = 0, errors = 0;
    while (fgets(line, sizeof line, fp)) {
        char *f[MAX_FIELDS];
        lineno++;
        if (lineno == 1 || line[0] == '#' || line[strspn(line, " \r\n")] == '\0')
            continue;
        int n = Csv_split(line, f, MAX_FIELDS);
        if (n != nfields) {
            Diag_add(diag, path, lineno, "expected %d fields, found %d", nfields, n);
            errors++;
        } else if (fn(db, f, lineno, path, diag) < 0) {
            errors++;
        }
    }
    fclose(fp);
    return errors;
}

int Content_load_wrapcodes(Db *db, const char *path, Diag *diag)
{
    return each_row(db, path, 6, wrap_row, diag);
}

int Content_load(Db *db, const char *dir, Diag *diag)
{
    static const struct { const char *file; int nfields; RowFn fn; } tables[] = {
        {"wrapcodes.csv", 6, wrap_row},
        {"teams.csv", 3, team_row},
        {"services.csv", 8, service_row},
    };
    char path[4096];
    int errors = 0;
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, tables[i].file);
        errors += each_row(db, path, tables[i].nfields, tables[i].fn, diag);
    }
    /* Articles before scripts: a script's outcomes must name articles that exist. */
    snprintf(path, sizeof path, "%s/kb", dir);
    errors += Content_load_kb(db, path, diag);
    snprintf(path, sizeof path, "%s/scripts", dir);
    errors += Content_load_scripts(db, path, diag);
    return errors;
}
