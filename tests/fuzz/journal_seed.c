/* journal_seed: writes an outbox journal with the client's own encoder
 * (Journal_append of Outbox_put_record and the follow-up records the
 * outbox appends), the seed for fuzz_journal. Usage: journal_seed PATH */
#include <stdio.h>
#include <string.h>

#include "client/outbox/outbox_int.h"

static OutboxEntry entry(const char *id, const char *kind, const char *path, json_t *body)
{
    OutboxEntry e = {.attempts = 1, .state = OUTBOX_WAITING, .body = body};
    snprintf(e.id, sizeof e.id, "%s", id);
    snprintf(e.key, sizeof e.key, "%064d", 7);
    snprintf(e.kind, sizeof e.kind, "%s", kind);
    snprintf(e.method, sizeof e.method, "POST");
    snprintf(e.created_at, sizeof e.created_at, "2026-11-23T14:05:00Z");
    e.path = (char *)path;
    e.label = (char *)"Contact for Ms O'Brien";
    return e;
}

static int append(Journal *j, json_t *rec)
{
    int rc = rec ? Journal_append(j, rec) : -1;
    json_decref(rec);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: journal_seed PATH\n");
        return 2;
    }
    JournalDamage d;
    Journal *j = Journal_open(argv[1], NULL, NULL, &d, NULL);
    if (!j) {
        perror(argv[1]);
        return 1;
    }
    json_t *contact = json_pack("{s:s, s:s, s:i}", "customer_id", "3", "wrap_code", "bins",
                                "seconds", 300);
    OutboxEntry a = entry("0123456789abcdef0123456789abcdef", "contact", "/api/v1/contacts", contact);
    OutboxEntry b = entry("fedcba9876543210fedcba9876543210", "customer.update",
                          "/api/v1/customers/3", json_pack("{s:s}", "phone", "01632 960445"));
    b.if_match = (char *)"\"4\"";
    b.meta = json_pack("{s:{s:s}}", "was", "phone", "01632 960000");
    int rc = append(j, Outbox_put_record(&a)) | append(j, Outbox_put_record(&b)) |
             append(j, json_pack("{s:s, s:s, s:i}", "op", "attempt", "id", a.id, "n", 2)) |
             append(j, json_pack("{s:s, s:s, s:i, s:{s:s}}", "op", "attention", "id", b.id,
                                 "status", 412, "problem", "title", "Someone else changed this")) |
             append(j, json_pack("{s:s, s:s, s:s, s:{s:s}}", "op", "resubmit", "id", b.id, "key",
                                 "k2", "body", "phone", "01632 960446")) |
             append(j, json_pack("{s:s, s:s, s:{}}", "op", "meta", "id", b.id, "meta")) |
             append(j, json_pack("{s:s, s:s}", "op", "done", "id", a.id));
    json_decref(a.body);
    json_decref(b.body);
    json_decref(b.meta);
    Journal_close(j);
    return rc ? 1 : 0;
}
