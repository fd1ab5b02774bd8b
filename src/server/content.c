#include "server/content.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/csv.h"
#include "common/text.h"
#include "server/store/calls.h"
#include "server/store/catalogue.h"
#include "server/store/presence.h"
#include "server/store/wrapcodes.h"

#define MAX_FIELDS 12
#ifndef FD_DATADIR
#define FD_DATADIR "/usr/local/share/frontdoor"
#endif

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

/* An empty optional field is stored as NULL, not "". */
static const char *or_null(const char *s)
{
    return s[0] ? s : NULL;
}

static int stored_or_report(int rc, const char *err, const char *path, int line, Diag *diag)
{
    if (rc < 0)
        Diag_add(diag, path, line, "cannot store: %s", err);
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
    WrapcodeIn w = {f[2], f[0], f[3], avoidable, chasing, true};
    char err[256];
    return stored_or_report(Wrapcodes_upsert(db, f[1], &w, line, err, sizeof err), err, path,
                            line, diag);
}

static int team_row(Db *db, char **f, int line, const char *path, Diag *diag)
{
    if (!required(f, 2, path, line, diag))
        return -1;
    char err[256];
    return stored_or_report(Catalogue_put_team(db, f[0], f[1], or_null(f[2]), err, sizeof err),
                            err, path, line, diag);
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
    ServiceIn s = {f[0], f[1], f[2], f[3], or_null(f[5]), or_null(f[6]), or_null(f[7]),
                   (int)sla, line};
    char err[256];
    return stored_or_report(Catalogue_put_service(db, &s, err, sizeof err), err, path, line,
                            diag);
}

/* config/break_reasons.csv: code,label; listed in the file's order. */
static int break_reason_row(Db *db, char **f, int line, const char *path, Diag *diag)
{
    if (!required(f, 2, path, line, diag))
        return -1;
    if (strlen(f[0]) >= PRESENCE_REASON_MAX || strspn(f[0], "abcdefghijklmnopqrstuvwxyz_") !=
                                                   strlen(f[0])) {
        Diag_add(diag, path, line, "code must be a-z and _, under %d characters",
                 PRESENCE_REASON_MAX);
        return -1;
    }
    if (Presence_store_reason_put(db, f[0], f[1], line) < 0) {
        Diag_add(diag, path, line, "cannot store the break reason");
        return -1;
    }
    return 0;
}

/* dialled_numbers.csv (issue 12): number,service_code; a call to that
 * number is about that service, so its screen pop says so. */
static int dialled_row(Db *db, char **f, int line, const char *path, Diag *diag)
{
    char digits[CALLS_NUMBER_MAX];
    if (!required(f, 2, path, line, diag))
        return -1;
    if (!Text_phone(f[0], digits, sizeof digits)) {
        Diag_add(diag, path, line, "'%s' is not a phone number", f[0]);
        return -1;
    }
    if (!Catalogue_service_exists(db, f[1])) {
        Diag_add(diag, path, line, "no such service '%s' (services.csv)", f[1]);
        return -1;
    }
    char err[256];
    return stored_or_report(Calls_put_dialled(db, digits, f[1], err, sizeof err), err, path,
                            line, diag);
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

int Content_load(Db *db, const char *dir, Diag *diag)
{
    static const struct { const char *file; int nfields; RowFn fn; } tables[] = {
        {"wrapcodes.csv", 6, wrap_row},
        {"teams.csv", 3, team_row},
        {"services.csv", 8, service_row},
        {"dialled_numbers.csv", 2, dialled_row},
    };
    char path[4096];
    int errors = 0;
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, tables[i].file);
        /* Content from before issue 12 has no dialled numbers: none mapped. */
        if (tables[i].fn == dialled_row && access(path, F_OK) != 0)
            continue;
        errors += each_row(db, path, tables[i].nfields, tables[i].fn, diag);
    }
    /* Optional: content written before break reasons existed has none. */
    snprintf(path, sizeof path, "%s/break_reasons.csv", dir);
    if (access(path, R_OK) == 0)
        errors += each_row(db, path, 2, break_reason_row, diag);
    /* Articles before scripts: a script's outcomes must name articles that exist. */
    snprintf(path, sizeof path, "%s/kb", dir);
    errors += Content_load_kb(db, path, diag);
    snprintf(path, sizeof path, "%s/scripts", dir);
    errors += Content_load_scripts(db, path, diag);
    return errors;
}
