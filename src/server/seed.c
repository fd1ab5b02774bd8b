#include "server/seed.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include "common/timefmt.h"
#include "common/diag.h"
#include "server/auth.h"
#include "server/content.h"
#include "server/store/customers.h"
#include "server/store/memberships.h"
#include "server/seed_data.h"
#include "server/store/seeding.h"

#define DEFAULT_CUSTOMERS 10000
/* Rows per transaction: big enough that commits (each an fsync) cost
 * nothing next to the inserts, small enough to keep the WAL modest. */
#define BATCH 5000
#define PROGRESS_EVERY 100000

typedef struct SeedArgs {
    const char *db;
    long long customers;
    uint64_t seed;
    const char *content;  /* --content DIR; NULL: Content_default_dir() */
} SeedArgs;

static const char *const flag_codes[] = {
    "cautionary_contact", "vulnerable_adult", "needs_interpreter", "hearing_impaired",
};
#define NFLAG_CODES ((int)(sizeof flag_codes / sizeof flag_codes[0]))

typedef struct SeedStats {
    long long customers, no_email, flags[NFLAG_CODES];
} SeedStats;

static const struct {
    const char *username, *display_name, *roles, *team;
} demo_users[] = {
    {"advisor", "Alex Advisor", "advisor", "contact_centre"},
    {"backoffice", "Blake Backoffice", "backoffice", "waste_services"},
    {"trainer", "Terry Trainer", "trainer", "contact_centre"},
    {"supervisor", "Sam Supervisor", "supervisor", "contact_centre"},
    {"admin", "Ada Admin", "admin", "contact_centre"},
    /* Someone must answer the safeguarding duty queues in the demo. */
    {"duty", "Dee Duty", "backoffice", "adult_safeguarding_duty"},
};
/* Extra lasting memberships beyond each demo user's home team. */
static const struct {
    const char *username, *team;
} demo_memberships[] = {
    {"duty", "children_safeguarding_duty"},
};
#define NDEMO_USERS ((int)(sizeof demo_users / sizeof demo_users[0]))

static void usage(FILE *out)
{
    fprintf(out,
            "usage: frontdoord seed --db PATH [--customers N] [--seed S] [--content DIR]\n"
            "  Fill a fresh database with synthetic demo data: three fixed test\n"
            "  customers first, then generated ones up to N in all (default %d),\n"
            "  and the users advisor, backoffice, trainer, supervisor, admin and duty,\n"
            "  each with the password \"demo\". The same S (default 1) always\n"
            "  gives the same people. The council's content (wrap codes, services,\n"
            "  scripts, articles) is loaded from DIR (default: ./config in a source\n"
            "  tree, else the installed copy).\n",
            DEFAULT_CUSTOMERS);
}

/* A whole decimal number in [0, max]; strtoull alone would accept "-1",
 * " 7" and "12abc". */
static bool parse_count(const char *s, unsigned long long max, unsigned long long *out)
{
    if (!s || *s < '0' || *s > '9')
        return false;
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0' || v > max)
        return false;
    *out = v;
    return true;
}

/* Matches "--name VALUE" and "--name=VALUE"; *value is NULL when the
 * value is missing. */
static bool option(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return false;
    if (argv[*i][n] == '=') {
        *value = argv[*i] + n + 1;
        return true;
    }
    if (argv[*i][n] != '\0')
        return false;
    *value = *i + 1 < argc ? argv[++*i] : NULL;
    return true;
}

static int bad_arg(const char *problem, const char *what)
{
    fprintf(stderr, "frontdoord seed: %s%s\n", problem, what);
    usage(stderr);
    return 2;
}

/* Returns -1 to go on, else the exit code (0 for --help, 2 for errors). */
static int parse_args(int argc, char **argv, SeedArgs *a)
{
    *a = (SeedArgs){NULL, DEFAULT_CUSTOMERS, 1, NULL};
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        unsigned long long n;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (option(argc, argv, &i, "--db", &v)) {
            if (!v || !*v)
                return bad_arg("--db needs a file name", "");
            a->db = v;
        } else if (option(argc, argv, &i, "--customers", &v)) {
            if (!parse_count(v, (unsigned long long)SEEDDATA_MAX_ID, &n))
                return bad_arg("--customers needs a whole number from 0 to 9999999", "");
            a->customers = (long long)n;
        } else if (option(argc, argv, &i, "--content", &v)) {
            if (!v || !*v)
                return bad_arg("--content needs a directory", "");
            a->content = v;
        } else if (option(argc, argv, &i, "--seed", &v)) {
            if (!parse_count(v, UINT64_MAX, &n))
                return bad_arg("--seed needs a whole number, 0 or more", "");
            a->seed = (uint64_t)n;
        } else {
            return bad_arg("unknown argument: ", argv[i]);
        }
    }
    if (!a->db)
        return bad_arg("--db PATH is required", "");
    return -1;
}

/* The council's content (wrap codes, services, scripts, articles) goes in
 * with the people, so a seeded database is ready for the demo and tests. */
static int load_content(Db *db, const char *dir)
{
    Diag diag = DIAG_INIT;
    int errors = Db_begin(db) < 0 ? 1 : Content_load(db, dir, &diag);
    for (size_t i = 0; i < diag.count; i++)
        fprintf(stderr, "frontdoord seed: %s\n", diag.lines[i]);
    Diag_free(&diag);
    if (errors || Db_commit(db) < 0) {
        Db_rollback(db);
        fprintf(stderr, "frontdoord seed: content from %s not loaded\n", dir);
        return -1;
    }
    return 0;
}

/* Seed is for a fresh database only: mixing demo people into real data,
 * or seeding twice, would make references and fixtures ambiguous. */
static int check_empty(Db *db, const char *path)
{
    long long customers, users;
    char err[512];
    if (Seeding_counts(db, &customers, &users, err, sizeof err) < 0) {
        fprintf(stderr, "frontdoord seed: cannot read %s: %s\n", path, err);
        return -1;
    }
    if (customers == 0 && users == 0)
        return 0;
    fprintf(stderr,
            "frontdoord seed: %s already holds %lld customers and %lld users.\n"
            "Seed fills a fresh database only: remove the file or give another --db.\n",
            path, customers, users);
    return -1;
}

static int create_users(Db *db)
{
    for (int i = 0; i < NDEMO_USERS; i++) {
        if (Auth_create_user(db, demo_users[i].username, demo_users[i].display_name, "demo",
                             demo_users[i].roles, demo_users[i].team) < 0) {
            fprintf(stderr, "frontdoord seed: cannot create user %s\n", demo_users[i].username);
            return -1;
        }
    }
    for (size_t i = 0; i < sizeof demo_memberships / sizeof demo_memberships[0]; i++) {
        char home[MEMBERSHIPS_TEAM_MAX];
        long long id = Memberships_user(db, demo_memberships[i].username, home);
        if (id <= 0 || Memberships_add(db, id, demo_memberships[i].team, NULL, 0) < 0) {
            fprintf(stderr, "frontdoord seed: cannot add %s to %s\n", demo_memberships[i].username,
                    demo_memberships[i].team);
            return -1;
        }
    }
    return 0;
}

static void count_customer(SeedStats *s, const CustomerIn *c)
{
    s->customers++;
    if (!c->email)
        s->no_email++;
    for (int i = 0; i < c->nflags; i++)
        for (int k = 0; k < NFLAG_CODES; k++)
            if (strcmp(c->flags[i].code, flag_codes[k]) == 0)
                s->flags[k]++;
}

/* Fixtures take ids 1..n and generated customers follow; the id must come
 * back as expected because account references are derived from it. */
static int insert_one(Db *db, const SeedArgs *a, long long id, const char *now, SeedStats *s)
{
    SeedCustomer c;
    if (id <= Seeddata_nfixtures())
        Seeddata_fixture((int)id - 1, &c);
    else
        Seeddata_customer(a->seed, id, &c);
    long long got = Customers_insert(db, &c.in, now);
    if (got != id) {
        fprintf(stderr, "frontdoord seed: inserting customer %lld failed: %s\n", id,
                got < 0 ? Seeding_error(db) : "unexpected id");
        return -1;
    }
    count_customer(s, &c.in);
    return 0;
}

static int insert_customers(Db *db, const SeedArgs *a, const char *now, SeedStats *s)
{
    for (long long id = 1; id <= a->customers; id++) {
        if ((id - 1) % BATCH == 0 && Db_begin(db) < 0)
            return -1;
        if (insert_one(db, a, id, now, s) < 0) {
            Db_rollback(db);
            return -1;
        }
        if ((id % BATCH == 0 || id == a->customers) && Db_commit(db) < 0) {
            Db_rollback(db);
            return -1;
        }
        if (id % PROGRESS_EVERY == 0 && a->customers >= 2 * PROGRESS_EVERY)
            fprintf(stderr, "frontdoord seed: %lld of %lld customers\n", id, a->customers);
    }
    return 0;
}

static double percent(long long part, long long whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void print_summary(const SeedArgs *a, const SeedStats *s, long long ms)
{
    long long fixed = s->customers < Seeddata_nfixtures() ? s->customers : Seeddata_nfixtures();
    printf("Seeded %s with %lld customers (seed %" PRIu64 ", the first %lld fixed for tests)"
           " in %.1f s.\n",
           a->db, s->customers, a->seed, fixed, (double)ms / 1000.0);
    printf("  without e-mail: %lld (%.1f%%)\n", s->no_email, percent(s->no_email, s->customers));
    printf("  flags:");
    for (int k = 0; k < NFLAG_CODES; k++)
        printf("%s %s %lld", k ? "," : "", flag_codes[k], s->flags[k]);
    printf("\n\nUsers (password: demo):\n");
    printf("  %-12s %-18s %-12s %-16s %s\n", "username", "name", "role", "team", "password");
    for (int i = 0; i < NDEMO_USERS; i++)
        printf("  %-12s %-18s %-12s %-16s %s\n", demo_users[i].username,
               demo_users[i].display_name, demo_users[i].roles, demo_users[i].team, "demo");
}

/* Open, check, fill. Users go in first: hashing five passwords is quick
 * and a failure there should not come after minutes of inserts. */
static int run(const SeedArgs *a)
{
    char err[512], probe[1200];
    const char *dir = a->content ? a->content : Content_default_dir();
    /* Before the database is touched: a seed without the council's content
     * would leave users and no customers, and refuse to run again. */
    snprintf(probe, sizeof probe, "%s/wrapcodes.csv", dir);
    if (access(probe, R_OK) != 0) {
        fprintf(stderr, "frontdoord seed: no content in %s (no wrapcodes.csv): run it from the"
                " source tree, give --content DIR, or set FRONTDOOR_CONTENT_DIR\n", dir);
        return 1;
    }
    if (Db_init(a->db, err, sizeof err) < 0) {
        fprintf(stderr, "frontdoord seed: %s\n", err);
        return 1;
    }
    Db *db = Db_get();
    if (!db || check_empty(db, a->db) < 0 || create_users(db) < 0 ||
        load_content(db, dir) < 0)
        return 1;
    Seeding_bulk_load(db);
    char now[TIMEFMT_LEN];
    Timefmt_utc(time(NULL), now);
    SeedStats stats = {0};
    long long start = Timefmt_mono_ms();
    if (insert_customers(db, a, now, &stats) < 0)
        return 1;
    long long ms = Timefmt_mono_ms() - start;
    /* Closing the last connection checkpoints the WAL into the main file,
     * so the seeded database is one self-contained file to copy around. */
    Db_shutdown();
    print_summary(a, &stats, ms);
    return 0;
}

int Seed_main(int argc, char **argv)
{
    SeedArgs args;
    int rc = parse_args(argc, argv, &args);
    if (rc >= 0)
        return rc;
    rc = run(&args);
    fflush(stdout);
    return rc;
}
