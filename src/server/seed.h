/* seed: `frontdoord seed --db PATH [--customers N] [--seed S]` fills a
 * fresh database with deterministic synthetic demo data: the test
 * fixtures, N customers in all, and one user per role (password "demo"). */
#ifndef FD_SEED_H
#define FD_SEED_H

/* argv[0] is "seed". Returns the process exit code: 0 done, 1 failed,
 * 2 bad arguments (usage on stderr). */
int Seed_main(int argc, char **argv);

#endif
