#include "client/customer/identity.h"

#include <stdio.h>
#include <string.h>


static const struct {
    const char *code, *words;
} known[IDENTITY_MAX_METHODS] = {
    {"date_of_birth", "date of birth"},
    {"postcode", "postcode"},
    {"reference", "reference"},
};

const char *Identity_words(const char *code)
{
    for (size_t i = 0; i < IDENTITY_MAX_METHODS; i++)
        if (strcmp(known[i].code, code) == 0)
            return known[i].words;
    return code;
}

static bool Identity_listed(const char *const *out, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (out[i] == code)
            return true;
    return false;
}

/* The next name in a comma-separated list from *p (NULL at the end); *p
 * moves past it. */
static const char *Identity_next(const char **p, size_t *len)
{
    *p += strspn(*p, " ,");
    *len = strcspn(*p, " ,");
    if (!*len)
        return NULL;
    const char *name = *p;
    *p += *len;
    return name;
}

/* The method code a name is, or NULL. */
static const char *Identity_known(const char *name, size_t len)
{
    for (size_t i = 0; i < IDENTITY_MAX_METHODS; i++)
        if (strlen(known[i].code) == len && strncmp(name, known[i].code, len) == 0)
            return known[i].code;
    return NULL;
}

size_t Identity_methods(const char *config, const char **out, size_t max)
{
    size_t n = 0, len;
    const char *name, *code;
    for (const char *p = config ? config : ""; n < max && (name = Identity_next(&p, &len));)
        if ((code = Identity_known(name, len)) && !Identity_listed(out, n, code))
            out[n++] = code;
    return n;
}

/* Whether code is named in list before the name at. */
static bool Identity_named_before(const char *list, const char *at, const char *code)
{
    size_t len;
    const char *name;
    for (const char *p = list; (name = Identity_next(&p, &len)) && name < at;)
        if (Identity_known(name, len) == code)
            return true;
    return false;
}

const char *Identity_bad_name(const char *list, const char **p, size_t *len, bool *repeated)
{
    const char *name, *code;
    while ((name = Identity_next(p, len))) {
        code = Identity_known(name, *len);
        *repeated = code && Identity_named_before(list, name, code);
        if (!code || *repeated)
            return name;
    }
    return NULL;
}

const char *Identity_codes(void)
{
    static char list[120];
    size_t used = 0;
    if (list[0])
        return list;
    for (size_t i = 0; i < IDENTITY_MAX_METHODS; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", known[i].code);
    return list;
}
