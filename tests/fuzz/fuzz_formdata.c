/* The Open311 form-data parser (src/server/formdata.c):
 * application/x-www-form-urlencoded bodies straight off the wire, then the
 * attribute[code] checks against a shipped script (missed-bin), whose
 * reason must be UTF-8 whenever the body was: it is sent back as JSON. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/text.h"
#include "server/formdata.h"
#include "server/open311.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SCRIPT "config/scripts/missed-bin.json"

static Questionnaire *script;
static bool loaded;

/* tests/fuzz/run starts the targets in the source tree. */
static Questionnaire *load_script(void)
{
    loaded = true;
    FILE *f = fopen(SCRIPT, "rb");
    char buf[1 << 16];
    size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
    if (f)
        fclose(f);
    Diag d = DIAG_INIT;
    Questionnaire *q = n ? Questionnaire_parse(buf, n, SCRIPT, &d) : NULL;
    Diag_free(&d);
    if (!q)
        fprintf(stderr, "fuzz_formdata: %s not loaded; attributes checked without it\n", SCRIPT);
    return q;
}

static bool all_utf8(const Formdata *f)
{
    for (size_t i = 0; i < f->count; i++)
        if (!Text_utf8_valid(f->pairs[i].key, strlen(f->pairs[i].key)) ||
            !Text_utf8_valid(f->pairs[i].value, strlen(f->pairs[i].value)))
            return false;
    return true;
}

static void check_attributes(const Formdata *f)
{
    if (!loaded)
        script = load_script();
    json_t *values = NULL, *answers = NULL;
    char why[320] = "";
    if (Open311_check_attributes(script, f, &values, &answers, why, sizeof why) < 0 &&
        all_utf8(f) && !Text_utf8_valid(why, strlen(why))) {
        fprintf(stderr, "fuzz_formdata: the reason sent back is not UTF-8\n");
        abort();
    }
    json_decref(values);
    json_decref(answers);
}

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
        check_attributes(&f);
    }
    Formdata_free(&f);
    return 0;
}
