/* The outbox journal loader: what a crashed, killed or tampered-with
 * earlier run left in <state_dir>/outbox is read back (torn records set
 * aside, the rest applied and compacted), then the outbox is closed. */
#include <stdio.h>
#include <unistd.h>

#include "client/outbox_int.h"
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!journal[0])
        find_journal_name();
    FILE *f = fopen(journal, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
        abort();
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
