/* roles: who may do what. Checked on every route (router.c). */
#ifndef FD_ROLES_H
#define FD_ROLES_H
#include <stddef.h>

enum {
    ROLE_ADVISOR = 1u << 0,
    ROLE_BACKOFFICE = 1u << 1,
    ROLE_TRAINER = 1u << 2,
    ROLE_SUPERVISOR = 1u << 3,
    ROLE_ADMIN = 1u << 4,
};
#define ROLES_STAFF (ROLE_ADVISOR | ROLE_BACKOFFICE | ROLE_TRAINER | ROLE_SUPERVISOR | ROLE_ADMIN)
/* Who may read the reason behind a cautionary-contact flag: the people who
 * deal with the customer. Trainers work in the sandbox and see only that a
 * flag exists. */
#define ROLES_SEE_CAUTION_DETAIL (ROLE_ADVISOR | ROLE_BACKOFFICE | ROLE_SUPERVISOR | ROLE_ADMIN)

/* "advisor,supervisor" -> bits; unknown names are ignored. */
unsigned Roles_parse(const char *list);
/* Bits -> JSON-ready names, in a fixed order; returns the count. */
size_t Roles_names(unsigned roles, const char **names, size_t max);
/* The plain words a refused user reads: a trainer is told why live
 * records are closed to them and what is still open. */
const char *Roles_refusal(unsigned roles);

#endif
