#include "client/core/embedded.h"

#include <string.h>

static const struct { const char *name; const char *text; } embedded[] = {
    {"keymaps/default.keymap", fd_embedded_default_keymap},
    {"screens/search.screen", fd_embedded_search_screen},
    {"screens/customer.screen", fd_embedded_customer_screen},
};

const char *Embedded_get(const char *name)
{
    for (size_t i = 0; i < sizeof embedded / sizeof embedded[0]; i++)
        if (strcmp(embedded[i].name, name) == 0)
            return embedded[i].text;
    return NULL;
}
