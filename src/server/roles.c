#include "server/roles.h"

#include <string.h>

static const struct { unsigned bit; const char *name; } role_names[] = {
    {ROLE_ADVISOR, "advisor"},       {ROLE_BACKOFFICE, "backoffice"},
    {ROLE_TRAINER, "trainer"},       {ROLE_SUPERVISOR, "supervisor"},
    {ROLE_ADMIN, "admin"},
};
#define NROLES (sizeof role_names / sizeof role_names[0])

unsigned Roles_parse(const char *list)
{
    unsigned roles = 0;
    while (list && *list) {
        size_t n = strcspn(list, ",");
        for (size_t i = 0; i < NROLES; i++)
            if (strlen(role_names[i].name) == n && strncmp(list, role_names[i].name, n) == 0)
                roles |= role_names[i].bit;
        list += n + (list[n] == ',');
    }
    return roles;
}

size_t Roles_names(unsigned roles, const char **names, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < NROLES && n < max; i++)
        if (roles & role_names[i].bit)
            names[n++] = role_names[i].name;
    return n;
}

const char *Roles_refusal(unsigned roles)
{
    if (roles & ROLE_TRAINER)
        /* Short enough for the client's one message line at 80 columns. */
        return "Trainers may not open live records or start contacts: no training sandbox yet.";
    return "Ask a supervisor or administrator if you need this access.";
}
