/* The outbox journal loader: what a crashed, killed or tampered-with
 * earlier run left in <state_dir>/outbox is read back (torn records set
 * aside, the rest applied and compacted), then the outbox is closed.
 *
 * An input starting with '{' is a list of records, one JSON text a line,
 * written with the real encoder (Journal_encode) so that they pass the
 * length and checksum checks and reach Outbox_apply; anything else is the
 * journal file byte for byte (framing, checksums, torn tails). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client/outbox/outbox_int.h"
#include "fuzzfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SERVER "https://frontdoor.example"
#define USER "advisor"

/* The journal's own name for SERVER and USER, found once by letting the
 * real code create it. */
static char journal[600];

static void find_journal_name(void)
{
    Fuzzfile_quiet();
    if (Outbox_load(Fuzzfile_dir(), SERVER, USER) < 0) {
        fprintf(stderr, "fuzz_journal: %s\n", ob.err);
        abort();
    }
    snprintf(journal, sizeof journal, "%s", Journal_path(ob.j));
    Outbox_close();
}

/* Lines that are not JSON are kept as they are (damage among records). */
static void encode_lines(const uint8_t *data, size_t size, Buf *out)
{
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        json_t *rec = json_loadb(p, len, 0, NULL);
        if (!rec || Journal_encode(rec, out) < 0) {
            Buf_append(out, p, len);
            Buf_append(out, "\n", nl ? 1 : 0);
        }
        json_decref(rec);
        p += len + (nl ? 1 : 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!journal[0])
        find_journal_name();
    Buf file = BUF_INIT;
    if (size && data[0] == '{')
        encode_lines(data, size, &file);
    else
        Buf_append(&file, (const char *)data, size);
    FILE *f = fopen(journal, "wb");
    if (!f || (file.len && fwrite(file.data, 1, file.len, f) != file.len) || fclose(f) != 0)
        abort();
    Buf_free(&file);
    if (Outbox_load(Fuzzfile_dir(), SERVER, USER) == 0) {
        char status[256];
        for (size_t i = 0; i < Outbox_count(); i++)
            Outbox_find(Outbox_entry(i)->id);
        Outbox_status(status, sizeof status);
    }
    Outbox_close();
    char side[700];
    snprintf(side, sizeof side, "%s.damaged", journal);
    unlink(side);
    return 0;
}
