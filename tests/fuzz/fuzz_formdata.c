/* The Open311 form-data parser (src/server/formdata.c):
 * application/x-www-form-urlencoded bodies straight off the wire. */
#include <stdbool.h>
#include <stdint.h>

#include "server/formdata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Formdata f = FORMDATA_INIT;
    const char *why = NULL;
    if (Formdata_parse(&f, (const char *)data, size, &why) == 0) {
        char code[64];
        for (size_t i = 0; i < f.count; i++) {
            Formdata_get(&f, f.pairs[i].key);
            Formdata_count(&f, f.pairs[i].key);
            Formdata_attribute_code(f.pairs[i].key, code, sizeof code);
        }
    }
    Formdata_free(&f);
    return 0;
}
