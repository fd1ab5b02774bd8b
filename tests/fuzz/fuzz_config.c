/* The client's config file parser (config/frontdoor.conf, /etc and the
 * user's file), then writing every option back out. */
#include <stdio.h>

#include "client/core/config.h"
#include "fuzzfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!sink && !(sink = fopen("/dev/null", "w")))
        return 0;
    const char *path = Fuzzfile_write("frontdoor.conf", data, size);
    Config c;
    Config_defaults(&c);
    Diag d = DIAG_INIT;
    Config_load_file(&c, path, true, &d);
    Config_resolve(&c);
    Config_write(&c, sink);
    Fuzzfile_check_diag(&d, data, size);
    Diag_free(&d);
    return 0;
}
