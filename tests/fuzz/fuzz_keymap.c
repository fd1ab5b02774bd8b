/* The keymap parser (keymaps/NAME.keymap, the user's keymap file), then
 * every lookup and name the help screen would ask of what it built. */
#include <stdlib.h>

#include "client/core/keymap.h"
#include "fuzzfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = Fuzzfile_string(data, size);
    Keymap *km = Keymap_new();
    Diag d = DIAG_INIT;
    Keymap_load_string(km, text, "fuzz.keymap", &d);
    int keys[16];
    char name[64];
    for (int ctx = 0; ctx < CTX_COUNT; ctx++) {
        for (int a = 0; a < ACT_COUNT; a++) {
            size_t n = Keymap_keys_for(km, (Context)ctx, (Action)a, keys, 16);
            for (size_t i = 0; i < n; i++)
                Keymap_key_name(keys[i], name, sizeof name);
        }
    }
    Keymap_parse_key(text);
    Fuzzfile_check_diag(&d, data, size);
    Diag_free(&d);
    Keymap_free(km);
    free(text);
    return 0;
}
