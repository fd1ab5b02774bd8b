/* The screen parser (screens/NAME.screen, a council's screens_dir copy),
 * then formatting a record through what it built. */
#include <jansson.h>
#include <stdlib.h>

#include "client/core/screen.h"
#include "fuzzfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static json_t *record;

static void show(const Screen *s, const ScreenField *fields, size_t n, const json_t *item)
{
    char out[256];
    for (size_t i = 0; i < n; i++) {
        Screen_format_field(s, &fields[i], item, false, out, sizeof out);
        Screen_format_field(s, &fields[i], item, true, out, sizeof out);
        Screen_field_empty(&fields[i], item);
        Screen_value_label(s, fields[i].path);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!record)
        record = json_pack("{s:s, s:s, s:s, s:i, s:b, s:[s, s], s:{s:s}, s:[{s:s}]}", "given_name",
                           "Zoë", "date_of_birth", "1961-04-09", "updated_at",
                           "2026-11-23T14:05:00Z", "balance", 12345, "vulnerable", 1, "tags",
                           "a", "b", "address", "line1", "1 High St", "items", "ref", "FD-1");
    char *text = Fuzzfile_string(data, size);
    Diag d = DIAG_INIT;
    Screen *s = Screen_parse(text, "fuzz.screen", &d);
    if (s) {
        show(s, s->columns, s->ncolumns, record);
        for (size_t i = 0; i < s->nsections; i++)
            show(s, s->sections[i].fields, s->sections[i].nfields, record);
        Screen_free(s);
    }
    Fuzzfile_check_diag(&d, data, size);
    Diag_free(&d);
    free(text);
    return 0;
}
